import { Link } from 'react-router';
import type { SafeguardingFlag as Flag } from '../../../contracts/safeguarding.ts';

/**
 * The safeguarding flag in the person header: that concerns are open and whom to contact. It is all
 * a worker without access to safeguarding notes is told, and never more.
 */
export function SafeguardingFlag({ personId, flag }: { personId: string; flag: Flag | null }) {
  if (!flag) return null;
  return (
    <div className="nhsuk-warning-callout accord-safeguarding-flag" data-testid="safeguarding-flag">
      <p className="nhsuk-warning-callout__label">
        <span className="nhsuk-u-visually-hidden">Important: </span>
        Safeguarding concern open
      </p>
      <p>
        {flag.openConcerns === 1
          ? 'There is an open safeguarding concern.'
          : `There are ${flag.openConcerns} open safeguarding concerns.`}{' '}
        Contact{' '}
        {flag.contacts.map((c, i) => (
          <span key={c.staffId}>
            {i > 0 ? ' or ' : ''}
            <strong>{c.name}</strong>
            {c.jobTitle ? `, ${c.jobTitle}` : ''}
            {c.organisationName ? `, ${c.organisationName}` : ''}
            {c.email ? (
              <>
                {' '}
                (<a href={`mailto:${c.email}`}>{c.email}</a>)
              </>
            ) : null}
          </span>
        ))}{' '}
        before acting on anything that may affect it.
      </p>
      <p>
        <Link to={`/people/${personId}/safeguarding`}>Safeguarding</Link>
      </p>
    </div>
  );
}
