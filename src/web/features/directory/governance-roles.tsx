import { type FormEvent, useState } from 'react';
import type { Organisation } from '../../../contracts/directory.ts';
import { GOVERNANCE_ROLES } from '../../../contracts/enums.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Select } from '../../components/select.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { GOVERNANCE_ROLE_LABELS } from '../../lib/labels.ts';
import { ALL, useDirectoryMutations, useStaffList } from './directory-api.ts';

/** Who holds each named governance role of an organisation, and a form to name a holder. */
export function GovernanceRoles({ organisation }: { organisation: Organisation }) {
  const staff = useStaffList({ organisationId: organisation.id, pageSize: ALL });
  const { assignGovernance } = useDirectoryMutations();
  const [role, setRole] = useState('');
  const [staffId, setStaffId] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [done, setDone] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    const chosen = GOVERNANCE_ROLES.find((r) => r === role);
    const fields: Record<string, string> = {};
    if (!chosen) fields.role = 'Choose a governance role';
    if (!staffId) fields.staffId = 'Choose a staff member';
    if (!chosen || !staffId) {
      const ids: Record<string, string> = { role: 'governance-role', staffId: 'governance-staffId' };
      return setErrors({
        fields,
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: ids[k] ?? '' })),
      });
    }
    assignGovernance.mutate(
      { id: organisation.id, role: chosen, staffId },
      {
        onSuccess: () => {
          setErrors(NO_ERRORS);
          setDone(`${GOVERNANCE_ROLE_LABELS[chosen]} assigned.`);
        },
        onError: (error) =>
          setErrors(
            formErrorsFrom(error, { role: 'Governance role', staffId: 'Staff member' }, 'governance'),
          ),
      },
    );
  };

  return (
    <section aria-labelledby="governance-heading">
      <h2 id="governance-heading">Governance roles</h2>
      <dl className="nhsuk-summary-list">
        {GOVERNANCE_ROLES.map((r) => {
          const holders = organisation.governance.filter((g) => g.role === r);
          return (
            <div className="nhsuk-summary-list__row" key={r}>
              <dt className="nhsuk-summary-list__key">{GOVERNANCE_ROLE_LABELS[r]}</dt>
              <dd className="nhsuk-summary-list__value">
                {holders.length > 0 ? (
                  holders.map((h) => h.displayName).join(', ')
                ) : (
                  <span className="accord-muted">Not assigned</span>
                )}
              </dd>
            </div>
          );
        })}
      </dl>
      <h3>Assign a governance role</h3>
      {done ? (
        <p className="accord-confirmation" role="status">
          {done}
        </p>
      ) : null}
      <ErrorSummary errors={errors.summary} />
      <form onSubmit={submit} noValidate>
        <Select
          id="governance-role"
          label="Governance role"
          value={role}
          onChange={setRole}
          placeholder="Choose a role"
          options={GOVERNANCE_ROLES.map((r) => ({ value: r, label: GOVERNANCE_ROLE_LABELS[r] }))}
          error={errors.fields.role}
        />
        <Select
          id="governance-staffId"
          label="Staff member"
          hint={`Only staff of ${organisation.name} can hold its governance roles.`}
          value={staffId}
          onChange={setStaffId}
          placeholder={staff.isPending ? 'Loading staff…' : 'Choose a staff member'}
          options={(staff.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.displayName}, ${s.jobTitle}`,
          }))}
          error={errors.fields.staffId}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Assign role
        </button>
      </form>
    </section>
  );
}
