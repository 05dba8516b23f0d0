import { Link, useParams } from 'react-router';
import type { AuditEntryDto } from '../../../contracts/audit.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { actionLabel } from '../../lib/audit-actions.ts';
import { formatDateTime } from '../../lib/format.ts';
import { labelOf, PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisationNames } from '../directory/organisation-options.ts';
import { useAuditEntry } from './audit-api.ts';
import { ActorWords, categoryWords, OutcomeTag, PersonWords } from './audit-entries-table.tsx';
import { InclusionPanel } from './inclusion-panel.tsx';

const id = (value: string | null) =>
  value ? <code className="accord-code accord-break">{value}</code> : null;

function EntryFields({ entry }: { entry: AuditEntryDto }) {
  const orgName = useOrganisationNames();
  const names = entry.names;
  return (
    <SummaryList
      rows={[
        { key: 'When', value: formatDateTime(entry.recordedAt) },
        { key: 'What was done', value: actionLabel(entry.action) },
        { key: 'Outcome', value: <OutcomeTag outcome={entry.outcome} /> },
        {
          key: 'Why',
          value:
            names && names.reasons.length > 0 ? (
              <ul className="nhsuk-list">
                {names.reasons.map((r) => (
                  <li key={r.code}>{r.message}</li>
                ))}
              </ul>
            ) : null,
        },
        {
          key: 'Staff member',
          value: entry.actorStaffId ? (
            <>
              <ActorWords entry={entry} />
              <Link to={`/audit?actorId=${entry.actorStaffId}`}>Their entries</Link>
            </>
          ) : null,
        },
        {
          key: 'Person',
          value: entry.personId ? (
            <>
              <PersonWords entry={entry} />
              <br />
              <Link
                to={`/explain?personId=${entry.personId}${entry.actorStaffId ? `&staffId=${entry.actorStaffId}` : ''}`}
              >
                Explain access
              </Link>
            </>
          ) : null,
        },
        { key: 'Information', value: categoryWords(entry.categories) },
        { key: 'Purpose', value: labelOf(PURPOSE_LABELS, entry.purpose) },
        { key: 'Information from', value: names?.owner ?? orgName(entry.ownerOrganisationId) },
        { key: 'Information to', value: names?.recipient ?? orgName(entry.recipientOrganisationId) },
        {
          key: 'Agreement relied on',
          value: entry.agreementId ? (
            <Link to={`/agreements/${entry.agreementId}`}>View the agreement</Link>
          ) : null,
        },
        {
          key: 'Consent relied on',
          value: (entry.consentProvisionId ?? entry.consentId) ? 'Recorded consent' : null,
        },
        { key: 'Lawful exception', value: entry.exceptionId ? 'A recorded lawful exception' : null },
        { key: 'Emergency access', value: entry.breakGlass ? <Tag colour="red">Yes</Tag> : 'No' },
        {
          key: 'Position in the log',
          value: entry.leafIndex === null ? 'Not yet sequenced' : String(entry.leafIndex),
        },
      ]}
    />
  );
}

/** Codes and identifiers, for matching this entry against exports and other systems; folded away. */
function TechnicalDetails({ entry }: { entry: AuditEntryDto }) {
  const details = Object.entries(entry.details);
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Codes and identifiers</span>
      </summary>
      <div className="nhsuk-details__text">
        <SummaryList
          rows={[
            { key: 'Entry', value: id(entry.id) },
            { key: 'Action code', value: id(entry.action) },
            { key: 'Reason codes', value: entry.reasons.length > 0 ? id(entry.reasons.join(', ')) : null },
            { key: 'Consent', value: id(entry.consentProvisionId ?? entry.consentId) },
            { key: 'Lawful exception', value: id(entry.exceptionId) },
            {
              key: 'Changed record',
              value: entry.targetType ? (
                <>
                  {entry.targetType} {id(entry.targetId)}
                </>
              ) : null,
            },
            {
              key: 'Details',
              value: details.length > 0 ? details.map(([k, v]) => `${k}: ${String(v)}`).join('; ') : null,
            },
            { key: 'Request', value: id(entry.requestId) },
          ]}
        />
      </div>
    </details>
  );
}

/** One audit entry, its fields and the browser-checked proof that it is in the signed log. */
export function AuditEntryPage() {
  const { entryId = '' } = useParams();
  const entry = useAuditEntry(entryId);
  usePageTitle(titleOf(entry, () => 'Audit entry'));
  return (
    <>
      <BackLink to="/audit">Back to the audit log</BackLink>
      {entry.isPending ? <Loading /> : null}
      {entry.isError ? <QueryError error={entry.error} /> : null}
      {entry.data ? (
        <>
          <h1>
            <span className="nhsuk-caption-l">Audit entry</span>
            {actionLabel(entry.data.action)} <OutcomeTag outcome={entry.data.outcome} />
          </h1>
          <EntryFields entry={entry.data} />
          <TechnicalDetails entry={entry.data} />
          <InclusionPanel entry={entry.data} />
        </>
      ) : null}
    </>
  );
}
