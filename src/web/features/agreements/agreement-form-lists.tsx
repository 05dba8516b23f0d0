import {
  ARTICLE_6_BASES,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  PURPOSES,
} from '../../../contracts/enums.ts';
import { Checkboxes } from '../../components/choice-group.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { todayIso } from '../../lib/format.ts';
import { ARTICLE_6_LABELS, optionsOf, PARTY_ROLE_LABELS, PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { useOrganisationOptions } from '../directory/organisation-options.ts';
import type { GrantDraft, PartyDraft, SignatoryDraft } from './agreement-draft.ts';
import { Section, type SectionProps } from './agreement-form-sections.tsx';

/** Replaces row i of a list. */
function withRow<T>(rows: readonly T[], i: number, patch: Partial<T>): T[] {
  return rows.map((row, j) => (j === i ? { ...row, ...patch } : row));
}

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button className="accord-link-button accord-remove" type="button" onClick={onClick}>
      Remove<span className="nhsuk-u-visually-hidden"> {label}</span>
    </button>
  );
}

/** Parties with their UK GDPR roles, and an Article 6 basis where a party's own differs. */
export function PartiesSection({ draft, set, errors }: SectionProps) {
  const organisations = useOrganisationOptions();
  const put = (parties: PartyDraft[]) => set({ parties });
  return (
    <Section title="Parties">
      {errors['agreement-parties'] ? (
        <p className="nhsuk-error-message" id="agreement-parties">
          {errors['agreement-parties']}
        </p>
      ) : null}
      {draft.parties.map((p, i) => (
        <div className="accord-row-group" key={`party-${i.toString()}`}>
          <h3 className="nhsuk-heading-s">Party {i + 1}</h3>
          <Select
            id={`agreement-parties-${i}-organisationId`}
            label="Organisation"
            placeholder="Choose an organisation"
            value={p.organisationId}
            onChange={(v) => put(withRow(draft.parties, i, { organisationId: v }))}
            options={organisations.options}
            error={errors[`agreement-parties-${i}-organisationId`]}
          />
          <Select
            id={`agreement-parties-${i}-role`}
            label="Role"
            value={p.role}
            options={optionsOf(PARTY_ROLE_LABELS)}
            onChange={(v) =>
              put(
                withRow(draft.parties, i, {
                  role: v === 'PROCESSOR' || v === 'JOINT_CONTROLLER' ? v : 'CONTROLLER',
                }),
              )
            }
          />
          <Select
            id={`agreement-parties-${i}-article6Basis`}
            label="Its own Article 6 basis (if different)"
            placeholder="Same as the agreement"
            value={p.article6Basis}
            onChange={(v) => put(withRow(draft.parties, i, { article6Basis: v }))}
            options={ARTICLE_6_BASES.map((b) => ({ value: b, label: ARTICLE_6_LABELS[b] }))}
          />
          <RemoveButton
            label={`party ${i + 1}`}
            onClick={() => put(draft.parties.filter((_, j) => j !== i))}
          />
        </div>
      ))}
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        onClick={() => put([...draft.parties, { organisationId: '', role: 'CONTROLLER', article6Basis: '' }])}
      >
        Add a party
      </button>
    </Section>
  );
}

/** Grants, one per purpose: from which party, to which, and which kinds of information. */
export function GrantsSection({ draft, set, errors }: SectionProps) {
  const organisations = useOrganisationOptions();
  const put = (grants: GrantDraft[]) => set({ grants });
  const partyOptions = organisations.options.filter((o) =>
    draft.parties.some((p) => p.organisationId === o.value),
  );
  const options = partyOptions.length >= 2 ? partyOptions : organisations.options;
  return (
    <Section title="What may be shared">
      <div className="nhsuk-hint">One row for each flow: from one party to another, for one purpose.</div>
      {errors['agreement-grants'] ? (
        <p className="nhsuk-error-message" id="agreement-grants">
          {errors['agreement-grants']}
        </p>
      ) : null}
      {draft.grants.map((g, i) => {
        const id = (f: string) => `agreement-grants-${i}-${f}`;
        return (
          <div className="accord-row-group" key={`grant-${i.toString()}`}>
            <h3 className="nhsuk-heading-s">Flow {i + 1}</h3>
            <div>
              <Select
                id={id('fromOrganisationId')}
                label="From"
                placeholder="Choose"
                value={g.fromOrganisationId}
                options={options}
                onChange={(v) => put(withRow(draft.grants, i, { fromOrganisationId: v }))}
                error={errors[id('fromOrganisationId')]}
              />
              <Select
                id={id('toOrganisationId')}
                label="To"
                placeholder="Choose"
                value={g.toOrganisationId}
                options={options}
                onChange={(v) => put(withRow(draft.grants, i, { toOrganisationId: v }))}
                error={errors[id('toOrganisationId')]}
              />
              <Select
                id={id('purpose')}
                label="Purpose"
                value={g.purpose}
                options={PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }))}
                onChange={(v) => put(withRow(draft.grants, i, { purpose: v }))}
              />
            </div>
            <Checkboxes
              id={id('categories')}
              label="Information"
              small
              values={g.categories}
              error={errors[id('categories')]}
              onChange={(v) => put(withRow(draft.grants, i, { categories: v }))}
              options={DATA_CATEGORIES.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] }))}
            />
            <RemoveButton
              label={`flow ${i + 1}`}
              onClick={() => put(draft.grants.filter((_, j) => j !== i))}
            />
          </div>
        );
      })}
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        onClick={() =>
          put([
            ...draft.grants,
            { fromOrganisationId: '', toOrganisationId: '', purpose: 'DIRECT_CARE', categories: [] },
          ])
        }
      >
        Add a flow
      </button>
    </Section>
  );
}

/** Who signed for each party, and when. */
export function SignatoriesSection({ draft, set, errors }: SectionProps) {
  const organisations = useOrganisationOptions();
  const put = (signatories: SignatoryDraft[]) => set({ signatories });
  return (
    <Section title="Signatories">
      {errors['agreement-signatories'] ? (
        <p className="nhsuk-error-message" id="agreement-signatories">
          {errors['agreement-signatories']}
        </p>
      ) : null}
      {draft.signatories.map((s, i) => {
        const id = (f: string) => `agreement-signatories-${i}-${f}`;
        return (
          <div className="accord-row-group" key={`signatory-${i.toString()}`}>
            <h3 className="nhsuk-heading-s">Signatory {i + 1}</h3>
            <TextInput
              id={id('name')}
              label="Name"
              value={s.name}
              onChange={(v) => put(withRow(draft.signatories, i, { name: v }))}
              error={errors[id('name')]}
            />
            <TextInput
              id={id('role')}
              label="Role"
              hint="For example “Caldicott guardian”."
              value={s.role}
              onChange={(v) => put(withRow(draft.signatories, i, { role: v }))}
              error={errors[id('role')]}
            />
            <Select
              id={id('organisationId')}
              label="Signed for"
              placeholder="Choose an organisation"
              value={s.organisationId}
              options={organisations.options}
              onChange={(v) => put(withRow(draft.signatories, i, { organisationId: v }))}
              error={errors[id('organisationId')]}
            />
            <TextInput
              id={id('signedOn')}
              label="Date signed"
              type="date"
              width={10}
              value={s.signedOn}
              onChange={(v) => put(withRow(draft.signatories, i, { signedOn: v }))}
              error={errors[id('signedOn')]}
            />
            <RemoveButton
              label={`signatory ${i + 1}`}
              onClick={() => put(draft.signatories.filter((_, j) => j !== i))}
            />
          </div>
        );
      })}
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        onClick={() =>
          put([...draft.signatories, { name: '', role: '', organisationId: '', signedOn: todayIso() }])
        }
      >
        Add a signatory
      </button>
    </Section>
  );
}
