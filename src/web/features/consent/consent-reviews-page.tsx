import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ConsentReviewTaskDto } from '../../../contracts/consent.ts';
import { Radios } from '../../components/choice-group.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { CONSENT_REVIEW_OUTCOME_LABELS, REVIEW_TRIGGER_LABELS } from '../../lib/governance-labels.ts';
import { pageParam, pageSlice, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { PersonName } from '../people/person-name.tsx';
import { useCompleteConsentReview, useMyConsentReviews } from './consent-api.ts';

const PAGE_SIZE = 15;

/** Completes one review: the consent stands, or it was changed; optionally the next review date. */
function CompleteForm({ task }: { task: ConsentReviewTaskDto }) {
  const complete = useCompleteConsentReview();
  const [outcome, setOutcome] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | undefined>();
  const id = `review-${task.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (outcome !== 'CONFIRMED' && outcome !== 'CHANGED') return setError('Select how the review ended');
    setError(undefined);
    complete.mutate(
      { id: task.id, outcome, ...(next ? { nextReviewDate: next } : {}) },
      { onError: (e) => setError(e.message) },
    );
  };
  return (
    <details className="nhsuk-details accord-inline-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Complete
          <span className="nhsuk-u-visually-hidden"> the review raised {formatDateTime(task.createdAt)}</span>
        </span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={submit} noValidate>
          <Radios
            id={`${id}-outcome`}
            label="How did the review end?"
            small
            value={outcome}
            onChange={setOutcome}
            error={error}
            options={[
              { value: 'CONFIRMED', label: 'The person confirmed their consent unchanged' },
              { value: 'CHANGED', label: 'Their consent was changed (recorded separately)' },
            ]}
          />
          <TextInput
            id={`${id}-next`}
            label="Next review date (optional)"
            type="date"
            value={next}
            onChange={setNext}
            width={10}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            {complete.isPending ? 'Saving…' : 'Complete the review'}
          </button>
        </form>
      </div>
    </details>
  );
}

const COLUMNS: readonly Column<ConsentReviewTaskDto>[] = [
  {
    header: 'Person',
    cell: (t) => <PersonName personId={t.personId} to={`/people/${t.personId}/consent`} />,
  },
  { header: 'Why', cell: (t) => REVIEW_TRIGGER_LABELS[t.trigger] },
  { header: 'Raised', cell: (t) => formatDateTime(t.createdAt), nowrap: true },
  {
    header: 'Status',
    cell: (t) =>
      t.status === 'open' ? (
        <Tag colour="yellow">To do</Tag>
      ) : (
        <>
          <Tag colour="green">Done</Tag> {t.outcome ? CONSENT_REVIEW_OUTCOME_LABELS[t.outcome] : ''}
        </>
      ),
  },
  {
    header: 'Action',
    hiddenHeader: true,
    cell: (t) => (t.status === 'open' ? <CompleteForm task={t} /> : null),
  },
];

/** Consent reviews assigned to the caller, open ones first. */
export function ConsentReviewsPage() {
  const [params] = useSearchParams();
  const page = pageParam(params);
  const reviews = useMyConsentReviews();
  usePageTitle('My consent reviews');
  const sorted = [...(reviews.data ?? [])].sort(
    (a, b) => Number(b.status === 'open') - Number(a.status === 'open'),
  );
  return (
    <>
      <h1>My consent reviews</h1>
      <p>
        Reviews of people’s consent to share that are yours to do with them, for example after an admission.
      </p>
      {reviews.isPending ? <Loading /> : null}
      {reviews.isError ? <QueryError error={reviews.error} /> : null}
      {reviews.data ? (
        <>
          {sorted.length > 0 ? (
            <Table
              caption="Your consent reviews"
              columns={COLUMNS}
              rows={pageSlice(sorted, page, PAGE_SIZE)}
              rowKey={(t) => t.id}
            />
          ) : (
            <p>You have no consent reviews.</p>
          )}
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={sorted.length}
            noun="reviews"
            hrefFor={(p) => searchHref({ page: p })}
          />
        </>
      ) : null}
    </>
  );
}
