import { type FormEvent, useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  DQ_CHECK_LABELS,
  DQ_CHECKS,
  type DqAuditSummary,
  type DqFinding,
} from '../../../contracts/reporting.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { CHART_STYLE, PlotFigure, type PlotModule } from '../../components/plot-figure.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import {
  useCorrectFinding,
  useDqAudit,
  useDqAudits,
  useDqFinding,
  useRunDqAudit,
} from './data-quality-api.ts';

const STATUS_WORDS: Record<DqFinding['status'], string> = {
  open: 'Open',
  corrected: 'Corrected, awaiting re-audit',
  verified: 'Verified by re-audit',
  reopened: 'Still present at re-audit',
};

/** Findings and open corrections month by month, drawn by Observable Plot; the table is the text alternative. */
function DqTrendChart({ audits }: { audits: readonly DqAuditSummary[] }) {
  const draw = useCallback(
    (Plot: PlotModule, width: number) => {
      const data = audits.flatMap((a) => [
        { month: a.month, series: 'Findings', value: a.findings },
        { month: a.month, series: 'Corrections still open', value: a.open },
        { month: a.month, series: 'Verified at re-audit', value: a.verified },
      ]);
      return [
        Plot.plot({
          width,
          height: 240,
          marginLeft: 48,
          style: CHART_STYLE,
          x: { type: 'band', domain: audits.map((a) => a.month), label: null },
          y: { label: 'Count', grid: true },
          color: { legend: true },
          marks: [
            Plot.lineY(data, { x: 'month', y: 'value', stroke: 'series', marker: 'circle' }),
            Plot.ruleY([0]),
          ],
        }),
      ];
    },
    [audits],
  );
  return <PlotFigure label="Data-quality findings month by month" draw={draw} />;
}

/** The month before this one, YYYY-MM: the latest month that has ended. */
function lastMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
}

function RunAuditForm() {
  const run = useRunDqAudit();
  const [month, setMonth] = useState(lastMonth);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors(NO_ERRORS);
    run.mutate({ month }, { onError: (error) => setErrors(formErrorsFrom(error, { month: 'Month' }, 'dq')) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>Run a month’s audit</h2>
      <ErrorSummary errors={errors.summary} />
      <TextInput
        id="dq-month"
        label="Month (YYYY-MM)"
        hint="A month that has ended. The sample is drawn at random and its seed recorded with the audit."
        value={month}
        onChange={setMonth}
        width={10}
        error={errors.fields.month}
      />
      <button className="nhsuk-button" type="submit" disabled={run.isPending}>
        Run the audit
      </button>
      {run.data ? (
        <p role="status">
          Audit of {run.data.audit.month} recorded: {run.data.audit.findings} findings.{' '}
          <Link to={`/data-quality/${run.data.audit.id}`}>Open it</Link>
        </p>
      ) : null}
    </form>
  );
}

/** The organisation's monthly data-quality audits: trend, table and a form to run an ended month's. */
export function DataQualityPage() {
  usePageTitle('Data-quality audit');
  const audits = useDqAudits();
  if (audits.isPending) return <Loading />;
  if (audits.error) return <QueryError error={audits.error} />;
  const items = audits.data;
  return (
    <>
      <h1>Data-quality audit</h1>
      <p>
        Each month a seeded sample of open pathway episodes is checked for a stage the records do not bear
        out, missing or past review dates, outcome scores out of range or sequence, and missing coding. Each
        finding is a correction for the person’s care coordinator; the next month’s audit checks it again.
      </p>
      {items.length > 0 ? <DqTrendChart audits={items} /> : <p>No audits yet.</p>}
      {items.length > 0 ? (
        <div className="accord-table-scroll">
          <table className="nhsuk-table">
            <caption className="nhsuk-table__caption">Audits by month</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {['Month', 'Sampled', 'Findings', 'Re-audited', 'Verified', 'Still present', 'Open'].map(
                  (h) => (
                    <th className="nhsuk-table__header" scope="col" key={h}>
                      {h}
                    </th>
                  ),
                )}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {items.map((a) => (
                <tr className="nhsuk-table__row" key={a.id}>
                  <th className="nhsuk-table__header" scope="row">
                    <Link to={`/data-quality/${a.id}`}>{a.month}</Link>
                  </th>
                  <td className="nhsuk-table__cell">
                    {a.sampled} of {a.population}
                  </td>
                  <td className="nhsuk-table__cell">{a.findings}</td>
                  <td className="nhsuk-table__cell">{a.reaudited}</td>
                  <td className="nhsuk-table__cell">{a.verified}</td>
                  <td className="nhsuk-table__cell">{a.stillPresent}</td>
                  <td className="nhsuk-table__cell">{a.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <RunAuditForm />
    </>
  );
}

/** One audit: its seed, counts by check and every finding with its correction, owner and status. */
export function DataQualityAuditPage() {
  const { auditId = '' } = useParams();
  const audit = useDqAudit(auditId);
  usePageTitle('Data-quality audit');
  if (audit.isPending) return <Loading />;
  if (audit.error) return <QueryError error={audit.error} />;
  const { audit: a, findings } = audit.data;
  return (
    <>
      <BackLink to="/data-quality">All audits</BackLink>
      <h1>Data-quality audit: {a.month}</h1>
      <p>
        {a.sampled} of {a.population} open episodes sampled with seed <code>{a.seed}</code>. {a.findings}{' '}
        findings.
      </p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        {DQ_CHECKS.map((c) => (
          <li key={c}>
            {DQ_CHECK_LABELS[c]}: {a.byCheck[c]}
          </li>
        ))}
      </ul>
      <div className="accord-table-scroll">
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Findings and corrections</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['Check', 'Person', 'Correction', 'Owner', 'Due', 'Status'].map((h) => (
                <th className="nhsuk-table__header" scope="col" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {findings.map((f) => (
              <tr className="nhsuk-table__row" key={f.id}>
                <td className="nhsuk-table__cell">{DQ_CHECK_LABELS[f.check]}</td>
                <td className="nhsuk-table__cell">
                  <Link to={`/people/${f.personId}`}>Open record</Link>
                </td>
                <td className="nhsuk-table__cell">{f.action}</td>
                <td className="nhsuk-table__cell">{f.ownerName}</td>
                <td className="nhsuk-table__cell">{f.dueAt.slice(0, 10)}</td>
                <td className="nhsuk-table__cell">{STATUS_WORDS[f.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** A correction from the worklist: what to put right, and a button to say it is done. */
export function DataQualityFindingPage() {
  const { findingId = '' } = useParams();
  const finding = useDqFinding(findingId);
  const correct = useCorrectFinding(findingId);
  usePageTitle('Data-quality correction');
  if (finding.isPending) return <Loading />;
  if (finding.error) return <QueryError error={finding.error} />;
  const f = finding.data;
  const done = correct.isSuccess || f.status === 'corrected' || f.status === 'verified';
  return (
    <>
      <BackLink to="/worklist">Worklist</BackLink>
      <h1>Data-quality correction</h1>
      <dl className="nhsuk-summary-list">
        {(
          [
            ['What was found', DQ_CHECK_LABELS[f.check]],
            ['What to do', f.action],
            ['Owner', f.ownerName],
            ['Due', f.dueAt.slice(0, 10)],
            ['Status', correct.isSuccess ? STATUS_WORDS.corrected : STATUS_WORDS[f.status]],
          ] as const
        ).map(([k, v]) => (
          <div className="nhsuk-summary-list__row" key={k}>
            <dt className="nhsuk-summary-list__key">{k}</dt>
            <dd className="nhsuk-summary-list__value">{v}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link to={`/people/${f.personId}`}>Open the person’s record to correct it</Link>
      </p>
      {done ? (
        <p role="status">Recorded as corrected. Next month’s audit will check it.</p>
      ) : (
        <button
          className="nhsuk-button"
          type="button"
          onClick={() => correct.mutate()}
          disabled={correct.isPending}
        >
          I have corrected this
        </button>
      )}
    </>
  );
}
