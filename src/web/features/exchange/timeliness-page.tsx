import { Link } from 'react-router';
import type { TimelinessWeek } from '../../../contracts/sampling.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { formatDate } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useTimeliness } from './sampling-api.ts';
import { TimelinessChart } from './timeliness-chart.tsx';

const WEEKS = 12;
/** The crisis escalation template's default acknowledgement time (domain-reference §3). */
const CRISIS_SLA_MINUTES = 60;

const minutes = (m: number | null) => (m === null ? '—' : `${m}`);

const COLUMNS: readonly Column<TimelinessWeek>[] = [
  { header: 'Week beginning', cell: (w) => formatDate(w.weekStart), nowrap: true },
  { header: 'Sent', cell: (w) => w.sent },
  { header: 'Acknowledged', cell: (w) => w.acknowledged },
  { header: 'Median minutes', cell: (w) => minutes(w.medianMinutes) },
  { header: '90th percentile minutes', cell: (w) => minutes(w.p90Minutes) },
  { header: 'Overdue', cell: (w) => w.overdue },
];

/** How quickly the manager's teams' crisis escalations were acknowledged, week by week. */
export function TimelinessPage() {
  const figures = useTimeliness(WEEKS);
  usePageTitle('Escalation timeliness');
  if (figures.isPending) return <Loading />;
  if (figures.error) return <QueryError error={figures.error} />;
  const { teams, weeks } = figures.data;
  return (
    <>
      <h1>Escalation timeliness</h1>
      <p>
        Crisis escalations sent by{' '}
        {teams.length === 0 ? 'your teams' : teams.map((t) => t.name).join(' and ')}: minutes from sending to
        acknowledgement, for the last {WEEKS} weeks. The dashed line is the {CRISIS_SLA_MINUTES}-minute
        acknowledgement time. Overdue counts those acknowledged late and those still unacknowledged past their
        time.
      </p>
      <TimelinessChart weeks={weeks} slaMinutes={CRISIS_SLA_MINUTES} />
      <Table
        caption="Escalation timeliness by week"
        showCaption
        columns={COLUMNS}
        rows={weeks}
        rowKey={(w) => w.weekStart}
      />
      <p>
        <Link to="/handover-samples">Escalation summary samples</Link>
      </p>
    </>
  );
}
