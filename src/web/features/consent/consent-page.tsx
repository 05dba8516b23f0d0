import { Link, useParams } from 'react-router';
import type { ConsentView } from '../../../contracts/consent.ts';
import { BackLink } from '../../components/back-link.tsx';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { CAPACITY_LABELS, REVIEW_TRIGGER_LABELS } from '../../lib/governance-labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { PersonHeader } from '../people/person-header.tsx';
import { useConsent } from './consent-api.ts';
import { ConsentHistory, LawfulExceptions } from './consent-history.tsx';
import { ConsentTags } from './consent-status.tsx';
import { ConsentSummaryView } from './consent-summary-view.tsx';
import { ReviewTriggerForm } from './review-trigger-form.tsx';

function Actions({ view }: { view: ConsentView }) {
  const base = `/people/${view.personId}/consent`;
  if (!view.can.capture && !view.can.recordLawfulException) return null;
  return (
    <div className="accord-actions">
      {view.can.capture ? (
        <>
          <Link className="nhsuk-button" to={`${base}/capture`}>
            {view.status === 'none' ? 'Record consent' : 'Record new consent choices'}
          </Link>
          {view.status === 'given' ? (
            <Link className="nhsuk-button nhsuk-button--secondary" to={`${base}/withdraw`}>
              Record a withdrawal
            </Link>
          ) : null}
          <Link className="nhsuk-button nhsuk-button--secondary" to={`${base}/refuse`}>
            Record a refusal
          </Link>
        </>
      ) : null}
      {view.can.recordLawfulException ? (
        <Link
          className="nhsuk-button nhsuk-button--secondary"
          to={`/people/${view.personId}/lawful-exceptions/new`}
        >
          Record a lawful exception
        </Link>
      ) : null}
    </div>
  );
}

function Current({ view }: { view: ConsentView }) {
  const current = view.current;
  if (!current) return <p>No consent decision has been recorded for this person.</p>;
  return (
    <SummaryList
      rows={[
        { key: 'Capacity', value: CAPACITY_LABELS[current.capacity] },
        ...(current.capacity === 'LACKS_CAPACITY'
          ? [
              { key: 'Best-interests decision', value: current.bestInterestsDecision },
              { key: 'Decision maker', value: current.decisionMaker },
            ]
          : []),
        { key: 'What the person was told', value: current.explanation },
        { key: 'Recorded by', value: `${current.capturedBy.name}, ${formatDateTime(current.capturedAt)}` },
        {
          key: 'Review date',
          value: `${formatDate(current.reviewDate)}${view.reviewDueReason ? ` – due now (${REVIEW_TRIGGER_LABELS[view.reviewDueReason].toLowerCase()})` : ''}`,
        },
      ]}
    />
  );
}

function ConsentContent({ view }: { view: ConsentView }) {
  return (
    <>
      <h1>
        Consent and sharing choices <ConsentTags view={view} />
      </h1>
      <Actions view={view} />
      <h2>What the person agreed to</h2>
      <ConsentSummaryView summary={view.summary} headingLevel={3} />
      <h2>How the decision was made</h2>
      <Current view={view} />
      <h2>Consent reviews</h2>
      {view.openReviews.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {view.openReviews.map((r) => (
            <li key={r.id}>
              {REVIEW_TRIGGER_LABELS[r.trigger]}, raised {formatDateTime(r.createdAt)}
              {r.assignedToName ? `, for ${r.assignedToName}` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p>No consent review is open.</p>
      )}
      {view.can.raiseReview ? <ReviewTriggerForm personId={view.personId} /> : null}
      <h2>Sharing without consent</h2>
      <LawfulExceptions exceptions={view.lawfulExceptions} />
      <h2>History</h2>
      <ConsentHistory history={view.history} />
    </>
  );
}

/** A person's consent: what applies now and what it means, how it was decided, its history. */
export function ConsentPage() {
  const { personId = '' } = useParams();
  const consent = useConsent(personId);
  usePageTitle('Consent and sharing choices');
  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to the record</BackLink>
      <FlashBanner />
      <PersonHeader personId={personId}>
        {consent.isPending ? <Loading what="Loading consent" /> : null}
        {consent.isError ? <QueryError error={consent.error} /> : null}
        {consent.data ? <ConsentContent view={consent.data} /> : null}
      </PersonHeader>
    </>
  );
}
