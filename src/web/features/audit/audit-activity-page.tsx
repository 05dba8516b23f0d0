import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { formatDate, todayIso } from '../../lib/format.ts';
import { AUDIT_OUTCOME_LABELS } from '../../lib/governance-labels.ts';
import { labelOf } from '../../lib/legal-labels.ts';
import { searchHref } from '../../lib/search-params.ts';
import { addDays } from '../../lib/time.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { AccessChart } from './access-chart.tsx';
import { type DailyCount, useActivity } from './activity-data.ts';
import { apiFilterOf, filterParamsOf } from './audit-filters.tsx';
import { AuditNav } from './audit-nav.tsx';

/** The counts as a table: one row a day, one column an outcome. The chart's full text alternative. */
function CountsTable({ rows }: { rows: readonly DailyCount[] }) {
  const outcomes = [...new Set(rows.map((r) => r.outcome))].sort();
  const days = [...new Set(rows.map((r) => r.day))];
  const count = (day: string, outcome: string) =>
    rows.find((r) => r.day === day && r.outcome === outcome)?.count ?? 0;
  return (
    <table className="nhsuk-table accord-table-responsive">
      <caption className="nhsuk-table__caption">Entries per day by outcome</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          <th className="nhsuk-table__header" scope="col">
            Day
          </th>
          {outcomes.map((o) => (
            <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col" key={o}>
              {labelOf(AUDIT_OUTCOME_LABELS, o)}
            </th>
          ))}
          <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
            Total
          </th>
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {days.map((day) => (
          <tr className="nhsuk-table__row" key={day}>
            <th className="nhsuk-table__header" scope="row">
              {formatDate(day)}
            </th>
            {outcomes.map((o) => (
              <td
                className="nhsuk-table__cell nhsuk-table__cell--numeric"
                data-label={labelOf(AUDIT_OUTCOME_LABELS, o)}
                key={o}
              >
                {count(day, o)}
              </td>
            ))}
            <td className="nhsuk-table__cell nhsuk-table__cell--numeric" data-label="Total">
              {outcomes.reduce((n, o) => n + count(day, o), 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every UK calendar day from `from` to `to`, at most a year of them. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to && days.length < 366; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Access volume over time: entries per day by outcome, as a chart and as a table. */
export function AuditActivityPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const today = todayIso();
  const filters = { ...filterParamsOf(params) };
  if (!filters.from) filters.from = addDays(today, -13);
  if (!filters.to) filters.to = today;
  const activity = useActivity(apiFilterOf(filters));
  const rows = useMemo(() => activity.data?.rows ?? [], [activity.data]);
  const [range, setRange] = useState({ from: filters.from, to: filters.to });
  usePageTitle('Audit activity');
  const apply = (event: FormEvent) => {
    event.preventDefault();
    navigate(searchHref({ ...filterParamsOf(params), ...range }));
  };
  const total = rows.reduce((n, r) => n + r.count, 0);
  const days = useMemo(() => daysBetween(filters.from, filters.to), [filters.from, filters.to]);
  return (
    <>
      <AuditNav />
      <h1>Activity over time</h1>
      <form className="accord-filter" onSubmit={apply} noValidate>
        <TextInput
          id="activity-from"
          label="From"
          type="date"
          value={range.from}
          onChange={(v) => setRange({ ...range, from: v })}
          width={10}
        />
        <TextInput
          id="activity-to"
          label="To"
          type="date"
          value={range.to}
          onChange={(v) => setRange({ ...range, to: v })}
          width={10}
        />
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Show
        </button>
      </form>
      {activity.isPending ? <Loading what="Counting entries" /> : null}
      {activity.isError ? <QueryError error={activity.error} /> : null}
      {activity.data ? (
        <>
          <p>{`${total} entries from ${formatDate(filters.from)} to ${formatDate(filters.to)}.`}</p>
          {rows.length > 0 ? (
            <>
              <AccessChart
                rows={rows}
                days={days}
                label={`Bar chart of audit entries per day by outcome, ${total} entries in all. The table below gives the figures.`}
              />
              <CountsTable rows={rows} />
            </>
          ) : (
            <p>No entries in these dates.</p>
          )}
        </>
      ) : null}
    </>
  );
}
