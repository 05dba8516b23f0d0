import { Link, useParams } from 'react-router';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import type { TimelineEntry } from '../../../contracts/exchange.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useTimeline } from './exchange-api.ts';
import { TEMPLATE_LABELS } from './exchange-words.ts';

const COLUMNS: readonly Column<TimelineEntry>[] = [
  { header: 'Sent', cell: (t) => formatDateTime(t.sentAt), nowrap: true },
  { header: 'Handover', cell: (t) => <Link to={`/handovers/${t.id}`}>{TEMPLATE_LABELS[t.template]}</Link> },
  { header: 'Who knew', cell: (t) => `${t.senderOrganisationName} to ${t.recipientOrganisationName}` },
  {
    header: 'What crossed',
    cell: (t) =>
      `${t.categoriesShared.map((c) => DATA_CATEGORY_LABELS[c]).join(', ')}${
        t.categoriesWithheld.length > 0
          ? ` (withheld: ${t.categoriesWithheld.map((c) => DATA_CATEGORY_LABELS[c]).join(', ')})`
          : ''
      }`,
  },
  {
    header: 'What followed',
    cell: (t) =>
      [
        t.acknowledgedAt ? `Acknowledged ${formatDateTime(t.acknowledgedAt)}` : 'Not yet acknowledged',
        t.escalations > 0 ? `${t.escalations} escalation${t.escalations === 1 ? '' : 's'}` : '',
        t.actions > 0 ? `${t.actions} action${t.actions === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join('; '),
  },
];

/** A person's handover timeline: who knew what, when, and what action followed. */
export function PersonHandoversPage() {
  const { personId = '' } = useParams();
  const timeline = useTimeline(personId);
  usePageTitle('Handover timeline');
  if (timeline.isPending) return <Loading />;
  if (timeline.error) return <QueryError error={timeline.error} />;
  return (
    <>
      <h1>Handover timeline</h1>
      <p>
        <Link to={`/people/${personId}/handovers/new`}>Send a handover</Link>
      </p>
      {timeline.data.length === 0 ? (
        <p>No handovers yet.</p>
      ) : (
        <Table
          caption="Handovers about this person"
          columns={COLUMNS}
          rows={timeline.data}
          rowKey={(t) => t.id}
        />
      )}
    </>
  );
}
