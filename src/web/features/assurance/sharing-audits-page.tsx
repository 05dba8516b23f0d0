import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { AuditSummary } from '../../../contracts/sharing-audit.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { AssuranceNav } from './assurance-nav.tsx';
import { useSharingAuditMutations, useSharingAudits } from './sharing-audit-api.ts';
import { SharingAuditChart } from './sharing-audit-chart.tsx';
import { drawnWords, findingWords } from './sharing-audit-words.ts';

const COLUMNS: readonly Column<AuditSummary>[] = [
  { header: 'Month', cell: (a) => <Link to={`/sharing-audits/${a.id}`}>{a.month}</Link>, nowrap: true },
  { header: 'Disclosures in the month', cell: (a) => a.population },
  { header: 'Sampled', cell: (a) => a.sampleSize },
  { header: 'Drawn', cell: (a) => (a.drawnBy === null ? 'Monthly job' : `By hand: ${drawnWords(a)}`) },
  { header: 'Passed', cell: (a) => a.passed },
  { header: 'Failed', cell: (a) => a.failed },
  { header: 'Reviewed', cell: (a) => `${a.reviewed} of ${a.sampleSize}` },
  {
    header: 'Findings',
    cell: (a) =>
      Object.entries(a.findings)
        .map(([code, n]) => `${findingWords(code)}: ${n}`)
        .join('; ') || 'None',
  },
  { header: 'Actions raised', cell: (a) => a.actionsRaised },
  {
    header: 'Re-audit of earlier actions',
    cell: (a) =>
      a.reaudited === 0
        ? 'None due'
        : `${a.reauditClosed} of ${a.reaudited} closed, ${a.reauditRecurred} recurred`,
  },
];

/**
 * Draws a month's sample by hand; the monthly job does it otherwise. The server picks the seed, so
 * the organisation being audited cannot choose its sample.
 */
function DrawForm() {
  const navigate = useNavigate();
  const { draw } = useSharingAuditMutations();
  const [month, setMonth] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    draw.mutate(
      { month: month.trim() },
      {
        onSuccess: (a) => navigate(`/sharing-audits/${a.id}`),
        onError: (error) =>
          setErrors(
            error instanceof ApiError && error.fieldErrors.length > 0
              ? error.fieldErrors.map((f) => {
                  const field = f.field.replace(/^body\./, '');
                  return {
                    message: `${field === 'month' ? 'Month' : field} ${f.message}`,
                    fieldId: `draw-${field}`,
                  };
                })
              : [{ message: error instanceof ApiError ? error.detail : 'The sample could not be drawn.' }],
          ),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>Draw a month’s sample now</h2>
      <ErrorSummary errors={errors} />
      <TextInput
        id="draw-month"
        label="Month"
        hint="For example, 2026-11."
        width={10}
        value={month}
        onChange={setMonth}
      />
      <p>The sample is drawn at random by Accord and its seed recorded, so anyone can repeat it.</p>
      <button className="nhsuk-button" type="submit">
        {draw.isPending ? 'Drawing…' : 'Draw the sample'}
      </button>
    </form>
  );
}

/** The organisation's monthly information-sharing audits: the trend as a chart and a table. */
export function SharingAuditsPage() {
  usePageTitle('Monthly information-sharing audit');
  const audits = useSharingAudits();
  const items = audits.data?.items ?? [];
  return (
    <>
      <AssuranceNav />
      <h1>Monthly information-sharing audit</h1>
      <p>
        Each month a reproducible sample of your organisation’s disclosures is tested automatically against
        the consent in force, the minimum-dataset templates and the rationale and review of emergency access
        and lawful exceptions. You confirm or override each result; findings become corrective actions, and
        the next month’s audit checks them again.
      </p>
      {audits.isPending ? <Loading /> : null}
      {audits.isError ? <QueryError error={audits.error} /> : null}
      {audits.data ? (
        items.length === 0 ? (
          <p>No month has been audited yet.</p>
        ) : (
          <>
            <h2>Results by month</h2>
            <SharingAuditChart audits={items} />
            <Table
              caption="Audit results by month"
              showCaption
              rows={items}
              rowKey={(a) => a.id}
              columns={COLUMNS}
            />
          </>
        )
      ) : null}
      <DrawForm />
    </>
  );
}
