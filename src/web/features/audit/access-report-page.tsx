import { useState } from 'react';
import { useParams } from 'react-router';
import type {
  AccessReport,
  ReportAccess,
  ReportDisclosure,
  ReportRefusal,
} from '../../../contracts/audit-export.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { labelOf, PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { PersonHeader } from '../people/person-header.tsx';
import { useAccessReport } from './audit-api.ts';
import { categoryWords } from './audit-entries-table.tsx';

const PAGE = 25;
const staff = (s: { role: string; organisation: string }) => `${s.role}, ${s.organisation}`;

const ACCESS_COLUMNS: readonly Column<ReportAccess>[] = [
  { header: 'When', cell: (a) => formatDateTime(a.at), nowrap: true },
  { header: 'Who', cell: (a) => staff(a.staff) },
  {
    header: 'What happened',
    cell: (a) => (
      <>
        {a.description}
        {a.emergency ? (
          <>
            {' '}
            <Tag colour="red">Emergency access</Tag>
          </>
        ) : null}
      </>
    ),
  },
  { header: 'Information', cell: (a) => categoryWords(a.categories) },
  { header: 'Why', cell: (a) => labelOf(PURPOSE_LABELS, a.purpose) },
  { header: 'On what basis', cell: (a) => a.basis.summary },
];

const DISCLOSURE_COLUMNS: readonly Column<ReportDisclosure>[] = [
  { header: 'When', cell: (d) => formatDateTime(d.at), nowrap: true },
  { header: 'From', cell: (d) => d.from },
  { header: 'To', cell: (d) => `${d.to} (${d.staff.role})` },
  { header: 'Information', cell: (d) => categoryWords(d.categories) },
  { header: 'Why', cell: (d) => labelOf(PURPOSE_LABELS, d.purpose) },
  { header: 'On what basis', cell: (d) => d.basis.summary },
];

const REFUSAL_COLUMNS: readonly Column<ReportRefusal>[] = [
  { header: 'Who asked', cell: (r) => staff(r.staff) },
  { header: 'Information', cell: (r) => categoryWords(r.categories) },
  { header: 'Why it was refused', cell: (r) => r.reasons.join(' ') },
  {
    header: 'How often',
    cell: (r) =>
      `${r.count} ${r.count === 1 ? 'time' : 'times'}, ${formatDateTime(r.firstAt)} to ${formatDateTime(r.lastAt)}`,
  },
];

/** A long table shown a page at a time, with a "show more" that keeps what was shown. */
function Paged<T>({
  caption,
  columns,
  rows,
  rowKey,
  empty,
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, i: number) => string;
  empty: string;
}) {
  const [shown, setShown] = useState(PAGE);
  if (rows.length === 0) return <p>{empty}</p>;
  const indexed = rows.slice(0, shown).map((row, i) => ({ row, i }));
  return (
    <>
      <Table
        caption={caption}
        columns={columns.map((c) => ({ ...c, cell: (x: { row: T }) => c.cell(x.row) }))}
        rows={indexed}
        rowKey={(x) => rowKey(x.row, x.i)}
      />
      <p className="nhsuk-body-s accord-count">
        Showing {indexed.length} of {rows.length}
      </p>
      {shown < rows.length ? (
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => setShown(shown + PAGE)}
        >
          Show {Math.min(PAGE, rows.length - shown)} more
          <span className="nhsuk-u-visually-hidden"> of {caption.toLowerCase()}</span>
        </button>
      ) : null}
    </>
  );
}

function Report({ report, personId }: { report: AccessReport; personId: string }) {
  return (
    <>
      <h1>
        <span className="nhsuk-caption-l">
          {report.person.name}
          <span className="nhsuk-u-visually-hidden"> – </span>
        </span>
        Who has accessed this record
      </h1>
      <p>
        Generated {formatDateTime(report.generatedAt)}, from {report.entries} audit entries
        {report.treeHead
          ? `, ${report.coveredByTreeHead} of them covered by the log’s signed tree head of size ${report.treeHead.treeSize} (signed ${formatDateTime(report.treeHead.timestamp)}).`
          : '. No signed tree head covers them yet.'}
      </p>
      <p>
        <a
          className="nhsuk-button nhsuk-button--secondary"
          href={`/api/v1/people/${personId}/access-report.pdf`}
          download
        >
          Download PDF<span className="nhsuk-u-visually-hidden"> of this report</span>
        </a>
      </p>
      <h2>Looks at and changes to the record</h2>
      <Paged
        caption="Accesses"
        columns={ACCESS_COLUMNS}
        rows={report.accesses}
        rowKey={(a, i) => `${a.at}-${i}`}
        empty="Nobody has opened or changed this record in this period."
      />
      <h2>Information shared with other organisations</h2>
      <Paged
        caption="Disclosures"
        columns={DISCLOSURE_COLUMNS}
        rows={report.disclosures}
        rowKey={(d, i) => `${d.at}-${i}`}
        empty="Nothing was shared with another organisation in this period."
      />
      <h2>Requests that were refused</h2>
      <Paged
        caption="Refused requests"
        columns={REFUSAL_COLUMNS}
        rows={report.refused}
        rowKey={(r, i) => `${r.firstAt}-${i}`}
        empty="No request for this record was refused in this period."
      />
      <h2>Who to contact</h2>
      <p>
        If anything here looks wrong, or you want to know more, tell the person’s care coordinator or contact
        a data protection officer:
      </p>
      {report.dataProtectionOfficers.length > 0 ? (
        <ul className="nhsuk-list nhsuk-list--bullet">
          {report.dataProtectionOfficers.map((c) => (
            <li key={c.organisation}>
              {c.organisation}: {c.jobTitle ?? 'Data protection officer'}
              {c.email ? (
                <>
                  , <a href={`mailto:${c.email}`}>{c.email}</a>
                </>
              ) : (
                ' (no email address recorded)'
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p>No data protection officer is named for the organisations in this report yet.</p>
      )}
    </>
  );
}

/** The person's access report: who looked, what was shared and on what basis, what was refused. */
export function AccessReportPage() {
  const { personId = '' } = useParams();
  const report = useAccessReport(personId);
  usePageTitle('Who has accessed this record');
  return (
    <>
      <BackLink to={`/people/${personId}`}>Back to the record</BackLink>
      <PersonHeader personId={personId} optional>
        {report.isPending ? <Loading what="Building the report" /> : null}
        {report.isError ? <QueryError error={report.error} /> : null}
        {report.data ? <Report report={report.data} personId={personId} /> : null}
      </PersonHeader>
    </>
  );
}
