import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Incident } from '../../../contracts/incidents.ts';
import { BackLink } from '../../components/back-link.tsx';
import { ErrorSummary } from '../../components/error-summary.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { Textarea } from '../../components/textarea.tsx';
import { ApiError } from '../../lib/api-error.ts';
import type { SummaryError } from '../../lib/form-errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { usePageTitle } from '../../lib/use-page-title.ts';
import { IncidentReviewPanel } from './incident-review-panel.tsx';
import { INCIDENT_KIND_LABELS, LIKELIHOOD_LABELS, SEVERITY_LABELS } from './incident-words.ts';
import { useIncident, useIncidentMutations } from './incidents-api.ts';

const FIELD_LABELS: Record<string, string> = { rootCause: 'Root cause', learning: 'Learning' };

/** The investigation's findings, root cause and learning, and closing the incident. */
function InvestigationForm({ incident }: { incident: Incident }) {
  const { update, close } = useIncidentMutations(incident.id);
  const [investigation, setInvestigation] = useState(incident.investigation);
  const [rootCause, setRootCause] = useState(incident.rootCause);
  const [learning, setLearning] = useState(incident.learning);
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const failed = (error: unknown) =>
    setErrors(
      error instanceof ApiError && error.fieldErrors.length > 0
        ? error.fieldErrors.map((f) => ({
            message: `${FIELD_LABELS[f.field] ?? f.field} ${f.message}`,
            fieldId: `incident-${f.field}`,
          }))
        : [{ message: error instanceof ApiError ? error.detail : 'The change could not be saved.' }],
    );
  const save = (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    update.mutate({ investigation, rootCause, learning }, { onError: failed });
  };
  return (
    <form onSubmit={save} noValidate>
      <h2>Investigation</h2>
      <ErrorSummary errors={errors} />
      {update.isSuccess ? (
        <p className="accord-confirmation" role="status">
          The investigation is saved.
        </p>
      ) : null}
      <Textarea
        id="incident-investigation"
        label="What the investigation found"
        value={investigation}
        onChange={setInvestigation}
      />
      <Textarea
        id="incident-rootCause"
        label="Root cause"
        value={rootCause}
        onChange={setRootCause}
        rows={3}
      />
      <Textarea id="incident-learning" label="Learning" value={learning} onChange={setLearning} rows={3} />
      <div className="nhsuk-button-group">
        <button className="nhsuk-button" type="submit">
          {update.isPending ? 'Saving…' : 'Save the investigation'}
        </button>
        <button
          className="nhsuk-button nhsuk-button--secondary"
          type="button"
          onClick={() => {
            setErrors([]);
            close.mutate(undefined, { onError: failed });
          }}
        >
          Close the incident
        </button>
      </div>
    </form>
  );
}

/** One IG incident: its grade and ICO clock, evidence, people affected, and the investigation. */
export function IncidentPage() {
  const { incidentId = '' } = useParams();
  const incident = useIncident(incidentId);
  usePageTitle(incident.data?.title ?? 'Incident');
  const i = incident.data;
  return (
    <>
      <BackLink to="/incidents">All incidents</BackLink>
      {incident.isPending ? <Loading /> : null}
      {incident.isError ? <QueryError error={incident.error} /> : null}
      {i ? (
        <>
          <h1>{i.title}</h1>
          <SummaryList
            rows={[
              { key: 'Kind', value: INCIDENT_KIND_LABELS[i.kind] },
              { key: 'What happened', value: i.summary },
              { key: 'Detected', value: formatDateTime(i.detectedAt) },
              {
                key: 'DSPT grade',
                value: `${i.grade}: likelihood ${LIKELIHOOD_LABELS[i.likelihood - 1]}, severity ${SEVERITY_LABELS[i.severity - 1]}`,
              },
              {
                key: 'ICO notification',
                value:
                  i.notifyIcoBy === null ? (
                    'Not reportable'
                  ) : i.icoNotifiedAt ? (
                    `Notified ${formatDateTime(i.icoNotifiedAt)} (deadline ${formatDateTime(i.notifyIcoBy)})`
                  ) : (
                    <Tag colour="red">{`Notify the ICO by ${formatDateTime(i.notifyIcoBy)}`}</Tag>
                  ),
              },
              { key: 'People affected', value: String(i.peopleAffected) },
              {
                key: 'Audit entries',
                value:
                  i.auditEntryIds.length > 0 ? (
                    <ul className="nhsuk-list">
                      {i.auditEntryIds.map((e, n) => (
                        <li key={e}>
                          <Link to={`/audit/entries/${e}`}>{`Entry ${n + 1}`}</Link>
                        </li>
                      ))}
                    </ul>
                  ) : null,
              },
              {
                key: 'Anomaly case',
                value: i.anomalyCaseId ? <Link to={`/cases/${i.anomalyCaseId}`}>Open the case</Link> : null,
              },
              {
                key: 'Actions',
                value:
                  i.actions.length > 0 ? (
                    <ul className="nhsuk-list nhsuk-list--bullet">
                      {i.actions.map((a) => (
                        <li
                          key={a.description}
                        >{`${a.description}: ${a.owner}, due ${formatDate(a.dueOn)}`}</li>
                      ))}
                    </ul>
                  ) : null,
              },
              {
                key: 'Status',
                value: i.status === 'closed' ? `Closed ${formatDateTime(i.closedAt)}` : 'Open',
              },
            ]}
          />
          {i.status === 'closed' ? (
            <SummaryList
              rows={[
                { key: 'Investigation', value: i.investigation },
                { key: 'Root cause', value: i.rootCause },
                { key: 'Learning', value: i.learning },
              ]}
            />
          ) : (
            <InvestigationForm incident={i} />
          )}
          <IncidentReviewPanel
            incidentId={i.id}
            organisationId={i.organisationId}
            open={i.status === 'open'}
          />
        </>
      ) : null}
    </>
  );
}
