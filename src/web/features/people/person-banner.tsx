import { formatNhsNumber } from '../../../contracts/nhs-number.ts';
import type { PersonDetail } from '../../../contracts/people.ts';
import { formatDate } from '../../lib/format.ts';
import { CARE_TEAM_ROLE_LABELS } from '../../lib/labels.ts';
import { ConsentStatus } from '../consent/consent-status.tsx';
import { SafeguardingFlag } from '../safeguarding/safeguarding-flag.tsx';
import { memberName } from './care-team-summary.ts';

function ageOn(dateOfBirth: string, today = new Date()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number);
  if (!y || !m || !d) return 0;
  const hadBirthday = today.getMonth() + 1 > m || (today.getMonth() + 1 === m && today.getDate() >= d);
  return today.getFullYear() - y - (hadBirthday ? 0 : 1);
}

/**
 * The band at the top of a person's pages: who they are, their consent to share, and who is caring for
 * them now. On the person's own page the name is the page's heading; on their other pages (`compact`)
 * the page has its own heading, so the name is shown large but is not one, and the care team is left out.
 */
export function PersonBanner({ person, compact = false }: { person: PersonDetail; compact?: boolean }) {
  const current = person.careTeam.filter((m) => m.current);
  const address = [person.address, person.postcode].filter(Boolean).join(', ');
  const name = `${person.givenName} ${person.familyName}`;
  return (
    <section className="accord-banner" aria-labelledby="person-name">
      {compact ? (
        <p className="accord-banner__name nhsuk-heading-l" id="person-name">
          {name}
        </p>
      ) : (
        <h1 className="accord-banner__name" id="person-name">
          {name}
        </h1>
      )}
      <dl className="accord-banner__details">
        <div>
          <dt>NHS number</dt>
          <dd className="accord-nowrap" data-testid="nhs-number">
            {formatNhsNumber(person.nhsNumber)}
          </dd>
        </div>
        <div>
          <dt>Date of birth</dt>
          <dd>
            {formatDate(person.dateOfBirth)}{' '}
            <span className="accord-muted">({ageOn(person.dateOfBirth)} years)</span>
          </dd>
        </div>
        <div>
          <dt>Address</dt>
          <dd>{address || 'Not recorded'}</dd>
        </div>
        {person.phone ? (
          <div>
            <dt>Phone</dt>
            <dd>{person.phone}</dd>
          </div>
        ) : null}
      </dl>
      <ConsentStatus personId={person.id} />
      <SafeguardingFlag personId={person.id} flag={person.safeguarding} />
      {compact ? null : (
        <div className="accord-banner__team">
          <h2 className="accord-banner__team-heading">Care team now</h2>
          {current.length > 0 ? (
            <ul className="accord-banner__team-list">
              {current.map((m) => (
                <li key={m.id}>
                  <strong>{memberName(m)}</strong> – {CARE_TEAM_ROLE_LABELS[m.role]}, {m.organisationName}
                </li>
              ))}
            </ul>
          ) : (
            <p className="nhsuk-body-s">No one is on the care team now.</p>
          )}
        </div>
      )}
    </section>
  );
}
