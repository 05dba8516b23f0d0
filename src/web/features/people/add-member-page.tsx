import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CARE_TEAM_ROLES } from '../../../contracts/enums.ts';
import type { PersonDetail } from '../../../contracts/people.ts';
import { Radios } from '../../components/choice-group.tsx';
import { DateInput, isoOf, partsOf } from '../../components/date-input.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { Select } from '../../components/select.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { todayIso } from '../../lib/format.ts';
import { CARE_TEAM_ROLE_LABELS } from '../../lib/labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from '../auth/use-me.ts';
import { useTeams } from '../directory/directory-api.ts';
import { usePerson, usePersonMutations } from './people-api.ts';
import { PersonFormFrame } from './person-form-frame.tsx';
import { StaffPicker } from './staff-picker.tsx';

const LABELS = {
  staffId: 'Staff member',
  teamId: 'Team',
  role: 'Role',
  startDate: 'Start date',
  endDate: 'End date',
};

function AddMemberForm({
  person,
  errors,
  setErrors,
}: {
  person: PersonDetail;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
}) {
  const navigate = useNavigate();
  const { addMember } = usePersonMutations(person.id);
  // Care teams are changed within one's own organisation: only its teams and staff are offered.
  const me = useMe();
  const organisationId = me.data?.organisation.id;
  const teams = useTeams({ organisationId });
  const [kind, setKind] = useState<'staff' | 'team'>('staff');
  const [staffId, setStaffId] = useState('');
  const [teamId, setTeamId] = useState('');
  const [role, setRole] = useState<string>('');
  const [start, setStart] = useState(partsOf(todayIso()));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const startDate = isoOf(start);
    const chosenRole = CARE_TEAM_ROLES.find((r) => r === role);
    const local: FormErrors = { summary: [], fields: {} };
    if (kind === 'staff' && !staffId) local.fields.staffId = 'Choose a staff member';
    if (kind === 'team' && !teamId) local.fields.teamId = 'Choose a team';
    if (!chosenRole) local.fields.role = 'Choose a role';
    if (!startDate) local.fields.startDate = 'Start date must be a real date';
    const ids: Record<string, string> = {
      staffId: 'member-staffId',
      teamId: 'member-teamId',
      role: 'member-role',
      startDate: 'member-startDate',
    };
    local.summary = Object.entries(local.fields).map(([k, message]) => ({ message, fieldId: ids[k] ?? '' }));
    if (local.summary.length > 0 || !chosenRole || !startDate) return setErrors(local);
    addMember.mutate(
      { role: chosenRole, startDate, ...(kind === 'staff' ? { staffId } : { teamId }) },
      {
        onSuccess: () => navigate(`/people/${person.id}`, flash('Care team updated.')),
        onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'member')),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Radios
        id="member-kind"
        label="Who are you adding?"
        inline
        value={kind}
        onChange={(v) => setKind(v === 'team' ? 'team' : 'staff')}
        options={[
          { value: 'staff', label: 'A staff member' },
          { value: 'team', label: 'A team' },
        ]}
      />
      {kind === 'staff' ? (
        <StaffPicker
          value={staffId}
          onChange={setStaffId}
          error={errors.fields.staffId}
          organisationId={organisationId}
        />
      ) : (
        <Select
          id="member-teamId"
          label="Team"
          value={teamId}
          onChange={setTeamId}
          placeholder="Choose a team"
          options={(teams.data?.items ?? [])
            .filter((t) => t.organisationId === organisationId)
            .map((t) => ({
              value: t.id,
              label: `${t.name} (${t.organisationName})`,
            }))}
          error={errors.fields.teamId}
        />
      )}
      <Select
        id="member-role"
        label="Role in this person’s care"
        value={role}
        onChange={setRole}
        placeholder="Choose a role"
        options={CARE_TEAM_ROLES.map((r) => ({ value: r, label: CARE_TEAM_ROLE_LABELS[r] }))}
        error={errors.fields.role}
      />
      <DateInput
        id="member-startDate"
        label="Start date"
        hint="For example, 15 3 2025"
        value={start}
        onChange={setStart}
        error={errors.fields.startDate}
      />
      <button className="nhsuk-button" type="submit">
        Add to the care team
      </button>
    </form>
  );
}

/** Adds a staff member or a team to a person's care team (offered only when the server allows it). */
export function AddMemberPage() {
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  usePageTitle(
    titleOf(person, () => 'Add to the care team'),
    errors.summary.length > 0,
  );
  return (
    <PersonFormFrame personId={personId} person={person} errors={errors} heading="Add to the care team">
      {(p) =>
        p.can.manageCareTeam ? (
          <AddMemberForm person={p} errors={errors} setErrors={setErrors} />
        ) : (
          <p>You cannot change this person’s care team.</p>
        )
      }
    </PersonFormFrame>
  );
}
