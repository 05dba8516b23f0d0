import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AgreementSummary } from '../../../contracts/agreements.ts';
import { AGREEMENT_STATUSES } from '../../../contracts/enums.ts';
import { FlashBanner } from '../../components/flash-banner.tsx';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { AGREEMENT_STATUS_LABELS, PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useHasRole } from '../auth/require-role.tsx';
import { useOrganisationOptions } from '../directory/organisation-options.ts';
import { STATUS_COLOUR } from './agreement-words.ts';
import { AGREEMENTS_PAGE_SIZE, useAgreements } from './agreements-api.ts';

/** The status tag, with "Review due" and "Not in force" beside it when the server says so. */
export function AgreementTags({
  agreement,
}: {
  agreement: Pick<AgreementSummary, 'status' | 'inForce' | 'reviewDue'>;
}) {
  return (
    <span className="accord-tags">
      <Tag colour={STATUS_COLOUR[agreement.status]}>{AGREEMENT_STATUS_LABELS[agreement.status]}</Tag>
      {agreement.status === 'active' && !agreement.inForce ? <Tag colour="orange">Not in force</Tag> : null}
      {agreement.reviewDue ? <Tag colour="yellow">Review due</Tag> : null}
    </span>
  );
}

const COLUMNS: readonly Column<AgreementSummary>[] = [
  {
    header: 'Agreement',
    cell: (a) => (
      <>
        <Link to={`/agreements/${a.id}`}>{a.title}</Link>
        <br />
        <span className="nhsuk-body-s accord-muted">
          {a.reference}, version {a.version}
        </span>
      </>
    ),
  },
  { header: 'Parties', cell: (a) => a.parties.map((p) => p.organisationName).join(', ') || 'None yet' },
  { header: 'Purposes', cell: (a) => a.purposes.map((p) => PURPOSE_LABELS[p]).join(', ') || 'None yet' },
  {
    header: 'Dates',
    cell: (a) =>
      a.startDate
        ? `${formatDate(a.startDate)} to ${a.endDate ? formatDate(a.endDate) : 'no end date'}`
        : 'Not set',
  },
  { header: 'Status', cell: (a) => <AgreementTags agreement={a} /> },
];

/** Data sharing agreements, filtered by status and party. IG leads can start a new one. */
export function AgreementsPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const status = params.get('status') ?? '';
  const organisationId = params.get('organisationId') ?? '';
  const page = pageParam(params);
  const agreements = useAgreements({
    status: status || undefined,
    organisationId: organisationId || undefined,
    page,
  });
  const organisations = useOrganisationOptions();
  const hasRole = useHasRole();
  const [chosen, setChosen] = useState({ status, organisationId });
  usePageTitle('Data sharing agreements');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref(chosen));
  };
  return (
    <>
      <FlashBanner />
      <h1>Data sharing agreements</h1>
      <p>What each organisation may share with another, for which purposes, and on what legal basis.</p>
      {hasRole('ig_lead') ? (
        <p>
          <Link className="nhsuk-button" to="/agreements/new">
            Start a new agreement
          </Link>{' '}
          <Link className="nhsuk-button nhsuk-button--secondary" to="/dpias">
            Data protection impact assessments
          </Link>
        </p>
      ) : null}
      <form className="accord-filter" onSubmit={apply} noValidate>
        <Select
          id="agreements-status"
          label="Status"
          value={chosen.status}
          onChange={(v) => setChosen({ ...chosen, status: v })}
          placeholder="Any status"
          options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: AGREEMENT_STATUS_LABELS[s] }))}
        />
        <Select
          id="agreements-organisation"
          label="Party"
          value={chosen.organisationId}
          onChange={(v) => setChosen({ ...chosen, organisationId: v })}
          placeholder="Any organisation"
          options={organisations.options}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </form>
      {agreements.isPending ? <Loading /> : null}
      {agreements.isError ? <QueryError error={agreements.error} /> : null}
      {agreements.data ? (
        <>
          {agreements.data.items.length > 0 ? (
            <Table
              caption="Data sharing agreements"
              columns={COLUMNS}
              rows={agreements.data.items}
              rowKey={(a) => a.id}
            />
          ) : null}
          <Pagination
            page={page}
            pageSize={AGREEMENTS_PAGE_SIZE}
            total={agreements.data.total}
            noun="agreements"
            hrefFor={(p) => searchHref({ status, organisationId, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
