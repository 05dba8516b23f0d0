import { Link } from 'react-router';
import type { SampleSummary } from '../../../contracts/sampling.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useSamples } from './sampling-api.ts';

const COLUMNS: readonly Column<SampleSummary>[] = [
  {
    header: 'Week',
    cell: (s) => <Link to={`/handover-samples/${s.id}`}>Week of {formatDate(s.weekStart)}</Link>,
    nowrap: true,
  },
  { header: 'Team', cell: (s) => s.teamName },
  { header: 'Sampled', cell: (s) => `${s.size} of ${s.population} summaries` },
  {
    header: 'Review',
    cell: (s) =>
      s.size === 0 ? (
        <Tag colour="grey">Nothing sent</Tag>
      ) : s.reviewed === s.size ? (
        <Tag colour="green">Reviewed</Tag>
      ) : (
        <Tag colour="blue">{`${s.size - s.reviewed} to review`}</Tag>
      ),
  },
];

/** A service manager's weekly samples of their teams' crisis escalation summaries. */
export function SamplesPage() {
  const samples = useSamples();
  usePageTitle('Escalation summary samples');
  if (samples.isPending) return <Loading />;
  if (samples.error) return <QueryError error={samples.error} />;
  return (
    <>
      <h1>Escalation summary samples</h1>
      <p>
        Each week a sample of your team’s crisis escalation summaries is drawn for you to check. The seed it
        was drawn with is kept, so the same summaries would be drawn again.
      </p>
      <p>
        <Link to="/escalation-timeliness">Escalation timeliness</Link> ·{' '}
        <Link to="/supervision-notes">Supervision notes</Link>
      </p>
      {samples.data.length === 0 ? (
        <p>No samples have been drawn for you yet.</p>
      ) : (
        <Table caption="Weekly samples" columns={COLUMNS} rows={samples.data} rowKey={(s) => s.id} />
      )}
    </>
  );
}
