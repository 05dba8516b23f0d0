import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { InvestigationCase } from '../../../contracts/assurance.ts';
import { Pagination } from '../../components/pagination.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { ANOMALY_RULE_LABELS, CASE_OUTCOME_LABELS } from '../../lib/governance-labels.ts';
import { optionsOf } from '../../lib/legal-labels.ts';
import { pageParam, searchHref } from '../../lib/search-params.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisationNames } from '../directory/organisation-options.ts';
import { useCases, useRunDetection } from './assurance-api.ts';
import { AssuranceNav } from './assurance-nav.tsx';

const PAGE_SIZE = 25;

function columns(orgName: (id: string) => string): Column<InvestigationCase>[] {
  return [
    { header: 'Concern', cell: (c) => <Link to={`/cases/${c.id}`}>{ANOMALY_RULE_LABELS[c.rule]}</Link> },
    { header: 'Staff member', cell: (c) => c.actorName ?? 'Unknown account' },
    { header: 'Organisation', cell: (c) => orgName(c.organisationId) },
    { header: 'Period', cell: (c) => `${formatDate(c.windowStart)} to ${formatDate(c.windowEnd)}` },
    { header: 'Evidence', cell: (c) => `${c.evidenceCount} ${c.evidenceCount === 1 ? 'entry' : 'entries'}` },
    {
      header: 'Status',
      cell: (c) =>
        c.status === 'open' ? (
          <Tag colour="yellow">Open</Tag>
        ) : (
          <Tag colour="grey">{c.outcome ? CASE_OUTCOME_LABELS[c.outcome] : 'Closed'}</Tag>
        ),
    },
  ];
}

/** Runs the anomaly rules over the last seven days now, instead of waiting for the nightly run. */
function RunDetection() {
  const run = useRunDetection();
  const start = () => {
    const to = new Date();
    run.mutate({ from: new Date(to.getTime() - 7 * 86_400_000).toISOString(), to: to.toISOString() });
  };
  return (
    <div className="accord-actions">
      <button className="nhsuk-button nhsuk-button--secondary" type="button" onClick={start}>
        {run.isPending ? 'Checking…' : 'Check the last 7 days now'}
      </button>
      <p role="status" className="nhsuk-body-s">
        {run.data
          ? `Checked ${formatDateTime(run.data.from)} to ${formatDateTime(run.data.to)}: ${run.data.findings} findings, ${run.data.opened} new cases.`
          : ''}
        {run.isError ? `The check could not run: ${run.error.message}` : ''}
      </p>
    </div>
  );
}

/** Investigation cases opened by the anomaly rules, for the IG lead. */
export function CasesPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const status = params.get('status') ?? 'open';
  const rule = params.get('rule') ?? '';
  const page = pageParam(params);
  const cases = useCases({
    status: status === 'all' ? undefined : status,
    rule: rule || undefined,
    page,
    pageSize: PAGE_SIZE,
  });
  const orgName = useOrganisationNames();
  const [chosen, setChosen] = useState({ status, rule });
  usePageTitle('Investigation cases');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref(chosen));
  };
  return (
    <>
      <AssuranceNav />
      <h1>Investigation cases</h1>
      <p>
        Patterns in the audit log that may mean someone opened records they should not have. Each needs an
        outcome.
      </p>
      <RunDetection />
      <form className="accord-filter" onSubmit={apply} noValidate>
        <Select
          id="cases-status"
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
          id="cases-rule"
          label="Concern"
          value={chosen.rule}
          onChange={(v) => setChosen({ ...chosen, rule: v })}
          placeholder="All concerns"
          options={optionsOf(ANOMALY_RULE_LABELS)}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Filter
        </button>
      </form>
      {cases.isPending ? <Loading /> : null}
      {cases.isError ? <QueryError error={cases.error} /> : null}
      {cases.data ? (
        <>
          {cases.data.items.length > 0 ? (
            <Table
              caption="Investigation cases"
              columns={columns(orgName)}
              rows={cases.data.items}
              rowKey={(c) => c.id}
            />
          ) : null}
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={cases.data.total}
            noun="cases"
            hrefFor={(p) => searchHref({ status, rule, page: p })}
          />
        </>
      ) : null}
    </>
  );
}
