import { Radios } from '../../../components/choice-group.tsx';
import { DateInput } from '../../../components/date-input.tsx';
import { TextInput } from '../../../components/text-input.tsx';
import { Textarea } from '../../../components/textarea.tsx';
import { Inset } from '../../../components/warning.tsx';
import type { CaptureDraft } from './capture-draft.ts';

/** What every step receives: the draft, a way to change it, and inline errors by field. */
export interface StepProps {
  draft: CaptureDraft;
  change: (patch: Partial<CaptureDraft>) => void;
  errors: Record<string, string>;
}

/** Mental Capacity Act 2005: capacity first; without it, a recorded best-interests decision. */
export function CapacityStep({ draft, change, errors }: StepProps) {
  return (
    <>
      <p>
        Assume the person can decide unless you have assessed that they cannot make this decision, at this
        time, even with support.
      </p>
      <Radios
        id="capture-capacity"
        label="Can the person decide who their information is shared with?"
        value={draft.capacity}
        onChange={(v) => change({ capacity: v === 'LACKS_CAPACITY' ? 'LACKS_CAPACITY' : 'HAS_CAPACITY' })}
        error={errors.capacity}
        options={[
          { value: 'HAS_CAPACITY', label: 'Yes, they have capacity to make this decision' },
          { value: 'LACKS_CAPACITY', label: 'No, they lack capacity to make this decision' },
        ]}
      />
      {draft.capacity === 'LACKS_CAPACITY' ? (
        <>
          <Textarea
            id="capture-bestInterestsDecision"
            label="Best-interests decision"
            hint="What was decided on the person’s behalf, who was consulted and why it is in their best interests."
            value={draft.bestInterestsDecision}
            onChange={(v) => change({ bestInterestsDecision: v })}
            error={errors.bestInterestsDecision}
          />
          <TextInput
            id="capture-decisionMaker"
            label="Decision maker"
            hint="Name and role, for example “Dr Ravi Menon, consultant psychiatrist”."
            value={draft.decisionMaker}
            onChange={(v) => change({ decisionMaker: v })}
            error={errors.decisionMaker}
            width={30}
          />
        </>
      ) : null}
    </>
  );
}

/** Routine coordination among whoever is on the care team, now or later. */
export function RoutineStep({
  draft,
  change,
  errors,
  careTeamOrganisations,
}: StepProps & { careTeamOrganisations: string[] }) {
  return (
    <>
      <p>
        Organisations on the person’s care team share what each needs to coordinate their care. This covers
        organisations that join the care team later too.
      </p>
      {careTeamOrganisations.length > 0 ? (
        <Inset>
          <p>On the care team now: {careTeamOrganisations.join(', ')}.</p>
        </Inset>
      ) : null}
      <Radios
        id="capture-routine"
        label="Does the person agree to this sharing?"
        value={draft.routine}
        onChange={(v) => change({ routine: v === 'yes' ? 'yes' : 'no' })}
        error={errors.routine}
        options={[
          { value: 'yes', label: 'Yes, the care team may share to coordinate my care' },
          { value: 'no', label: 'No, only the partners I name' },
        ]}
      />
    </>
  );
}

/** The plain-language explanation the worker gave, kept with the decision. */
export function ExplanationStep({ draft, change, errors }: StepProps) {
  return (
    <Textarea
      id="capture-explanation"
      label="What did you explain to the person?"
      hint="In the words you used: who would see what, why, and that they can change their mind at any time. At least 20 characters."
      value={draft.explanation}
      onChange={(v) => change({ explanation: v })}
      error={errors.explanation}
      rows={6}
    />
  );
}

/** When consent is next reviewed with the person (events can bring the review forward). */
export function ReviewStep({ draft, change, errors }: StepProps) {
  return (
    <DateInput
      id="capture-reviewDate"
      label="Review date"
      hint="Usually within a year. An admission, a safeguarding concern or a new partner brings the review forward."
      value={draft.reviewDate}
      onChange={(v) => change({ reviewDate: v })}
      error={errors.reviewDate}
    />
  );
}
