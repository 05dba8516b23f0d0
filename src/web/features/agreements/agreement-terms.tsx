import type { Agreement } from '../../../contracts/agreements.ts';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import { SummaryList } from '../../components/summary-list.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import {
  AGREEMENT_STATUS_LABELS,
  ARTICLE_6_LABELS,
  ARTICLE_9_LABELS,
  COMMON_LAW_LABELS,
  labelOf,
  PARTY_ROLE_LABELS,
  PURPOSE_LABELS,
} from '../../lib/legal-labels.ts';

type Row<K extends keyof Agreement> = Agreement[K] extends readonly (infer T)[] ? T : never;

const PARTY_COLUMNS: readonly Column<Row<'parties'>>[] = [
  { header: 'Organisation', cell: (p) => p.organisationName },
  { header: 'Role', cell: (p) => PARTY_ROLE_LABELS[p.role] },
  {
    header: 'Own Article 6 basis',
    cell: (p) => (p.article6Basis ? ARTICLE_6_LABELS[p.article6Basis] : 'As the agreement'),
  },
];

const GRANT_COLUMNS: readonly Column<Row<'grants'>>[] = [
  { header: 'From', cell: (g) => g.fromOrganisationName },
  { header: 'To', cell: (g) => g.toOrganisationName },
  { header: 'Purpose', cell: (g) => PURPOSE_LABELS[g.purpose] },
  { header: 'Information', cell: (g) => g.categories.map((c) => DATA_CATEGORY_LABELS[c]).join(', ') },
];

const SIGNATORY_COLUMNS: readonly Column<Row<'signatories'>>[] = [
  { header: 'Name', cell: (s) => s.name },
  { header: 'Role', cell: (s) => s.role },
  { header: 'For', cell: (s) => s.organisationName },
  { header: 'Signed', cell: (s) => formatDate(s.signedOn), nowrap: true },
];

const VERSION_COLUMNS: readonly Column<Row<'versions'>>[] = [
  { header: 'Version', cell: (v) => v.version },
  { header: 'Status', cell: (v) => AGREEMENT_STATUS_LABELS[v.status] },
  { header: 'Change', cell: (v) => v.changeNote },
  { header: 'By', cell: (v) => v.createdByName },
  { header: 'When', cell: (v) => formatDateTime(v.createdAt), nowrap: true },
];

/** An agreement's terms, section by section, as recorded in its current version. */
export function AgreementTerms({ agreement: a }: { agreement: Agreement }) {
  return (
    <>
      <h2>Who and when</h2>
      <SummaryList
        rows={[
          { key: 'Who the data is about', value: a.dataSubjects },
          { key: 'Starts', value: formatDate(a.startDate) },
          { key: 'Ends', value: a.endDate ? formatDate(a.endDate) : a.startDate ? 'No end date' : '' },
          { key: 'Review by', value: formatDate(a.reviewDate) },
          { key: 'DPIA reference', value: a.dpiaReference },
        ]}
      />
      <h2>Parties</h2>
      {a.parties.length > 0 ? (
        <Table caption="Parties" columns={PARTY_COLUMNS} rows={a.parties} rowKey={(p) => p.organisationId} />
      ) : (
        <p>No parties yet.</p>
      )}
      <h2>What may be shared</h2>
      {a.grants.length > 0 ? (
        <Table
          caption="What each party may share, with whom and why"
          columns={GRANT_COLUMNS}
          rows={a.grants}
          rowKey={(g) => `${g.fromOrganisationId}-${g.toOrganisationId}-${g.purpose}`}
        />
      ) : (
        <p>Nothing yet.</p>
      )}
      <h2>Legal basis</h2>
      <SummaryList
        rows={[
          { key: 'UK GDPR Article 6', value: labelOf(ARTICLE_6_LABELS, a.article6Basis) },
          { key: 'UK GDPR Article 9', value: labelOf(ARTICLE_9_LABELS, a.article9Condition) },
          { key: 'DPA 2018 Schedule 1', value: a.dpaSchedule1Condition },
          { key: 'Common-law duty of confidentiality', value: labelOf(COMMON_LAW_LABELS, a.commonLawBasis) },
          {
            key: 'National data opt-out',
            value:
              a.nationalDataOptOutApplies === null
                ? ''
                : `${a.nationalDataOptOutApplies ? 'Applies' : 'Does not apply'}${a.nationalDataOptOutRationale ? `: ${a.nationalDataOptOutRationale}` : ''}`,
          },
        ]}
      />
      <h2>Retention, security and incidents</h2>
      <SummaryList
        rows={[
          { key: 'Kept for', value: a.retention.period },
          { key: 'Counted from', value: a.retention.trigger },
          { key: 'Disposed of by', value: a.retention.method },
          { key: 'Security controls', value: a.securityControls },
          { key: 'Incident route', value: a.incidentEscalation.route },
          { key: 'Incident contacts', value: a.incidentEscalation.contacts.join('; ') },
          {
            key: 'Tell the other parties within',
            value: a.incidentEscalation.timescaleHours ? `${a.incidentEscalation.timescaleHours} hours` : '',
          },
        ]}
      />
      <h2>Signatories</h2>
      {a.signatories.length > 0 ? (
        <Table
          caption="Signatories"
          columns={SIGNATORY_COLUMNS}
          rows={a.signatories}
          rowKey={(s) => `${s.organisationId}-${s.name}`}
        />
      ) : (
        <p>No one has signed yet.</p>
      )}
      <h2>Version history</h2>
      <Table
        caption="Versions, newest first"
        columns={VERSION_COLUMNS}
        rows={[...a.versions].sort((x, y) => y.version - x.version)}
        rowKey={(v) => String(v.version)}
      />
    </>
  );
}
