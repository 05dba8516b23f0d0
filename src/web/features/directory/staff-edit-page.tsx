import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Staff } from '../../../contracts/directory.ts';
import { STAFF_ROLES } from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Checkboxes } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useDirectoryMutations, useRoleGrants, useStaff, useTeams } from './directory-api.ts';

const LABELS = {
  displayName: 'Full name',
  jobTitle: 'Job title',
  email: 'Email address',
  roles: 'Roles',
  teamIds: 'Teams',
};

/** What the save did, in words: roles that open person data wait for a second person. */
function savedMessage(saved: Staff, asked: readonly string[]): string {
  const waiting = asked.filter((r) => !(saved.roles as string[]).includes(r));
  const names = waiting.map((r) => STAFF_ROLE_LABELS[r as keyof typeof STAFF_ROLE_LABELS]).join(', ');
  return waiting.length > 0
    ? `Changes saved for ${saved.displayName}. ${names} waits for approval by a second person.`
    : `Changes saved for ${saved.displayName}.`;
}

function EditForm({ staff }: { staff: Staff }) {
  const navigate = useNavigate();
  const { updateStaff } = useDirectoryMutations();
  const teams = useTeams({ organisationId: staff.organisationId });
  const grants = useRoleGrants();
  const [displayName, setDisplayName] = useState(staff.displayName);
  const [jobTitle, setJobTitle] = useState(staff.jobTitle);
  const [email, setEmail] = useState(staff.email ?? '');
  const [roles, setRoles] = useState<string[]>(staff.roles);
  const [teamIds, setTeamIds] = useState<string[]>(staff.teams.map((t) => t.id));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const waiting = (grants.data?.items ?? []).filter((g) => g.staffId === staff.id).map((g) => g.role);
  usePageTitle(`Change ${staff.displayName}`, errors.summary.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const asked = STAFF_ROLES.filter((r) => roles.includes(r));
    updateStaff.mutate(
      {
        id: staff.id,
        displayName,
        jobTitle,
        email: email.trim() === '' ? null : email.trim(),
        roles: asked,
        teamIds,
      },
      {
        onSuccess: (saved) => navigate(`/admin/staff/${staff.id}`, flash(savedMessage(saved, asked))),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'staff')),
      },
    );
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} />
      <h1>
        <span className="nhsuk-caption-l">
          {staff.organisationName}
          <span className="nhsuk-u-visually-hidden"> – </span>
        </span>
        Change {staff.displayName}
      </h1>
      <form onSubmit={submit} noValidate>
        <TextInput
          id="staff-displayName"
          label="Full name"
          value={displayName}
          onChange={setDisplayName}
          error={errors.fields.displayName}
          autoComplete="off"
        />
        <TextInput
          id="staff-jobTitle"
          label="Job title"
          value={jobTitle}
          onChange={setJobTitle}
          error={errors.fields.jobTitle}
        />
        <TextInput
          id="staff-email"
          label="Email address (optional)"
          type="email"
          value={email}
          onChange={setEmail}
          error={errors.fields.email}
          autoComplete="off"
          spellCheck={false}
        />
        <Checkboxes
          id="staff-roles"
          label="Roles"
          hint={`Roles that open people’s information wait for the organisation’s IG lead or service manager to approve.${
            waiting.length > 0
              ? ` Already waiting: ${waiting.map((r) => STAFF_ROLE_LABELS[r]).join(', ')}.`
              : ''
          }`}
          values={roles}
          onChange={setRoles}
          options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
          error={errors.fields.roles}
          small
        />
        {(teams.data?.items.length ?? 0) > 0 ? (
          <Checkboxes
            id="staff-teamIds"
            label="Teams"
            values={teamIds}
            onChange={setTeamIds}
            options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
            error={errors.fields.teamIds}
            small
          />
        ) : null}
        <button className="nhsuk-button" type="submit" disabled={updateStaff.isPending}>
          Save changes
        </button>
      </form>
    </>
  );
}

/** Changes a staff account's name, job title, email, roles and teams. */
export function StaffEditPage() {
  const { staffId = '' } = useParams();
  const staff = useStaff(staffId);
  usePageTitle(titleOf(staff, (s) => `Change ${s.displayName}`));
  return (
    <>
      <BackLink to={`/admin/staff/${staffId}`}>Back to the account</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {staff.isPending ? <Loading /> : null}
          {staff.isError ? <QueryError error={staff.error} /> : null}
          {staff.data ? <EditForm staff={staff.data} /> : null}
        </div>
      </div>
    </>
  );
}
