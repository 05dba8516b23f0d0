import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import type { CaseOutcome, InvestigationCaseDetail } from '../../../contracts/assurance.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { ANOMALY_RULE_LABELS, CASE_OUTCOME_LABELS } from '../../lib/governance-labels.ts';
import { optionsOf } from '../../lib/legal-labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { AuditEntriesTable } from '../audit/audit-entries-table.tsx';
import { useOrganisationNames } from '../directory/organisation-options.ts';
import { useCase, useCloseCase } from './assurance-api.ts';
import { NewIncidentForm } from './incidents-page.tsx';

const LABELS = { outcome: 'Outcome', notes: 'Notes' };
const OUTCOMES = Object.keys(CASE_OUTCOME_LABELS) as CaseOutcome[];

/** "peopleOutsideCaseload" -> "People outside caseload": the summary's keys are codes. */
function words(key: string): string {
  const spaced = key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A summary value as read: yes/no for flags, dates as dates, everything else as given. */
function summaryValue(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return String(value);
}

function CloseForm({ id }: { id: string }) {
  const close = useCloseCase(id);
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = OUTCOMES.find((o) => o === outcome);
    const fields: Record<string, string> = {};
    if (!chosen) fields.outcome = 'Select the outcome';
    if (!notes.trim()) fields.notes = 'Enter what you found and did';
    if (!chosen || fields.notes) {
      return setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `case-${k}` })),
        fields,
      });
    }
    close.mutate(
      { outcome: chosen, notes: notes.trim() },
      { onError: (error) => setErrors(formErrorsFrom(error, LABELS, 'case')) },
    );
  };
  return (
    <form onSubmit={submit} noValidate className="accord-section-gap">
      <h2>Close the case</h2>
      <ErrorSummary errors={errors.summary} />
      <Radios
        id="case-outcome"
        label="Outcome"
        value={outcome}
        onChange={setOutcome}
        error={errors.fields.outcome}
        options={optionsOf(CASE_OUTCOME_LABELS)}
      />
      <Textarea
        id="case-notes"
        label="Notes"
        hint="What you looked at, what the staff member said and what was done."
        value={notes}
        onChange={setNotes}
        error={errors.fields.notes}
      />
      <button className="nhsuk-button" type="submit">
        {close.isPending ? 'Closing…' : 'Close the case'}
      </button>
    </form>
  );
}

function CaseContent({ item }: { item: InvestigationCaseDetail }) {
  const orgName = useOrganisationNames();
  return (
    <>
      <h1>
        <span className="nhsuk-caption-l">Investigation case</span>
        {ANOMALY_RULE_LABELS[item.rule]}{' '}
        {item.status === 'open' ? <Tag colour="yellow">Open</Tag> : <Tag colour="grey">Closed</Tag>}
      </h1>
      <SummaryList
        rows={[
          { key: 'Staff member', value: item.actorName ?? 'Unknown account' },
          { key: 'Organisation', value: orgName(item.organisationId) },
          { key: 'Opened', value: formatDateTime(item.openedAt) },
          {
            key: 'Period looked at',
            value: `${formatDateTime(item.windowStart)} to ${formatDateTime(item.windowEnd)}`,
          },
          ...Object.entries(item.summary).map(([k, v]) => ({ key: words(k), value: summaryValue(v) })),
          ...(item.status === 'closed'
            ? [
                { key: 'Outcome', value: item.outcome ? CASE_OUTCOME_LABELS[item.outcome] : '' },
                { key: 'Notes', value: item.outcomeNotes },
                { key: 'Closed', value: formatDateTime(item.closedAt) },
              ]
            : []),
        ]}
      />
      <h2>Evidence</h2>
      {item.evidence.length > 0 ? (
        <AuditEntriesTable entries={item.evidence} caption="Audit entries behind this case" />
      ) : (
        <p>No entries are attached.</p>
      )}
      <p className="nhsuk-body-s accord-count">{item.evidenceCount} entries in all</p>
      {item.status === 'open' && item.can.close ? <CloseForm id={item.id} /> : null}
      <NewIncidentForm fromCaseId={item.id} />
    </>
  );
}

/** One investigation case: what fired, the audit entries behind it, and its outcome. */
export function CasePage() {
  const { caseId = '' } = useParams();
  const item = useCase(caseId);
  usePageTitle(titleOf(item, (c) => ANOMALY_RULE_LABELS[c.rule]));
  return (
    <>
      <BackLink to="/cases">Back to investigation cases</BackLink>
      {item.isPending ? <Loading /> : null}
      {item.isError ? <QueryError error={item.error} /> : null}
      {item.data ? <CaseContent item={item.data} /> : null}
    </>
  );
}
