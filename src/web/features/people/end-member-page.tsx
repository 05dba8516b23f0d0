import { type FormEvent, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { CareTeamMember, PersonDetail } from '../../../contracts/people.ts';
import { BackLink } from '../../components/back-link.tsx';
import { DateInput, isoOf, partsOf } from '../../components/date-input.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { flash } from '../../components/flash-banner.tsx';
import { NotFoundContent } from '../../components/not-found-content.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDate, todayIso } from '../../lib/format.ts';
import { CARE_TEAM_ROLE_LABELS } from '../../lib/labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { memberName } from './care-team-summary.ts';
import { usePerson, usePersonMutations } from './people-api.ts';

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
    <>
      <BackLink to={`/people/${personId}`}>Back to the record</BackLink>
      {person.isPending ? <Loading /> : null}
      {person.isError ? <QueryError error={person.error} /> : null}
      {person.data && !member ? <NotFoundContent /> : null}
      {person.data && member ? (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <ErrorSummary errors={errors.summary} />
            <h1>
              <span className="nhsuk-caption-l">
                {person.data.givenName} {person.data.familyName}
                <span className="nhsuk-u-visually-hidden"> – </span>
              </span>
              End a care team membership
            </h1>
            <EndForm person={person.data} member={member} errors={errors} setErrors={setErrors} />
          </div>
        </div>
      ) : null}
    </>
  );
}
