import { useParams, useSearchParams } from 'react-router';
import type { AccessReviewDetail, AccessReviewItem } from '../../../contracts/assurance.ts';
import { STAFF_ROLES } from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import {
  REVIEW_DECISION_LABELS,
  REVIEW_ITEM_FLAG_LABELS,
  REVIEW_STATUS_LABELS,
} from '../../lib/governance-labels.ts';
import { CARE_TEAM_ROLE_LABELS, STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { pageParam, pageSlice, searchHref } from '../../lib/search-params.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useHasRole } from '../auth/require-role.tsx';
import { PersonName } from '../people/person-name.tsx';
import { useAccessReview, useDecideReviewItem } from './assurance-api.ts';

const PAGE_SIZE = 20;

function Decide({ review, item }: { review: AccessReviewDetail; item: AccessReviewItem }) {
  const decide = useDecideReviewItem(review.id);
  const pending = decide.isPending && decide.variables?.itemId === item.id;
  const what = `${item.staffName}: ${item.subject}`;
  if (item.decision)
    return (
      <Tag colour={item.decision === 'CONFIRMED' ? 'green' : 'grey'}>
        {REVIEW_DECISION_LABELS[item.decision]}
      </Tag>
    );
  if (!review.can.decide) return <span className="accord-muted">Waiting for the manager</span>;
  return (
    <div className="accord-decide">
      <button
        className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
        type="button"
        disabled={pending}
        onClick={() => decide.mutate({ itemId: item.id, decision: 'CONFIRMED' })}
      >
        Confirm<span className="nhsuk-u-visually-hidden"> {what}</span>
      </button>
      <button
        className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
        type="button"
        disabled={pending}
        onClick={() => decide.mutate({ itemId: item.id, decision: 'REVOKED' })}
      >
        Revoke<span className="nhsuk-u-visually-hidden"> {what}</span>
      </button>
      {decide.isError && decide.variables?.itemId === item.id ? (
        <p className="nhsuk-error-message" role="alert">
          {decide.error.message}
        </p>
      ) : null}
    </div>
  );
}

/** What an item asks about, in words: a role by its name, a membership by the person and role. */
function ItemSubject({ item, showPerson }: { item: AccessReviewItem; showPerson: boolean }) {
  const m = item.membership;
  if (item.kind === 'ROLE') {
    const role = STAFF_ROLES.find((r) => item.subject.includes(r));
    return <>Role: {role ? STAFF_ROLE_LABELS[role] : item.subject}</>;
  }
  if (!m) return <>{item.subject}</>;
  return (
    <>
      {CARE_TEAM_ROLE_LABELS[m.role]} for{' '}
      {showPerson ? <PersonName personId={m.personId} /> : 'a person in their care'}
      <span className="nhsuk-body-s accord-muted accord-block">
        Since {formatDate(m.startDate)}
        {m.endDate ? `, ending ${formatDate(m.endDate)}` : ''}
      </span>
    </>
  );
}

/** One monthly access review: each item with its flag, confirmed or revoked by the service manager. */
export function AccessReviewPage() {
  const { reviewId = '' } = useParams();
  const [params] = useSearchParams();
  const page = pageParam(params);
  const review = useAccessReview(reviewId);
  const hasRole = useHasRole();
  usePageTitle(titleOf(review, (r) => `Access review ${r.period}`));
  // IG leads see escalated reviews without being on anyone's care team, so people are not named to them.
  const showPerson = !hasRole('ig_lead');
  const columns: Column<AccessReviewItem>[] = [
    { header: 'Staff member', cell: (i) => i.staffName },
    { header: 'What to confirm', cell: (i) => <ItemSubject item={i} showPerson={showPerson} /> },
    {
      header: 'Flag',
      cell: (i) =>
        i.flag ? (
          <Tag colour="orange">{REVIEW_ITEM_FLAG_LABELS[i.flag]}</Tag>
        ) : (
          <span className="accord-muted">None</span>
        ),
    },
    { header: 'Decision', cell: (i) => (review.data ? <Decide review={review.data} item={i} /> : null) },
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
