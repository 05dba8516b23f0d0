import { useState } from 'react';
import { Link } from 'react-router';
import { ABUSE_TYPE_LABELS, type HuddleItem } from '../../../contracts/safeguarding.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useHuddle } from './safeguarding-api.ts';

const COLUMNS: readonly Column<HuddleItem>[] = [
  {
    header: 'Person',
    cell: (i) => <Link to={`/people/${i.personId}/safeguarding`}>{i.personName || 'Person'}</Link>,
  },
  { header: 'Abuse', cell: (i) => i.abuseTypes.map((t) => ABUSE_TYPE_LABELS[t]).join(', ') },
  {
    header: 'Protective actions',
    cell: (i) => (
      <>
        {i.overdueActions > 0 ? <Tag colour="red">{`${i.overdueActions} overdue`}</Tag> : null}{' '}
        {i.openActions} open
        {i.nextActionDue ? `, next due ${formatDate(i.nextActionDue)}` : ''}
      </>
    ),
  },
  {
    header: 'Last huddle',
    cell: (i) => (i.lastHuddleOn ? formatDate(i.lastHuddleOn) : 'Not yet'),
    nowrap: true,
  },
  {
    header: 'Next huddle',
    cell: (i) => (i.nextHuddleOn ? formatDate(i.nextHuddleOn) : 'Not set'),
    nowrap: true,
  },
  { header: 'Lead', cell: (i) => i.leadName },
  {
    header: 'Review',
    hiddenHeader: true,
    cell: (i) => (
      <Link to={`/people/${i.personId}/safeguarding/concerns/${i.concernId}/huddle`}>
        Review<span className="nhsuk-u-visually-hidden"> the concern about {i.personName}</span>
      </Link>
    ),
  },
];

/** The weekly huddle: the organisation's active concerns, overdue protective actions first. */
export function HuddlePage() {
  const [cursors, setCursors] = useState<string[]>(['']);
  const after = cursors.at(-1) ?? '';
  const huddle = useHuddle(after);
  usePageTitle('Safeguarding huddle');
  return (
    <>
      <h1>Safeguarding huddle</h1>
      <p>
        Your organisation’s active safeguarding concerns. Concerns with overdue protective actions come first.
      </p>
      {huddle.isPending ? <Loading what="Loading the huddle" /> : null}
      {huddle.isError ? <QueryError error={huddle.error} /> : null}
      {huddle.data ? (
        <>
          {huddle.data.items.length === 0 ? <p>There are no active concerns to review.</p> : null}
          {huddle.data.items.length > 0 ? (
            <Table
              caption="Active safeguarding concerns"
              columns={COLUMNS}
              rows={huddle.data.items}
              rowKey={(i) => i.concernId}
            />
          ) : null}
          {huddle.data.withheld > 0 ? (
            <p className="nhsuk-body-s">
              {huddle.data.withheld} more on this page are about people whose care team you are not on.
            </p>
          ) : null}
          <div className="nhsuk-button-group">
            {cursors.length > 1 ? (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() => setCursors((c) => c.slice(0, -1))}
              >
                Previous page
              </button>
            ) : null}
            {huddle.data.nextCursor ? (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                onClick={() => setCursors((c) => [...c, huddle.data?.nextCursor ?? ''])}
              >
                Next page
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </>
  );
}
