import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { ExceptionReviewDto } from '../../../contracts/consent.ts';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import { Radios } from '../../components/choice-group.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { formatDateTime } from '../../lib/format.ts';
import {
  EXCEPTION_REVIEW_KIND_LABELS,
  EXCEPTION_REVIEW_OUTCOME_LABELS,
} from '../../lib/governance-labels.ts';
import {
  ARTICLE_6_LABELS,
  ARTICLE_9_LABELS,
  COMMON_LAW_LABELS,
  LAWFUL_EXCEPTION_GROUND_LABELS,
  optionsOf,
} from '../../lib/legal-labels.ts';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { AssuranceNav } from '../assurance/assurance-nav.tsx';
import { useOrganisationNames } from '../directory/organisation-options.ts';
import { useCloseExceptionReview, useExceptionReviews } from './consent-api.ts';

const PAGE_SIZE = 10;

function CloseForm({ review }: { review: ExceptionReviewDto }) {
  const close = useCloseExceptionReview();
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const id = `close-${review.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen =
      outcome === 'APPROPRIATE' || outcome === 'INAPPROPRIATE' || outcome === 'NEEDS_ACTION' ? outcome : null;
    const next: Record<string, string> = {};
    if (!chosen) next.outcome = 'Select your finding';
    if (!notes.trim()) next.notes = 'Enter your notes';
    setErrors(next);
    if (!chosen || next.notes) return;
    close.mutate(
      { id: review.id, outcome: chosen, notes: notes.trim() },
      { onError: (e) => setErrors({ notes: e.message }) },
    );
  };
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Record your finding</span>
      </summary>
      <div className="nhsuk-details__text">
        <form onSubmit={submit} noValidate>
          <Radios
            id={`${id}-outcome`}
            label="Finding"
            small
            value={outcome}
            onChange={setOutcome}
            error={errors.outcome}
            options={optionsOf(EXCEPTION_REVIEW_OUTCOME_LABELS)}
          />
          <Textarea
            id={`${id}-notes`}
            label="Notes"
            rows={3}
            value={notes}
            onChange={setNotes}
            error={errors.notes}
          />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            {close.isPending ? 'Saving…' : 'Close the review'}
          </button>
        </form>
      </div>
    </details>
  );
}

function ReviewCard({ review }: { review: ExceptionReviewDto }) {
  const orgName = useOrganisationNames();
  const e = review.exception;
  return (
    <section className="nhsuk-card" aria-labelledby={`review-${review.id}`}>
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading nhsuk-heading-s" id={`review-${review.id}`}>
          {EXCEPTION_REVIEW_KIND_LABELS[review.kind]}
          {review.personName ? ` for ${review.personName}` : ''} by {orgName(review.organisationId)},{' '}
          {formatDateTime(review.createdAt)}{' '}
          {review.status === 'open' ? <Tag colour="yellow">Open</Tag> : <Tag colour="grey">Closed</Tag>}
        </h2>
        <SummaryList
          rows={[
            {
              key: 'Person',
              value: (
                <>
                  {review.personName ?? <span className="accord-muted">{review.personWithheld}</span>}
                  <br />
                  <Link to={`/audit?personId=${review.personId}`}>
                    Audit entries about {review.personName ?? 'this person'}
                  </Link>
                </>
              ),
            },
            ...(e
              ? [
                  { key: 'Ground', value: LAWFUL_EXCEPTION_GROUND_LABELS[e.ground] },
                  {
                    key: 'Legal basis',
                    value: `${ARTICLE_6_LABELS[e.article6]}; ${ARTICLE_9_LABELS[e.article9]}; ${COMMON_LAW_LABELS[e.commonLaw]}`,
                  },
                  {
                    key: 'Shared with',
                    value: e.recipientOrganisationName ?? 'Any organisation on the care team',
                  },
                  {
                    key: 'Information',
                    value:
                      e.categories.length === 0
                        ? 'All kinds'
                        : e.categories.map((c) => DATA_CATEGORY_LABELS[c]).join(', '),
                  },
                  { key: 'Why', value: e.rationale },
                  { key: 'Decided by', value: e.decidedBy.name },
                ]
              : []),
            ...(review.breakGlass
              ? [
                  { key: 'Who', value: review.breakGlass.staffName },
                  { key: 'Reason given', value: review.breakGlass.reason },
                  {
                    key: 'Information opened',
                    value: review.breakGlass.categories.map((c) => DATA_CATEGORY_LABELS[c]).join(', '),
                  },
                  {
                    key: 'When',
                    value: `${formatDateTime(review.breakGlass.grantedAt)} to ${formatDateTime(
                      review.breakGlass.endedAt ?? review.breakGlass.expiresAt,
                    )}${review.breakGlass.endedAt ? ' (ended early)' : ''}`,
                  },
                ]
              : []),
            ...(review.status === 'closed'
              ? [
                  {
                    key: 'Finding',
                    value: review.outcome ? EXCEPTION_REVIEW_OUTCOME_LABELS[review.outcome] : '',
                  },
                  { key: 'Notes', value: review.notes },
                  { key: 'Reviewed', value: formatDateTime(review.reviewedAt) },
                ]
              : []),
          ]}
        />
        {review.status === 'open' ? <CloseForm review={review} /> : null}
      </div>
    </section>
  );
}

/** The IG lead's queue of emergency accesses and sharing without consent, to review and close. */
export function ExceptionReviewsPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const status = params.get('status') ?? 'open';
  const kind = params.get('kind') ?? '';
  const page = pageParam(params);
  const reviews = useExceptionReviews({
    status: status === 'all' ? undefined : status,
    kind: kind || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  usePageTitle('Exception reviews');
  const [chosen, setChosen] = useState({ status, kind });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref(chosen));
  };
  return (
    <>
      <AssuranceNav />
      <h1>Exception reviews</h1>
      <p>Every emergency access and every sharing without consent is reviewed here.</p>
      <form className="accord-filter" onSubmit={apply} noValidate>
        <Select
          id="reviews-status"
          label="Status"
          value={chosen.status}
          onChange={(v) => setChosen({ ...chosen, status: v })}
          options={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
            { value: 'all', label: 'All' },
          ]}
        />
        <Select
          id="reviews-kind"
          label="Kind"
          value={chosen.kind}
          onChange={(v) => setChosen({ ...chosen, kind: v })}
          placeholder="All kinds"
          options={optionsOf(EXCEPTION_REVIEW_KIND_LABELS)}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </form>
      {reviews.isPending ? <Loading /> : null}
      {reviews.isError ? <QueryError error={reviews.error} /> : null}
      {reviews.data ? (
        <>
          {reviews.data.items.map((r) => (
            <ReviewCard key={r.id} review={r} />
          ))}
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={reviews.data.total}
            noun="reviews"
            hrefFor={(p) => searchHref({ status, kind, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
