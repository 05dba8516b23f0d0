import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { AccessReviewDetail, AccessReviewItem } from '../../../contracts/assurance.ts';
import { STAFF_ROLES } from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { REVIEW_ITEM_FLAG_LABELS, REVIEW_STATUS_LABELS } from '../../lib/governance-labels.ts';
import { CARE_TEAM_ROLE_LABELS, STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { pageParam, pageSlice, searchHref } from '../../lib/search-params.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useAccessReview, useConfirmReviewItems } from './assurance-api.ts';
import { type Announce, Decide } from './review-decide.tsx';
import { personWords } from './review-item-words.ts';

const PAGE_SIZE = 20;

/** What an item asks about, in words: a role by its name, a membership by the person and role. */
function ItemSubject({ item }: { item: AccessReviewItem }) {
  const m = item.membership;
  if (item.kind === 'ROLE') {
    const role = STAFF_ROLES.find((r) => r === item.subject);
    return <>Role: {role ? STAFF_ROLE_LABELS[role] : 'a role no longer offered'}</>;
  }
  if (!m) return <>A care-team membership no longer recorded</>;
  return (
    <>
      {CARE_TEAM_ROLE_LABELS[m.role]} for{' '}
      {m.personName ? (
        <Link to={`/people/${m.personId}`}>{m.personName}</Link>
      ) : (
        <span className="accord-muted">{personWords(item)}</span>
      )}
      <span className="nhsuk-body-s accord-muted accord-block">
        Since {formatDate(m.startDate)}
        {m.endDate ? `, ending ${formatDate(m.endDate)}` : ''}
      </span>
    </>
  );
}

/** Confirms every undecided item without a flag in one go; flagged items are decided one by one. */
function ConfirmUnflagged({ review, announce }: { review: AccessReviewDetail; announce: Announce }) {
  const confirm = useConfirmReviewItems(review.id);
  const ids = review.items.filter((i) => !i.decision && !i.flag).map((i) => i.id);
  if (!review.can.decide || ids.length === 0) return null;
  const noun = ids.length === 1 ? 'item' : 'items';
  return (
    <div className="accord-bulk">
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        disabled={confirm.isPending}
        onClick={() =>
          confirm.mutate(ids, {
            onSuccess: () => announce(`Confirmed ${ids.length} ${noun} without a flag.`),
          })
        }
      >
        Confirm all {ids.length} {noun} without a flag
      </button>
      <p className="nhsuk-body-s accord-muted">
        Everything your team holds that nothing has flagged. Flagged items need a decision one by one.
      </p>
      {confirm.isError ? (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error: </span>
          {confirm.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** One monthly access review: each item with its flag, confirmed or revoked by the service manager. */
export function AccessReviewPage() {
  const { reviewId = '' } = useParams();
  const [params] = useSearchParams();
  const page = pageParam(params);
  const review = useAccessReview(reviewId);
  usePageTitle(titleOf(review, (r) => `Access review ${r.period}`));
  const [message, setMessage] = useState('');
  const columns: Column<AccessReviewItem>[] = [
    { header: 'Staff member', cell: (i) => i.staffName },
    { header: 'What to confirm', cell: (i) => <ItemSubject item={i} /> },
    {
      header: 'Flag',
      cell: (i) =>
        i.flag ? (
          <Tag colour="orange">{REVIEW_ITEM_FLAG_LABELS[i.flag]}</Tag>
        ) : (
          <span className="accord-muted">None</span>
        ),
    },
    {
      header: 'Decision',
      cell: (i) => (review.data ? <Decide review={review.data} item={i} announce={setMessage} /> : null),
    },
  ];
  const items = [...(review.data?.items ?? [])].sort(
    (a, b) => Number(Boolean(b.flag)) - Number(Boolean(a.flag)),
  );
  return (
    <>
      <BackLink to="/access-reviews">Back to access reviews</BackLink>
      {review.isPending ? <Loading /> : null}
      {review.isError ? <QueryError error={review.error} /> : null}
      {review.data ? (
        <>
          <h1>
            <span className="nhsuk-caption-l">Access review</span>
            {review.data.period}{' '}
            <Tag colour={review.data.status === 'escalated' ? 'red' : 'yellow'}>
              {REVIEW_STATUS_LABELS[review.data.status]}
            </Tag>
          </h1>
          <p>
            Due {formatDate(review.data.dueOn)}. {review.data.counts.decided} of {review.data.counts.items}{' '}
            decided; flagged items first.
          </p>
          <p className="accord-announce" role="status">
            {message}
          </p>
          <ConfirmUnflagged review={review.data} announce={setMessage} />
          <Table
            caption="Items to review"
            columns={columns}
            rows={pageSlice(items, page, PAGE_SIZE)}
            rowKey={(i) => i.id}
          />
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={items.length}
            noun="items"
            hrefFor={(p) => searchHref({ page: p })}
          />
        </>
      ) : null}
    </>
  );
}
