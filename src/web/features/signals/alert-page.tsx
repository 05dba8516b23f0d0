import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import {
  ALERT_KIND_LABELS,
  ALERT_OUTCOME_LABELS,
  ALERT_OUTCOMES,
  type AlertDto,
  type AlertOutcome,
  SIGNAL_PROMPT_LABELS,
  type SignalDto,
} from '../../../contracts/signals.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Radios } from '../../components/choice-group.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { type FormErrors, formErrorsFrom, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { WithheldMarkers } from './signal-words.tsx';
import { useAcknowledgeAlert, useAlert } from './signals-api.ts';

const SIGNAL_COLUMNS: readonly Column<SignalDto>[] = [
  { header: 'Seen', cell: (s) => formatDateTime(s.observedAt), nowrap: true },
  { header: 'Agency', cell: (s) => s.organisationName },
  { header: 'Signal', cell: (s) => SIGNAL_PROMPT_LABELS[s.prompt] },
  { header: 'Observation', cell: (s) => s.observation },
  { header: 'Shared as', cell: (s) => DATA_CATEGORY_LABELS[s.category] },
];

const TRIGGER_WORDS: Readonly<Record<AlertDto['trigger'], string>> = {
  COMBINATION: 'Signals from more than one agency within the window reached the partnership’s threshold.',
  MISSED_MEDICATION_SUPPORT: 'Medication support was missed repeatedly within the window.',
  ESCALATING_BEHAVIOUR: 'Escalating behaviour was recorded.',
};

function AcknowledgeForm({ alert }: { alert: AlertDto }) {
  const acknowledge = useAcknowledgeAlert(alert.id);
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) {
      setErrors({
        summary: [{ message: 'Select the response agreed', fieldId: 'ack-outcome' }],
        fields: { outcome: 'Select the response agreed' },
      });
      return;
    }
    acknowledge.mutate(
      { outcome: outcome as AlertOutcome, ...(note.trim() ? { note } : {}) },
      { onError: (error) => setErrors(formErrorsFrom(error, { outcome: 'Response', note: 'Note' }, 'ack')) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={errors.summary} />
      <h2>Acknowledge and record the response</h2>
      <Radios
        id="ack-outcome"
        label="Response agreed"
        value={outcome}
        onChange={setOutcome}
        options={ALERT_OUTCOMES.map((o) => ({ value: o, label: ALERT_OUTCOME_LABELS[o] }))}
        error={errors.fields.outcome}
        small
      />
      <Textarea
        id="ack-note"
        label="Note (optional)"
        value={note}
        onChange={setNote}
        error={errors.fields.note}
        rows={3}
      />
      <button className="nhsuk-button" type="submit" disabled={acknowledge.isPending}>
        Acknowledge alert
      </button>
    </form>
  );
}

/** One alert addressed to the caller: why it was raised, the signals they may see, and acknowledgement. */
export function AlertPage() {
  const { alertId = '' } = useParams();
  const alert = useAlert(alertId);
  usePageTitle(alert.data ? ALERT_KIND_LABELS[alert.data.kind] : 'Alert');
  if (alert.isPending) return <Loading />;
  if (alert.error) return <QueryError error={alert.error} />;
  const a = alert.data;
  return (
    <>
      <BackLink to="/worklist">Back to your worklist</BackLink>
      <h1>{ALERT_KIND_LABELS[a.kind]}</h1>
      <p>{TRIGGER_WORDS[a.trigger]}</p>
      <SummaryList
        rows={[
          {
            key: 'Person',
            value: <Link to={`/people/${a.personId}/coordination`}>Case coordination timeline</Link>,
          },
          { key: 'Raised', value: formatDateTime(a.raisedAt) },
          { key: 'Due', value: formatDateTime(a.dueAt) },
          { key: 'Sent to', value: a.recipientName },
          {
            key: 'Escalated',
            value: a.escalatedAt
              ? `${formatDateTime(a.escalatedAt)} to ${a.escalatedToName ?? 'a service manager'}`
              : null,
          },
          {
            key: 'Status',
            value: a.acknowledgedAt ? (
              <Tag colour="green">Acknowledged</Tag>
            ) : (
              <Tag colour="red">Not acknowledged</Tag>
            ),
          },
        ]}
      />
      <h2>Signals behind this alert</h2>
      {a.signals.length > 0 ? (
        <Table
          caption="Contributing signals you may see"
          columns={SIGNAL_COLUMNS}
          rows={a.signals}
          rowKey={(s) => s.id}
        />
      ) : (
        <p>None of the contributing signals may be shown to you.</p>
      )}
      <WithheldMarkers markers={a.withheld} noun="contributing signals" />
      {a.acknowledgedAt ? (
        <>
          <h2>Response</h2>
          <SummaryList
            rows={[
              {
                key: 'Acknowledged',
                value: `${formatDateTime(a.acknowledgedAt)} by ${a.acknowledgedByName ?? ''}`,
              },
              { key: 'Response agreed', value: a.outcome ? ALERT_OUTCOME_LABELS[a.outcome] : null },
              { key: 'Note', value: a.outcomeNote },
            ]}
          />
        </>
      ) : (
        <AcknowledgeForm alert={a} />
      )}
    </>
  );
}
