import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { MetricTable } from '../../../contracts/reporting.ts';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { useMe } from '../auth/use-me.ts';
import { MetricChart } from './metric-chart.tsx';
import { useReport } from './reporting-api.ts';

const show = (v: number | null | undefined) => (v === null || v === undefined ? '*' : String(v));

function lastTwelveMonths(today = new Date()): { from: string; to: string } {
  const to = today.toISOString().slice(0, 7);
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 11, 1));
  return { from: start.toISOString().slice(0, 7), to };
}

function MetricSection({ table, csv }: { table: MetricTable; csv: URLSearchParams }) {
  const d = table.definition;
  const own = new URLSearchParams(csv);
  own.set('metric', d.id);
  return (
    <section className="nhsuk-u-margin-bottom-7" aria-labelledby={`metric-${d.id}`}>
      <h2 id={`metric-${d.id}`}>{d.title}</h2>
      <dl className="nhsuk-summary-list">
        {(
          [
            ['Numerator', d.numerator],
            ['Denominator', d.denominator],
            ['Period', d.period],
            ['Exclusions', d.exclusions],
            ['Source', d.source],
          ] as const
        ).map(([k, v]) => (
          <div className="nhsuk-summary-list__row" key={k}>
            <dt className="nhsuk-summary-list__key">{k}</dt>
            <dd className="nhsuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
      <MetricChart table={table} />
      <p>
        <a href={`/api/v1/reporting/dataset.csv?${own.toString()}`} download>
          Download {d.title.toLowerCase()} as CSV
        </a>
      </p>
      <div className="accord-table-scroll">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{d.title} by month</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="col">
                Month
              </th>
              {table.categories.map((c) => (
                <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col" key={c}>
                  {c}
                </th>
              ))}
              <th className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                Total
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {table.months.map((m, i) => (
              <tr className="nhsuk-table__row" key={m}>
                <th className="nhsuk-table__header" scope="row">
                  {m}
                </th>
                {table.categories.map((c, j) => (
                  <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={c}>
                    {show(table.cells[i]?.[j])}
                  </td>
                ))}
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{show(table.monthTotals[i])}</td>
              </tr>
            ))}
            <tr className="nhsuk-table__row">
              <th className="nhsuk-table__header" scope="row">
                All months
              </th>
              {table.categories.map((c, j) => (
                <td className="nhsuk-table__cell nhsuk-table__cell--numeric" key={c}>
                  {show(table.categoryTotals[j])}
                </td>
              ))}
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{show(table.total)}</td>
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The commissioner dataset for an organisation or the partnership: a chart and table per metric, and CSV. */
export function ReportingPage() {
  const [params, setParams] = useSearchParams();
  const [period] = useState(lastTwelveMonths);
  const from = params.get('from') ?? period.from;
  const to = params.get('to') ?? period.to;
  const organisationId = params.get('organisationId') ?? undefined;
  const report = useReport({ from, to, ...(organisationId ? { organisationId } : {}) });
  const me = useMe();
  const canProducePack = (me.data?.roles ?? []).some((role) => role === 'ig_lead' || role === 'commissioner');
  usePageTitle('Reporting');
  if (report.isPending) return <Loading />;
  if (report.error) return <QueryError error={report.error} />;
  const r = report.data;
  const scopeName =
    r.organisationId === null
      ? 'The partnership'
      : (r.organisations.find((o) => o.id === r.organisationId)?.name ?? '');
  const csv = new URLSearchParams({
    from,
    to,
    ...(r.organisationId ? { organisationId: r.organisationId } : {}),
  });
  return (
    <>
      <h1>Reporting: {scopeName}</h1>
      <p>
        {from} to {to}. {r.suppression}
      </p>
      {r.partnership || r.organisations.length > 1 ? (
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="report-scope">
            Organisation
          </label>
          <select
            className="nhsuk-select"
            id="report-scope"
            value={r.organisationId ?? ''}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              if (e.target.value) next.set('organisationId', e.target.value);
              else next.delete('organisationId');
              setParams(next);
            }}
          >
            {r.partnership ? <option value="">The partnership</option> : null}
            {r.organisations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <p>
        <a href={`/api/v1/reporting/dataset.csv?${csv.toString()}`} download>
          Download these figures as CSV
        </a>
      </p>
      {(me.data?.roles ?? []).includes('ig_lead') ? (
        <p>
          <Link to="/data-quality">Monthly data-quality audit</Link>
        </p>
      ) : null}
      {canProducePack ? (
        <p>
          <a
            className="nhsuk-button nhsuk-button--secondary"
            href={`/api/v1/reporting/evidence-pack.pdf?${csv.toString()}`}
            download
          >
            Produce the evidence pack (PDF)
          </a>
        </p>
      ) : null}
      {r.metrics.map((t) => (
        <MetricSection key={t.definition.id} table={t} csv={csv} />
      ))}
    </>
  );
}
