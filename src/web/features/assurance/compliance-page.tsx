import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  type ComplianceReport,
  DRIFT_KINDS,
  type DriftKind,
  FIGURE_KINDS,
  type Figure,
} from '../../../contracts/compliance.ts';
import { DATA_CATEGORY_LABELS, type DataCategory } from '../../../contracts/enums.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { AssuranceNav } from './assurance-nav.tsx';
import { useComplianceAgreements, useComplianceReport, useFigureEntries } from './sharing-audit-api.ts';

const DRIFT_WORDS: Readonly<Record<DriftKind, string>> = {
  direction: 'Shared in a direction the agreement does not cover',
  purpose: 'Shared for a purpose not agreed for that direction',
  category: 'Shared a category not agreed for that purpose',
  period: 'Shared while the agreement was not active',
};

/** The current quarter and the seven before it, newest first. */
function recentQuarters(today = new Date()): string[] {
  const out: string[] = [];
  let year = today.getUTCFullYear();
  let q = Math.floor(today.getUTCMonth() / 3) + 1;
  for (let i = 0; i < 8; i += 1) {
    out.push(`${year}-Q${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
}

const category = (c: string) => DATA_CATEGORY_LABELS[c as DataCategory] ?? c;

function figureQuery(figure: Figure): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(figure)) if (v !== undefined) params.set(k, String(v));
  return params.toString();
}

/** A count that opens the entries behind it. */
function Count({
  report,
  figure,
  count,
  what,
}: {
  report: ComplianceReport;
  figure: Figure;
  count: number;
  what: string;
}) {
  if (count === 0) return <>0</>;
  return (
    <Link to={`/compliance/${report.agreementId}/${report.quarter}/entries?${figureQuery(figure)}`}>
      {count}
      <span className="nhsuk-u-visually-hidden">{` audit entries: ${what}`}</span>
    </Link>
  );
}

/** The agreements the IG lead or DPO oversees, each opening its compliance for a quarter. */
export function ComplianceAgreementsPage() {
  usePageTitle('Agreement compliance');
  const agreements = useComplianceAgreements();
  const quarter = recentQuarters()[0] ?? '';
  return (
    <>
      <AssuranceNav />
      <h1>Agreement compliance</h1>
      <p>
        What was actually shared under each agreement your organisation is party to, quarter by quarter,
        computed from the audit log. Every figure opens the audit entries behind it. The figures count only
        the disclosures and refusals your organisation took part in (as owner, recipient or the one who
        acted): sharing between other parties to an agreement is theirs to answer for, and is not shown.
      </p>
      {agreements.isPending ? <Loading /> : null}
      {agreements.isError ? <QueryError error={agreements.error} /> : null}
      {agreements.data ? (
        agreements.data.items.length === 0 ? (
          <p>Your organisation is not a party to any agreement.</p>
        ) : (
          <Table
            caption="Agreements your organisation is party to"
            rows={agreements.data.items}
            rowKey={(a) => a.id}
            columns={[
              { header: 'Reference', cell: (a) => a.reference, nowrap: true },
              {
                header: 'Agreement',
                cell: (a) => <Link to={`/compliance/${a.id}/${quarter}`}>{a.title}</Link>,
              },
              { header: 'Status', cell: (a) => a.status },
            ]}
          />
        )
      ) : null}
    </>
  );
}

/** One agreement's compliance for a quarter, every figure a link to its entries. */
export function CompliancePage() {
  const { agreementId = '', quarter = '' } = useParams();
  const navigate = useNavigate();
  const report = useComplianceReport(agreementId, quarter);
  const r = report.data;
  usePageTitle(r ? `Compliance: ${r.reference} ${quarter}` : 'Agreement compliance');
  const org = (id: string) => r?.organisations[id] ?? 'Another organisation';
  const quarters = recentQuarters();
  if (!quarters.includes(quarter)) quarters.push(quarter);
  return (
    <>
      <BackLink to="/compliance">All agreements</BackLink>
      {report.isPending ? <Loading /> : null}
      {report.isError ? <QueryError error={report.error} /> : null}
      {r ? (
        <>
          <h1>{`Compliance of ${r.reference}: ${r.title}`}</h1>
          <Select
            id="compliance-quarter"
            label="Quarter"
            value={quarter}
            onChange={(q) => navigate(`/compliance/${agreementId}/${q}`)}
            options={quarters.map((q) => ({ value: q, label: q }))}
          />
          <p className="nhsuk-body-s">
            {`From ${formatDateTime(r.from)} to ${formatDateTime(r.to)}. ${r.entriesRead} audit entries read.`}
          </p>
          <h2>What was shared under it</h2>
          <p>
            {'Disclosures in the quarter: '}
            <Count report={r} figure={r.disclosed.figure} count={r.disclosed.count} what="all disclosures" />
          </p>
          {r.disclosed.rows.length > 0 ? (
            <Table
              caption="Disclosures by direction, category and purpose"
              rows={r.disclosed.rows}
              rowKey={(d) =>
                `${d.ownerOrganisationId}|${d.recipientOrganisationId}|${d.category}|${d.purpose}`
              }
              columns={[
                { header: 'From', cell: (d) => org(d.ownerOrganisationId) },
                { header: 'To', cell: (d) => org(d.recipientOrganisationId) },
                { header: 'Category', cell: (d) => category(d.category) },
                { header: 'Purpose', cell: (d) => d.purpose },
                {
                  header: 'Disclosures',
                  cell: (d) => (
                    <Count
                      report={r}
                      figure={d.figure}
                      count={d.count}
                      what={`${category(d.category)} from ${org(d.ownerOrganisationId)} to ${org(d.recipientOrganisationId)}`}
                    />
                  ),
                },
              ]}
            />
          ) : null}
          <h2>Lawful exceptions and emergency access</h2>
          <Table
            caption="Disclosures without consent"
            rows={[
              { id: 'exception', label: 'Under a recorded lawful exception', value: r.exceptions },
              { id: 'break_glass', label: 'Under emergency (break-glass) access', value: r.breakGlass },
            ]}
            rowKey={(x) => x.id}
            columns={[
              { header: 'Basis', cell: (x) => x.label },
              {
                header: 'Disclosures',
                cell: (x) => (
                  <Count report={r} figure={x.value.figure} count={x.value.count} what={x.label} />
                ),
              },
            ]}
          />
          <h2>Refused</h2>
          <p>
            {'Refusals between the parties: '}
            <Count report={r} figure={r.denied.figure} count={r.denied.count} what="all refusals" />
          </p>
          {r.denied.rows.length > 0 ? (
            <Table
              caption="Refusals by reason"
              rows={r.denied.rows}
              rowKey={(d) => d.reason}
              columns={[
                { header: 'Reason', cell: (d) => d.reason },
                {
                  header: 'Refusals',
                  cell: (d) => <Count report={r} figure={d.figure} count={d.count} what={d.reason} />,
                },
              ]}
            />
          ) : null}
          <h2>Drift from the terms</h2>
          <p>
            {'Disclosures outside the terms: '}
            <Count report={r} figure={r.drift.figure} count={r.drift.count} what="all drift" />
          </p>
          {r.drift.rows.length > 0 ? (
            <Table
              caption="Drift by kind"
              rows={r.drift.rows}
              rowKey={(d) => d.kind}
              columns={[
                { header: 'Drift', cell: (d) => DRIFT_WORDS[d.kind] },
                {
                  header: 'Disclosures',
                  cell: (d) => (
                    <Count report={r} figure={d.figure} count={d.count} what={DRIFT_WORDS[d.kind]} />
                  ),
                },
              ]}
            />
          ) : (
            <p>No disclosure in the quarter drifted from the terms.</p>
          )}
        </>
      ) : null}
    </>
  );
}

type EntryRow = NonNullable<ReturnType<typeof useFigureEntries>['data']>['pages'][number]['items'][number];

/** The audit entries behind one figure, page by page. */
export function ComplianceEntriesPage() {
  const { agreementId = '', quarter = '' } = useParams();
  const [search] = useSearchParams();
  const kind = search.get('figure') ?? 'disclosed';
  const figure: Figure = {
    figure: (FIGURE_KINDS as readonly string[]).includes(kind) ? (kind as Figure['figure']) : 'disclosed',
  };
  for (const k of ['owner', 'recipient', 'category', 'purpose', 'reason'] as const) {
    const v = search.get(k);
    if (v) figure[k] = v;
  }
  const drift = search.get('drift');
  if (drift && (DRIFT_KINDS as readonly string[]).includes(drift)) figure.drift = drift as DriftKind;
  const report = useComplianceReport(agreementId, quarter);
  const entries = useFigureEntries(agreementId, quarter, figure);
  usePageTitle('Audit entries behind a figure');
  const org = (id: string | null) => (id ? (report.data?.organisations[id] ?? 'Another organisation') : '');
  const rows = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<EntryRow>[] = [
    {
      header: 'When',
      cell: (e) => <Link to={`/audit/entries/${e.id}`}>{formatDateTime(e.recordedAt)}</Link>,
      nowrap: true,
    },
    { header: 'Action', cell: (e) => e.action },
    { header: 'From', cell: (e) => org(e.ownerOrganisationId) },
    { header: 'To', cell: (e) => org(e.recipientOrganisationId) },
    { header: 'Categories', cell: (e) => e.categories.map(category).join(', ') },
    { header: 'Purpose', cell: (e) => e.purpose ?? '' },
    { header: 'Reasons', cell: (e) => e.reasons.join(', ') },
  ];
  return (
    <>
      <BackLink to={`/compliance/${agreementId}/${quarter}`}>Back to the compliance report</BackLink>
      <h1>Audit entries behind a figure</h1>
      <p>{`${report.data?.reference ?? 'Agreement'}, ${quarter}: ${figure.figure.replace('_', '-')}${figure.drift ? ` (${figure.drift})` : ''}${figure.category ? `, ${category(figure.category)}` : ''}${figure.reason ? `, ${figure.reason}` : ''}.`}</p>
      {entries.isPending ? <Loading /> : null}
      {entries.isError ? <QueryError error={entries.error} /> : null}
      {entries.data ? (
        <>
          <p role="status">{`${rows.length} entries shown${entries.hasNextPage ? ', more to load' : ''}.`}</p>
          <Table caption="Audit entries" rows={rows} rowKey={(e) => e.id} columns={columns} />
          {entries.hasNextPage ? (
            <button
              className="nhsuk-button nhsuk-button--secondary"
              type="button"
              onClick={() => void entries.fetchNextPage()}
              disabled={entries.isFetchingNextPage}
            >
              {entries.isFetchingNextPage ? 'Loading…' : 'Show more entries'}
            </button>
          ) : null}
        </>
      ) : null}
    </>
  );
}
