import { Link } from 'react-router';
import type { SupervisionNote } from '../../../contracts/sampling.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useSupervisionNotes } from './sampling-api.ts';

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

const COLUMNS: readonly Column<SupervisionNote>[] = [
  { header: 'About', cell: (n) => n.staffName },
  { header: 'Week', cell: (n) => formatDate(n.weekStart), nowrap: true },
  { header: 'Summary', cell: (n) => <Link to={`/handovers/${n.handoverId}`}>Open the summary</Link> },
  { header: 'Complete', cell: (n) => yesNo(n.complete) },
  { header: 'Shared appropriately', cell: (n) => yesNo(n.sharedAppropriately) },
  { header: 'Reflected in the record', cell: (n) => yesNo(n.reflectedInRecord) },
  { header: 'Note', cell: (n) => n.note },
  { header: 'Written by', cell: (n) => n.writtenByName },
];

/** Supervision notes from sampling: about the caller, or (a manager) about their teams. */
export function SupervisionNotesPage() {
  const notes = useSupervisionNotes();
  usePageTitle('Supervision notes');
  if (notes.isPending) return <Loading />;
  if (notes.error) return <QueryError error={notes.error} />;
  return (
    <>
      <h1>Supervision notes</h1>
      <p>Findings from managers’ samples of crisis escalation summaries, for discussion in supervision.</p>
      {notes.data.length === 0 ? (
        <p>There are no supervision notes for you.</p>
      ) : (
        <Table caption="Supervision notes" columns={COLUMNS} rows={notes.data} rowKey={(n) => n.id} />
      )}
    </>
  );
}
