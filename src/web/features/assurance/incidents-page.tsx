import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { INCIDENT_KINDS, type Incident, type IncidentKind } from '../../../contracts/incidents.ts';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { Select } from '../../components/select.tsx';
import { type Column, Table } from '../../components/table.tsx';
import { Tag } from '../../components/tag.tsx';
import { TextInput } from '../../components/text-input.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import { type FormErrors, NO_ERRORS } from '../../lib/form-errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { AssuranceNav } from './assurance-nav.tsx';
import { INCIDENT_KIND_LABELS, LIKELIHOOD_LABELS, SEVERITY_LABELS } from './incident-words.ts';
import { useIncidentMutations, useIncidents } from './incidents-api.ts';

const COLUMNS: readonly Column<Incident>[] = [
  { header: 'Incident', cell: (i) => <Link to={`/incidents/${i.id}`}>{i.title}</Link> },
  { header: 'Kind', cell: (i) => INCIDENT_KIND_LABELS[i.kind] },
  { header: 'Grade', cell: (i) => `${i.grade} (${i.reportable ? 'reportable' : 'not reportable'})` },
  {
    header: 'ICO',
    cell: (i) =>
      i.notifyIcoBy === null ? (
        'Not required'
      ) : i.icoNotifiedAt ? (
        'Notified'
      ) : (
        <Tag colour="red">{`Notify by ${formatDateTime(i.notifyIcoBy)}`}</Tag>
      ),
  },
  {
    header: 'Status',
    cell: (i) => (i.status === 'closed' ? <Tag colour="grey">Closed</Tag> : <Tag colour="blue">Open</Tag>),
  },
];

/** Records an incident; given a case, promotes that anomaly case, carrying its evidence. */
export function NewIncidentForm({ fromCaseId }: { fromCaseId?: string } = {}) {
  const navigate = useNavigate();
  const { create, promote } = useIncidentMutations();
  const [v, setV] = useState<Record<string, string>>({ likelihood: '3', severity: '2' });
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const set = (k: string) => (value: string) => setV({ ...v, [k]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const fields: Record<string, string> = {};
    if (!v.kind) fields.kind = 'Select the kind of incident';
    if (!v.title?.trim()) fields.title = 'Enter a title';
    if (!v.summary?.trim()) fields.summary = 'Enter what happened';
    const detected = v.detectedAt ? new Date(v.detectedAt) : null;
    if (!detected || Number.isNaN(detected.getTime()))
      fields.detectedAt = 'Enter when it was detected, for example 2026-12-01 09:30';
    if (Object.keys(fields).length > 0 || !detected)
      return setErrors({
        summary: Object.entries(fields).map(([k, message]) => ({ message, fieldId: `incident-${k}` })),
        fields,
      });
    setErrors(NO_ERRORS);
    create.mutate(
      {
        kind: v.kind as IncidentKind,
        title: v.title ?? '',
        summary: v.summary ?? '',
        detectedAt: detected.toISOString(),
        likelihood: Number(v.likelihood),
        severity: Number(v.severity),
        auditEntryIds: [],
      },
      {
        onSuccess: (incident) => navigate(`/incidents/${incident.id}`),
        onError: (error) =>
          setErrors({
            summary: [
              { message: error instanceof ApiError ? error.detail : 'The incident could not be recorded.' },
            ],
            fields: {},
          }),
      },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <h2>{fromCaseId ? 'Promote this case to an incident' : 'Record an incident'}</h2>
      <ErrorSummary errors={errors.summary} />
      <Select
        id="incident-kind"
        label="Kind"
        value={v.kind ?? ''}
        onChange={set('kind')}
        placeholder="Choose a kind"
        error={errors.fields.kind}
        options={INCIDENT_KINDS.map((k) => ({ value: k, label: INCIDENT_KIND_LABELS[k] }))}
      />
      <TextInput
        id="incident-title"
        label="Title"
        value={v.title ?? ''}
        onChange={set('title')}
        error={errors.fields.title}
      />
      <Textarea
        id="incident-summary"
        label="What happened"
        value={v.summary ?? ''}
        onChange={set('summary')}
        error={errors.fields.summary}
        rows={3}
      />
      <TextInput
        id="incident-detectedAt"
        label="When it was detected"
        hint="For example, 2026-12-01 09:30."
        width={20}
        value={v.detectedAt ?? ''}
        onChange={set('detectedAt')}
        error={errors.fields.detectedAt}
      />
      <Select
        id="incident-likelihood"
        label="Likelihood that people’s rights are affected"
        value={v.likelihood ?? ''}
        onChange={set('likelihood')}
        options={LIKELIHOOD_LABELS.map((l, i) => ({ value: String(i + 1), label: `${i + 1}: ${l}` }))}
      />
      <Select
        id="incident-severity"
        label="Severity of the effect"
        value={v.severity ?? ''}
        onChange={set('severity')}
        options={SEVERITY_LABELS.map((l, i) => ({ value: String(i + 1), label: `${i + 1}: ${l}` }))}
      />
      <button className="nhsuk-button" type="submit">
        {create.isPending || promote.isPending ? 'Saving…' : 'Record the incident'}
      </button>
    </form>
  );
}

/** The organisation's IG incidents with their ICO clocks, and a form to record one. */
export function IncidentsPage() {
  const incidents = useIncidents();
  usePageTitle('Information governance incidents');
  return (
    <>
      <AssuranceNav />
      <h1>Information governance incidents</h1>
      {incidents.isPending ? <Loading /> : null}
      {incidents.isError ? <QueryError error={incidents.error} /> : null}
      {incidents.data ? (
        incidents.data.items.length > 0 ? (
          <Table caption="Incidents" columns={COLUMNS} rows={incidents.data.items} rowKey={(i) => i.id} />
        ) : (
          <p>No incidents have been recorded.</p>
        )
      ) : null}
      <NewIncidentForm />
    </>
  );
}
