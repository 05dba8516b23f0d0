import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import { ACCESS_ACTIONS, DATA_CATEGORIES, DATA_CATEGORY_LABELS, PURPOSES } from '../../../contracts/enums.ts';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { listName } from '../../lib/format.ts';
import { ACTION_LABELS, PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { StaffName } from '../audit/staff-name.tsx';
import { useHasRole } from '../auth/require-role.tsx';
import { useCaseloadOptions } from '../people/people-api.ts';
import { StaffPicker } from '../people/staff-picker.tsx';
import { useExplain } from './access-api.ts';
import { ExplainResult } from './explain-result.tsx';

const LABELS = {
  staffId: 'Staff member',
  personId: 'Person',
  category: 'Information',
  purpose: 'Purpose',
  action: 'Action',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IG leads type (or bring) a person id; care coordinators choose from their caseload. */
function PersonField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const hasRole = useHasRole();
  const igLead = hasRole('ig_lead');
  const caseload = useCaseloadOptions(!igLead);
  if (igLead) {
    return (
      <TextInput
        id="explain-personId"
        label="Person id"
        hint="Copy it from an audit entry, or follow “Explain” from the audit log."
        value={value}
        onChange={onChange}
        error={error}
        spellCheck={false}
        autoComplete="off"
        width={30}
      />
    );
  }
  return (
    <Select
      id="explain-personId"
      label="Person"
      hint="People on your caseload."
      value={value}
      onChange={onChange}
      error={error}
      placeholder={caseload.isPending ? 'Loading…' : 'Choose a person'}
      options={(caseload.data?.items ?? []).map((p) => ({ value: p.id, label: listName(p) }))}
    />
  );
}

/** "Could this member of staff see this, and why?": the decision function's own answer, explained. */
export function ExplainPage() {
  const [params] = useSearchParams();
  const explain = useExplain();
  const [staffId, setStaffId] = useState(params.get('staffId') ?? '');
  const [personId, setPersonId] = useState(params.get('personId') ?? '');
  const [category, setCategory] = useState('CRISIS_PLAN');
  const [purpose, setPurpose] = useState('DIRECT_CARE');
  const [action, setAction] = useState('view');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Explain access', errors.summary.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!staffId) fields.staffId = 'Find and choose a staff member';
    if (!UUID.test(personId.trim())) fields.personId = 'Enter or choose a person';
    const chosen = {
      category: DATA_CATEGORIES.find((c) => c === category),
      purpose: PURPOSES.find((p) => p === purpose),
      action: ACCESS_ACTIONS.find((a) => a === action),
    };
    if (Object.keys(fields).length > 0 || !chosen.category || !chosen.purpose || !chosen.action) {
      setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `explain-${k}` })),
        fields,
      });
      return;
    }
    setErrors(NO_ERRORS);
    explain.mutate(
      {
        staffId,
        personId: personId.trim(),
        category: chosen.category,
        purpose: chosen.purpose,
        action: chosen.action,
      },
      { onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'explain')) },
    );
  };

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <h1>Explain access</h1>
          <p>
            Ask whether a member of staff could see a kind of information about a person, and why. The answer
            comes from the same rules that decide every real request, with today’s care teams, agreements and
            consent.
          </p>
          <form onSubmit={submit} noValidate>
            <StaffPicker
              id="explain-staffId"
              value={staffId}
              onChange={setStaffId}
              error={errors.fields.staffId}
            />
            {staffId ? (
              <p className="nhsuk-body-s" data-testid="explain-chosen-staff">
                Asking about: <StaffName id={staffId} />
              </p>
            ) : null}
            <PersonField value={personId} onChange={setPersonId} error={errors.fields.personId} />
            <Select
              id="explain-category"
              label="Information"
              value={category}
              onChange={setCategory}
              options={DATA_CATEGORIES.map((c) => ({ value: c, label: DATA_CATEGORY_LABELS[c] }))}
            />
            <Select
              id="explain-purpose"
              label="Purpose"
              value={purpose}
              onChange={setPurpose}
              options={PURPOSES.map((p) => ({ value: p, label: PURPOSE_LABELS[p] }))}
            />
            <Radios
              id="explain-action"
              label="Action"
              small
              value={action}
              onChange={setAction}
              options={ACCESS_ACTIONS.map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
            />
            <button className="nhsuk-button" type="submit">
              {explain.isPending ? 'Asking…' : 'Explain'}
            </button>
          </form>
        </div>
      </div>
      <p className="nhsuk-u-visually-hidden" role="status">
        {explain.data ? 'The answer is below the form.' : ''}
      </p>
      {explain.data ? <ExplainResult explanation={explain.data} personId={personId.trim()} /> : null}
    </>
  );
}
