import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AccessReview } from '../../../contracts/assurance.ts';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag, type TagColour } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { REVIEW_STATUS_LABELS } from '../../lib/governance-labels.ts';
import { optionsOf } from '../../lib/legal-labels.ts';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisationNames } from '../directory/organisation-options.ts';
import { useAccessReviews, useEscalateReviews } from './assurance-api.ts';
import { AssuranceNav } from './assurance-nav.tsx';

const PAGE_SIZE = 25;
const STATUS_COLOUR: Readonly<Record<AccessReview['status'], TagColour>> = {
  open: 'yellow',
  completed: 'green',
  escalated: 'red',
};

function columns(orgName: (id: string) => string): Column<AccessReview>[] {
  return [
    { header: 'Month', cell: (r) => <Link to={`/access-reviews/${r.id}`}>{r.period}</Link> },
    { header: 'Organisation', cell: (r) => orgName(r.organisationId) },
    { header: 'Reviewer', cell: (r) => r.reviewerName },
    { header: 'Due', cell: (r) => formatDate(r.dueOn), nowrap: true },
    {
      header: 'Progress',
      cell: (r) => `${r.counts.decided} of ${r.counts.items} decided, ${r.counts.flagged} flagged`,
    },
    {
      header: 'Status',
      cell: (r) => <Tag colour={STATUS_COLOUR[r.status]}>{REVIEW_STATUS_LABELS[r.status]}</Tag>,
    },
  ];
}

function ReviewList({
  status,
  page,
  hrefFor,
}: {
  status: string;
  page: number;
  hrefFor: (p: number) => string;
}) {
  const reviews = useAccessReviews({ status: status || undefined, page, pageSize: PAGE_SIZE });
  const orgName = useOrganisationNames();
  if (reviews.isPending) return <Loading />;
  if (reviews.isError) return <QueryError error={reviews.error} />;
  return (
    <>
      {reviews.data.items.length > 0 ? (
        <Table
          caption="Access reviews"
          columns={columns(orgName)}
          rows={reviews.data.items}
          rowKey={(r) => r.id}
        />
      ) : null}
      <Pagination
        page={page}
        pageSize={PAGE_SIZE}
        total={reviews.data.total}
        noun="reviews"
        hrefFor={hrefFor}
      />
    </>
  );
}

/** A service manager's monthly access reviews: confirm each role and care-team membership is still needed. */
export function AccessReviewsPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const status = params.get('status') ?? 'open';
  const page = pageParam(params);
  const [chosen, setChosen] = useState(status);
  usePageTitle('Access reviews');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref({ status: chosen }));
  };
  return (
    <>
      <h1>Access reviews</h1>
      <p>
        Each month, confirm that your staff still need their roles and their place on people’s care teams.
      </p>
      <form className="accord-filter" onSubmit={apply} noValidate>
        <Select
          id="access-reviews-status"
          label="Status"
          value={chosen}
          onChange={setChosen}
          placeholder="All"
          options={optionsOf(REVIEW_STATUS_LABELS)}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </form>
      <ReviewList status={status} page={page} hrefFor={(p) => searchHref({ status, page: p })} />
    </>
  );
}

/** Reviews not finished in time, escalated to the IG lead. */
export function EscalatedReviewsPage() {
  const [params] = useSearchParams();
  const page = pageParam(params);
  const escalate = useEscalateReviews();
  usePageTitle('Escalated access reviews');
  return (
    <>
      <AssuranceNav />
      <h1>Escalated access reviews</h1>
      <p>Access reviews their service manager did not finish by the due date.</p>
      <button
        className="nhsuk-button nhsuk-button--secondary"
        type="button"
        onClick={() => escalate.mutate()}
      >
        {escalate.isPending ? 'Escalating…' : 'Escalate overdue reviews now'}
      </button>
      <p role="status" className="nhsuk-body-s">
        {escalate.data ? `${escalate.data.reviews} reviews (${escalate.data.items} items) escalated.` : ''}
      </p>
      <ReviewList status="escalated" page={page} hrefFor={(p) => searchHref({ page: p })} />
    </>
  );
}
