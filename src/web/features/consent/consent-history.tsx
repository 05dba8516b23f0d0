import { useState } from 'react';
import type { ConsentVersion, LawfulExceptionDto } from '../../../contracts/consent.ts';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { CONSENT_STATUS_LABELS } from '../../lib/governance-labels.ts';
import { LAWFUL_EXCEPTION_GROUND_LABELS } from '../../lib/legal-labels.ts';

const PAGE = 10;

const VERSION_COLUMNS: readonly Column<ConsentVersion>[] = [
  { header: 'Version', cell: (v) => v.version },
  { header: 'Change', cell: (v) => v.change },
  { header: 'Status', cell: (v) => CONSENT_STATUS_LABELS[v.status] },
  { header: 'Recorded by', cell: (v) => v.capturedBy.name },
  { header: 'When', cell: (v) => formatDateTime(v.capturedAt), nowrap: true },
  {
    header: 'In force',
    cell: (v) =>
      v.supersededAt ? `Replaced ${formatDateTime(v.supersededAt)}` : <Tag colour="green">Current</Tag>,
  },
];

/** Every version of the person's consent, newest first, ten at a time. */
export function ConsentHistory({ history }: { history: readonly ConsentVersion[] }) {
  const [shown, setShown] = useState(PAGE);
  if (history.length === 0) return <p>No consent decision has been recorded.</p>;
  const sorted = [...history].sort((a, b) => b.version - a.version);
  return (
    <>
      <Table
        caption="Consent history"
        columns={VERSION_COLUMNS}
        rows={sorted.slice(0, shown)}
        rowKey={(v) => v.id}
      />
      <p className="nhsuk-body-s accord-count">
        Showing {Math.min(shown, sorted.length)} of {sorted.length} versions
      </p>
      {shown < sorted.length ? (
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => setShown(shown + PAGE)}
        >
          Show {Math.min(PAGE, sorted.length - shown)} more versions
        </button>
      ) : null}
    </>
  );
}

const EXCEPTION_COLUMNS: readonly Column<LawfulExceptionDto>[] = [
  { header: 'Ground', cell: (e) => LAWFUL_EXCEPTION_GROUND_LABELS[e.ground] },
  { header: 'Shared with', cell: (e) => e.recipientOrganisationName ?? 'Any organisation on the care team' },
  {
    header: 'Information',
    cell: (e) =>
      e.categories.length === 0 ? 'All kinds' : e.categories.map((c) => DATA_CATEGORY_LABELS[c]).join(', '),
  },
  {
    header: 'Valid',
    cell: (e) =>
      `${formatDate(e.validFrom)} to ${e.validUntil ? formatDate(e.validUntil) : 'until withdrawn'}`,
  },
  { header: 'Why', cell: (e) => e.rationale },
  { header: 'Decided by', cell: (e) => `${e.decidedBy.name}, ${formatDateTime(e.decidedAt)}` },
];

/** Sharing without consent that was recorded for this person, with the reason. */
export function LawfulExceptions({ exceptions }: { exceptions: readonly LawfulExceptionDto[] }) {
  if (exceptions.length === 0) return <p>No sharing without consent has been recorded.</p>;
  return (
    <Table caption="Lawful exceptions" columns={EXCEPTION_COLUMNS} rows={exceptions} rowKey={(e) => e.id} />
  );
}
