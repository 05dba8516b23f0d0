import { Link } from 'react-router';
import type { ConsentView } from '../../../contracts/consent.ts';
import { Tag, type TagColour } from '../../components/tag.tsx';
import { isNotFound } from '../../lib/api-error.ts';
import { formatDate } from '../../lib/format.ts';
import { CONSENT_STATUS_LABELS, REVIEW_TRIGGER_LABELS } from '../../lib/governance-labels.ts';
import { useConsent } from './consent-api.ts';

const STATUS_COLOUR: Readonly<Record<ConsentView['status'], TagColour>> = {
  given: 'green',
  refused: 'red',
  withdrawn: 'orange',
  none: 'grey',
};

/** The consent status tag, with "Review due" beside it when the server says a review is due. */
export function ConsentTags({
  view,
}: {
  view: Pick<ConsentView, 'status' | 'reviewDue' | 'reviewDueReason'>;
}) {
  return (
    <span className="accord-tags">
      <Tag colour={STATUS_COLOUR[view.status]}>{CONSENT_STATUS_LABELS[view.status]}</Tag>
      {view.reviewDue ? (
        <Tag colour="yellow">
          Review due
          {view.reviewDueReason ? (
            <span className="nhsuk-u-visually-hidden">: {REVIEW_TRIGGER_LABELS[view.reviewDueReason]}</span>
          ) : null}
        </Tag>
      ) : null}
    </span>
  );
}

/**
 * The consent line of the person header: status, "review due", the server's one-line summary and a
 * link to the full consent page. The summary is the server's, computed with the decision function.
 */
export function ConsentStatus({ personId }: { personId: string }) {
  const consent = useConsent(personId);
  return (
    <div className="accord-banner__consent" data-testid="consent-status">
      <h2 className="accord-banner__team-heading">Consent to share</h2>
      {consent.isPending ? <p className="nhsuk-body-s accord-muted">Loading consent…</p> : null}
      {consent.isError ? (
        <p className="nhsuk-body-s accord-muted">
          {isNotFound(consent.error) ? 'Consent is not available here.' : 'Consent could not be loaded.'}
        </p>
      ) : null}
      {consent.data ? (
        <>
          <p className="accord-banner__consent-line">
            <ConsentTags view={consent.data} />
            <span>{consent.data.summary.headline}</span>
          </p>
          {consent.data.current ? (
            <p className="nhsuk-body-s accord-muted">
              Review by {formatDate(consent.data.current.reviewDate)}
              {consent.data.reviewDueReason
                ? ` (due now: ${REVIEW_TRIGGER_LABELS[consent.data.reviewDueReason].toLowerCase()})`
                : ''}
              .
            </p>
          ) : null}
          <p className="nhsuk-body-s">
            <Link to={`/people/${personId}/consent`}>Consent and sharing choices</Link>
          </p>
        </>
      ) : null}
    </div>
  );
}
