import { useState } from 'react';
import { DATA_CATEGORIES, DATA_CATEGORY_LABELS, type DataCategory } from '../../../../contracts/enums.ts';
import { Checkboxes, Radios } from '../../../components/choice-group.tsx';
import { Select } from '../../../components/select.tsx';
import { useOrganisationOptions } from '../../directory/organisation-options.ts';
import type { PartnerChoice } from './capture-draft.ts';
import type { StepProps } from './capture-steps.tsx';

const CATEGORY_OPTIONS = DATA_CATEGORIES.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] }));

/** "Wendle Valley Homes may see: crisis plan", "No one sees: medication, diagnosis". */
function describe(
  kind: 'partner' | 'restriction',
  choice: PartnerChoice,
  orgName: (id: string) => string,
): string {
  const what =
    choice.categories.length === 0
      ? 'any information'
      : choice.categories.map((c) => DATA_CATEGORY_LABELS[c].toLowerCase()).join(', ');
  if (kind === 'partner') return `${orgName(choice.organisationId)} may see: ${what}`;
  return choice.organisationId
    ? `${orgName(choice.organisationId)} never sees: ${what}`
    : `No one sees: ${what}`;
}

/** The added choices, each with a remove button; then a small form to add another. */
function ChoiceEditor({
  kind,
  choices,
  onChange,
  error,
}: {
  kind: 'partner' | 'restriction';
  choices: PartnerChoice[];
  onChange: (next: PartnerChoice[]) => void;
  error?: string | undefined;
}) {
  const organisations = useOrganisationOptions();
  const orgName = (id: string) => organisations.options.find((o) => o.value === id)?.label ?? id;
  const [who, setWho] = useState(kind === 'partner' ? 'one' : 'everyone');
  const [organisationId, setOrganisationId] = useState('');
  const [categories, setCategories] = useState<string[]>([]);
  const [localError, setLocalError] = useState<string | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const id = `capture-${kind}`;

  const add = () => {
    if (who === 'one' && !organisationId) return setLocalError('Choose an organisation');
    setLocalError(undefined);
    const chosen = DATA_CATEGORIES.filter((c): c is DataCategory => categories.includes(c));
    const choice = { organisationId: who === 'one' ? organisationId : '', categories: chosen };
    onChange([...choices, choice]);
    setAnnouncement(`Added. ${describe(kind, choice, orgName)}`);
    setOrganisationId('');
    setCategories([]);
  };

  return (
    <>
      <p className="nhsuk-u-visually-hidden" role="status">
        {announcement}
      </p>
      {choices.length > 0 ? (
        <ul className="nhsuk-list accord-choice-list">
          {choices.map((c, i) => (
            <li key={`${c.organisationId}-${c.categories.join()}-${i.toString()}`}>
              <span>{describe(kind, c, orgName)}</span>{' '}
              <button
                className="accord-link-button"
                type="button"
                onClick={() => onChange(choices.filter((_, j) => j !== i))}
              >
                Remove<span className="nhsuk-u-visually-hidden"> {describe(kind, c, orgName)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="accord-muted">
          {kind === 'partner' ? 'No named partners yet.' : 'No restrictions yet.'}
        </p>
      )}
      <div className="accord-add-panel">
        <h2 className="nhsuk-heading-s">
          {kind === 'partner' ? 'Add a named partner' : 'Add a restriction'}
        </h2>
        {kind === 'restriction' ? (
          <Radios
            id={`${id}-who`}
            label="Who does it apply to?"
            small
            inline
            value={who}
            onChange={setWho}
            options={[
              { value: 'everyone', label: 'Everyone' },
              { value: 'one', label: 'One organisation' },
            ]}
          />
        ) : null}
        {who === 'one' ? (
          <Select
            id={`${id}-organisationId`}
            label="Organisation"
            value={organisationId}
            onChange={setOrganisationId}
            error={localError ?? error}
            placeholder="Choose an organisation"
            options={organisations.options}
          />
        ) : null}
        <Checkboxes
          id={`${id}-categories`}
          label={kind === 'partner' ? 'What may they see?' : 'What must never be shared?'}
          hint="Tick none to mean every kind of information."
          small
          values={categories}
          onChange={setCategories}
          options={CATEGORY_OPTIONS}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={add}>
          {kind === 'partner' ? 'Add this partner' : 'Add this restriction'}
        </button>
      </div>
    </>
  );
}

/** Named partners: organisations the person agrees may see chosen kinds of information. */
export function PartnersStep({ draft, change, errors }: StepProps) {
  return (
    <>
      <p>
        Name any organisation the person agrees may see their information, even if it is not on the care team
        (for example their housing provider). You can go on without naming any.
      </p>
      <ChoiceEditor
        kind="partner"
        choices={draft.partners}
        onChange={(partners) => change({ partners })}
        error={errors.partners}
      />
    </>
  );
}

/** Restrictions: what must never go to a partner, or to anyone. They win over any permission. */
export function RestrictionsStep({ draft, change, errors }: StepProps) {
  return (
    <>
      <p>
        Record anything the person does not want shared, for example “housing never sees medication or
        diagnosis”. A restriction always wins over a permission.
      </p>
      <ChoiceEditor
        kind="restriction"
        choices={draft.restrictions}
        onChange={(restrictions) => change({ restrictions })}
        error={errors.restrictions}
      />
    </>
  );
}
