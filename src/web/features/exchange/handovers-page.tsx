import { Link } from 'react-router';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { type HandoverSummary, useHandovers } from './exchange-api.ts';
import { TEMPLATE_LABELS } from './exchange-words.ts';
import { HandoverStatusTag } from './handover-page.tsx';

const COLUMNS: readonly Column<HandoverSummary>[] = [
  { header: 'Handover', cell: (h) => <Link to={`/handovers/${h.id}`}>{TEMPLATE_LABELS[h.template]}</Link> },
  { header: 'Sent', cell: (h) => formatDateTime(h.sentAt), nowrap: true },
  { header: 'Due', cell: (h) => formatDateTime(h.dueAt), nowrap: true },
  { header: 'Status', cell: (h) => <HandoverStatusTag h={h} /> },
];

function Box({ box, caption }: { box: 'incoming' | 'sent'; caption: string }) {
  const list = useHandovers(box);
  if (list.isPending) return <Loading />;
  if (list.error) return <QueryError error={list.error} />;
  if (list.data.length === 0) return <p>None.</p>;
  return <Table caption={caption} columns={COLUMNS} rows={list.data} rowKey={(h) => h.id} />;
}

/** Handovers coming to the caller to lead, and those they sent. */
export function HandoversPage() {
  usePageTitle('Handovers');
  return (
    <>
      <h1>Handovers</h1>
      <h2>Incoming</h2>
      <Box box="incoming" caption="Handovers you lead" />
      <h2>Sent</h2>
      <Box box="sent" caption="Handovers you sent" />
    </>
  );
}
