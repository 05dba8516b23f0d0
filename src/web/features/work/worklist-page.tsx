import { useState } from 'react';
import { Link } from 'react-router';
import { WORK_KIND_LABELS, WORK_KINDS, type WorkItem } from '../../../contracts/work.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from '../auth/use-me.ts';
import { useWorklist } from './work-api.ts';

const COLUMNS: readonly Column<WorkItem>[] = [
  { header: 'What', cell: (i) => <Link to={i.link}>{i.label}</Link> },
  {
    header: 'Person',
    cell: (i) => i.personName ?? (i.personHidden ? 'Not on your caseload: open the item' : '—'),
  },
  { header: 'Due', cell: (i) => formatDateTime(i.dueAt), nowrap: true },
  {
    header: 'Status',
    cell: (i) => (i.overdue ? <Tag colour="red">Overdue</Tag> : <Tag colour="blue">Due</Tag>),
  },
];

/** The home page: what needs the signed-in user's action now, soonest due first. */
export function WorklistPage() {
  const [cursors, setCursors] = useState<string[]>([]);
  const after = cursors.at(-1) ?? null;
  const list = useWorklist(after);
  const me = useMe();
  usePageTitle('Your worklist');
  if (list.isPending) return <Loading />;
  if (list.error) return <QueryError error={list.error} />;
  const { counts, items, nextCursor } = list.data;
  return (
    <>
      <h1>Your worklist</h1>
      <p className="nhsuk-lede-text" data-testid="worklist-counts">
        {counts.total} item{counts.total === 1 ? '' : 's'}, {counts.overdue} overdue
      </p>
      {me.data?.roles.includes('service_manager') ? (
        <nav aria-label="Team oversight">
          <p>
            Team oversight: <Link to="/handover-samples">escalation summary samples</Link> ·{' '}
            <Link to="/escalation-timeliness">escalation timeliness</Link> ·{' '}
            <Link to="/supervision-notes">supervision notes</Link>
          </p>
        </nav>
      ) : me.data?.roles.some((r) => ['care_manager', 'frontline', 'clinical', 'duty'].includes(r)) ? (
        <p>
          <Link to="/supervision-notes">Your supervision notes</Link>
        </p>
      ) : null}
      <ul className="nhsuk-list accord-work-counts">
        {WORK_KINDS.filter((k) => counts.byKind[k] > 0).map((k) => (
          <li key={k}>
            {WORK_KIND_LABELS[k]}: {counts.byKind[k]}
          </li>
        ))}
      </ul>
      {items.length === 0 ? (
        <p>Nothing needs your action now.</p>
      ) : (
        <Table
          caption="Items needing your action"
          columns={COLUMNS}
          rows={items}
          rowKey={(i) => `${i.kind}:${i.id}`}
        />
      )}
      <nav className="nhsuk-pagination" aria-label="Worklist pages">
        <ul className="nhsuk-list nhsuk-pagination__list">
          {cursors.length > 0 ? (
            <li className="nhsuk-pagination-item--previous">
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous page
              </button>
            </li>
          ) : null}
          {nextCursor ? (
            <li className="nhsuk-pagination-item--next">
              <button
                className="nhsuk-button nhsuk-button--secondary"
                type="button"
                onClick={() => setCursors((c) => [...c, nextCursor])}
              >
                Next page
              </button>
            </li>
          ) : null}
        </ul>
      </nav>
    </>
  );
}
