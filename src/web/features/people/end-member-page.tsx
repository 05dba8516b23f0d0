import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { CareTeamMember, PersonDetail } from '../../../contracts/people.ts';
import { DateInput, isoOf, partsOf } from '../../components/date-input.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDate, todayIso } from '../../lib/format.ts';
import { CARE_TEAM_ROLE_LABELS } from '../../lib/labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { memberName } from './care-team-summary.ts';
import { usePerson, usePersonMutations } from './people-api.ts';
import { PersonFormFrame } from './person-form-frame.tsx';

function EndForm({
  person,
  member,
  errors,
  setErrors,
}: {
  person: PersonDetail;
  member: CareTeamMember;
  errors: FormErrors;
  setErrors: (e: FormErrors) => void;
}) {
  const navigate = useNavigate();
  const { endMember } = usePersonMutations(person.id);
  const [end, setEnd] = useState(partsOf(todayIso()));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const endDate = isoOf(end);
    if (!endDate) {
      const message = 'End date must be a real date';
      return setErrors({ summary: [{ message, fieldId: 'end-endDate' }], fields: { endDate: message } });
    }
    endMember.mutate(
      { membershipId: member.id, endDate },
      {
        onSuccess: () =>
          navigate(
            `/people/${person.id}`,
            flash(`${memberName(member)}’s care team membership ends on ${formatDate(endDate)}.`),
          ),
        onError: (error) => setErrors(formErrorsFrom(error, { endDate: 'End date' }, 'end')),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <p>
        {memberName(member)} ({CARE_TEAM_ROLE_LABELS[member.role]}, {member.organisationName}) has been on the
        care team since {formatDate(member.startDate)}. Their access to this person’s record through this
        membership ends after the end date.
      </p>
      <DateInput
        id="end-endDate"
        label="End date"
        hint="For example, 15 3 2025"
        value={end}
        onChange={setEnd}
        error={errors.fields.endDate}
      />
      <button className="nhsuk-button nhsuk-button--warning" type="submit">
        End membership
      </button>
    </form>
  );
}

/** Ends one care-team membership on a date. */
export function EndMemberPage() {
  const { personId = '', membershipId = '' } = useParams();
  const person = usePerson(personId);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const member = person.data?.careTeam.find((m) => m.id === membershipId);
  usePageTitle(
    titleOf(person, () => (member ? 'End a care team membership' : 'Page not found')),
    errors.summary.length > 0,
  );
  return (
    <PersonFormFrame
      personId={personId}
      person={person}
      errors={errors}
      heading="End a care team membership"
      found={member !== undefined}
    >
      {(p) => (member ? <EndForm person={p} member={member} errors={errors} setErrors={setErrors} /> : null)}
    </PersonFormFrame>
  );
}
