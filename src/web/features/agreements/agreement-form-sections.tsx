import type { ReactNode } from 'react';
import { ARTICLE_6_BASES, ARTICLE_9_CONDITIONS, COMMON_LAW_BASES } from '../../../contracts/enums.ts';
import { Radios } from '../../components/choice-group.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ARTICLE_6_LABELS, ARTICLE_9_LABELS, COMMON_LAW_LABELS } from '../../lib/legal-labels.ts';
import type { AgreementDraft } from './agreement-draft.ts';

/** What each section of the editor receives; errors are keyed by field id (agreement-<path>). */
export interface SectionProps {
  draft: AgreementDraft;
  set: (patch: Partial<AgreementDraft>) => void;
  errors: Record<string, string>;
}

/** A titled part of the editor. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="nhsuk-fieldset accord-form-section">
      <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">{title}</legend>
      {children}
    </fieldset>
  );
}

/** Title, who the data is about, DPIA and dates. */
export function BasicsSection({ draft, set, errors }: SectionProps) {
  return (
    <Section title="About the agreement">
      <TextInput
        id="agreement-title"
        label="Title"
        value={draft.title}
        onChange={(v) => set({ title: v })}
        error={errors['agreement-title']}
      />
      <Textarea
        id="agreement-dataSubjects"
        label="Who the data is about"
        hint="For example “adults on the community mental health team caseload”."
        rows={2}
        value={draft.dataSubjects}
        onChange={(v) => set({ dataSubjects: v })}
        error={errors['agreement-dataSubjects']}
      />
      <TextInput
        id="agreement-dpiaReference"
        label="DPIA reference"
        value={draft.dpiaReference}
        onChange={(v) => set({ dpiaReference: v })}
        error={errors['agreement-dpiaReference']}
        width={20}
      />
      <div className="accord-filter">
        <TextInput
          id="agreement-startDate"
          label="Starts"
          type="date"
          value={draft.startDate}
          onChange={(v) => set({ startDate: v })}
          error={errors['agreement-startDate']}
          width={10}
        />
        <TextInput
          id="agreement-endDate"
          label="Ends (optional)"
          type="date"
          value={draft.endDate}
          onChange={(v) => set({ endDate: v })}
          error={errors['agreement-endDate']}
          width={10}
        />
        <TextInput
          id="agreement-reviewDate"
          label="Review by"
          type="date"
          value={draft.reviewDate}
          onChange={(v) => set({ reviewDate: v })}
          error={errors['agreement-reviewDate']}
          width={10}
        />
      </div>
    </Section>
  );
}

/** The legal bases: UK GDPR Articles 6 and 9, DPA 2018 Schedule 1, the common law, and the opt-out. */
export function LegalBasisSection({ draft, set, errors }: SectionProps) {
  return (
    <Section title="Legal basis">
      <Select
        id="agreement-article6Basis"
        label="UK GDPR Article 6 lawful basis"
        placeholder="Choose a basis"
        value={draft.article6Basis}
        onChange={(v) => set({ article6Basis: v })}
        error={errors['agreement-article6Basis']}
        options={ARTICLE_6_BASES.map((b) => ({ value: b, label: ARTICLE_6_LABELS[b] }))}
      />
      <Select
        id="agreement-article9Condition"
        label="UK GDPR Article 9 condition"
        placeholder="Choose a condition"
        value={draft.article9Condition}
        onChange={(v) => set({ article9Condition: v })}
        error={errors['agreement-article9Condition']}
        options={ARTICLE_9_CONDITIONS.map((b) => ({ value: b, label: ARTICLE_9_LABELS[b] }))}
      />
      <TextInput
        id="agreement-dpaSchedule1Condition"
        label="DPA 2018 Schedule 1 condition"
        hint="Needed for some Article 9 conditions, for example “Part 2 paragraph 18 (safeguarding)”."
        value={draft.dpaSchedule1Condition}
        onChange={(v) => set({ dpaSchedule1Condition: v })}
        error={errors['agreement-dpaSchedule1Condition']}
      />
      <Select
        id="agreement-commonLawBasis"
        label="Common-law duty of confidentiality"
        placeholder="Choose a basis"
        value={draft.commonLawBasis}
        onChange={(v) => set({ commonLawBasis: v })}
        error={errors['agreement-commonLawBasis']}
        options={COMMON_LAW_BASES.map((b) => ({ value: b, label: COMMON_LAW_LABELS[b] }))}
      />
      <Radios
        id="agreement-nationalDataOptOutApplies"
        label="Does the national data opt-out apply?"
        inline
        small
        value={draft.optOut}
        onChange={(v) => set({ optOut: v === 'yes' ? 'yes' : 'no' })}
        error={errors['agreement-nationalDataOptOutApplies']}
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
      />
      <Textarea
        id="agreement-nationalDataOptOutRationale"
        label="Why"
        rows={2}
        value={draft.optOutRationale}
        onChange={(v) => set({ optOutRationale: v })}
        error={errors['agreement-nationalDataOptOutRationale']}
      />
    </Section>
  );
}

/** Retention, security controls and the incident route. */
export function SafeguardsSection({ draft, set, errors }: SectionProps) {
  return (
    <Section title="Retention, security and incidents">
      <TextInput
        id="agreement-retention-period"
        label="How long shared data is kept"
        value={draft.retentionPeriod}
        onChange={(v) => set({ retentionPeriod: v })}
        error={errors['agreement-retention-period']}
      />
      <TextInput
        id="agreement-retention-trigger"
        label="Counted from"
        hint="For example “discharge from the service”."
        value={draft.retentionTrigger}
        onChange={(v) => set({ retentionTrigger: v })}
        error={errors['agreement-retention-trigger']}
      />
      <TextInput
        id="agreement-retention-method"
        label="How it is disposed of"
        value={draft.retentionMethod}
        onChange={(v) => set({ retentionMethod: v })}
        error={errors['agreement-retention-method']}
      />
      <Textarea
        id="agreement-securityControls"
        label="Security controls"
        hint="The common measures every party applies: access control, encryption, audit."
        rows={4}
        value={draft.securityControls}
        onChange={(v) => set({ securityControls: v })}
        error={errors['agreement-securityControls']}
      />
      <Textarea
        id="agreement-incidentEscalation-route"
        label="Incident escalation route"
        rows={3}
        value={draft.incidentRoute}
        onChange={(v) => set({ incidentRoute: v })}
        error={errors['agreement-incidentEscalation-route']}
      />
      <Textarea
        id="agreement-incidentEscalation-contacts"
        label="Incident contacts"
        hint="One on each line."
        rows={3}
        value={draft.incidentContacts}
        onChange={(v) => set({ incidentContacts: v })}
        error={errors['agreement-incidentEscalation-contacts']}
      />
      <TextInput
        id="agreement-incidentEscalation-timescaleHours"
        label="Tell the other parties within (hours)"
        hint="The controller reports to the ICO within 72 hours where required."
        inputMode="numeric"
        width={4}
        value={draft.incidentTimescaleHours}
        onChange={(v) => set({ incidentTimescaleHours: v })}
        error={errors['agreement-incidentEscalation-timescaleHours']}
      />
    </Section>
  );
}
