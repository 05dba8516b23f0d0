import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { STAFF_ROLES } from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Checkboxes } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Select } from '../../components/select.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useDirectoryMutations, useTeams } from './directory-api.ts';
import { useOrganisationOptions } from './organisation-options.ts';

const LABELS = {
  organisationId: 'Organisation',
  displayName: 'Full name',
  jobTitle: 'Job title',
  username: 'Username',
  email: 'Email address',
  password: 'Password',
  roles: 'Roles',
  teamIds: 'Teams',
};

/** Creates a staff account with its roles and teams. */
export function StaffNewPage() {
  const navigate = useNavigate();
  const organisations = useOrganisationOptions();
  const { createStaff } = useDirectoryMutations();
  const [organisationId, setOrganisationId] = useState('');
  const teams = useTeams({ organisationId: organisationId || undefined });
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [jobTitle, setJobTitle] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [teamIds, setTeamIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle('Add a staff member', errors.summary.length > 0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!organisationId) {
      const message = 'Choose the organisation the staff member works for';
      return setErrors({
        summary: [{ message, fieldId: 'staff-organisationId' }],
        fields: { organisationId: message },
      });
    }
    createStaff.mutate(
      {
        organisationId,
        username: username.trim().toLowerCase(),
        displayName,
        jobTitle,
        email: email.trim() === '' ? null : email.trim(),
        ...(password ? { password } : {}),
        roles: STAFF_ROLES.filter((r) => roles.includes(r)),
        teamIds,
      },
      {
        onSuccess: (staff) =>
          navigate(`/admin/staff/${staff.id}`, flash(`Account created for ${staff.displayName}.`)),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'staff')),
      },
    );
  };

  return (
    <>
      <BackLink to="/admin/staff">Back to staff</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={errors.summary} />
          <h1>Add a staff member</h1>
          <form onSubmit={submit} noValidate>
            <Select
              id="staff-organisationId"
              label="Organisation"
              value={organisationId}
              onChange={(value) => {
                setOrganisationId(value);
                setTeamIds([]);
              }}
              placeholder={organisations.loading ? 'Loading organisations…' : 'Choose an organisation'}
              options={organisations.options}
              error={errors.fields.organisationId}
            />
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
              id="staff-username"
              label="Username"
              hint="3 to 40 lower-case letters, digits, dots, hyphens or underscores, starting with a letter"
              value={username}
              onChange={setUsername}
              error={errors.fields.username}
              width={20}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
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
            <TextInput
              id="staff-password"
              label="Password (optional)"
              hint="At least 12 characters. Leave empty if the account will sign in another way."
              type="password"
              value={password}
              onChange={setPassword}
              error={errors.fields.password}
              width={20}
              autoComplete="new-password"
            />
            <Checkboxes
              id="staff-roles"
              label="Roles"
              hint="Roles decide which kinds of information the person can see. Choose at least one."
              values={roles}
              onChange={setRoles}
              options={STAFF_ROLES.map((r) => ({ value: r, label: STAFF_ROLE_LABELS[r] }))}
              error={errors.fields.roles}
              small
            />
            {organisationId && (teams.data?.items.length ?? 0) > 0 ? (
              <Checkboxes
                id="staff-teamIds"
                label="Teams (optional)"
                values={teamIds}
                onChange={setTeamIds}
                options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
                error={errors.fields.teamIds}
                small
              />
            ) : null}
            <button className="nhsuk-button" type="submit">
              Create account
            </button>
          </form>
        </div>
      </div>
    </>
  );
}
