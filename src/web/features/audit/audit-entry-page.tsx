import { Link, useParams } from 'react-router';
import type { AuditEntryDto } from '../../../contracts/audit.ts';
import { BackLink } from '../../components/back-link.tsx';
import { Loading, QueryError } from '../../components/query-status.tsx';
import { SummaryList } from '../../components/summary-list.tsx';
import { Tag } from '../../components/tag.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { labelOf, PURPOSE_LABELS } from '../../lib/legal-labels.ts';
import { titleOf, usePageTitle } from '../../lib/use-page-title.ts';
import { useOrganisationNames } from '../directory/organisation-options.ts';
import { useAuditEntry } from './audit-api.ts';
import { categoryWords, OutcomeTag } from './audit-entries-table.tsx';
import { InclusionPanel } from './inclusion-panel.tsx';
import { StaffName } from './staff-name.tsx';

const id = (value: string | null) =>
  value ? <code className="accord-code accord-break">{value}</code> : null;

function EntryFields({ entry }: { entry: AuditEntryDto }) {
  const orgName = useOrganisationNames();
  const details = Object.entries(entry.details);
  return (
    <SummaryList
      rows={[
        { key: 'When', value: formatDateTime(entry.recordedAt) },
        { key: 'Action', value: <code className="accord-code">{entry.action}</code> },
        { key: 'Outcome', value: <OutcomeTag outcome={entry.outcome} /> },
        { key: 'Reasons', value: entry.reasons.length > 0 ? entry.reasons.join(', ') : null },
        {
          key: 'Staff member',
          value: entry.actorStaffId ? (
            <>
              <StaffName id={entry.actorStaffId} /> ({entry.actorRoles.join(', ')}) ·{' '}
              <Link to={`/audit?actorId=${entry.actorStaffId}`}>Their entries</Link>
            </>
          ) : null,
        },
        { key: 'Their organisation', value: orgName(entry.actorOrganisationId) },
        {
          key: 'Person',
          value: entry.personId ? (
            <>
              {id(entry.personId)}
              <br />
              <Link to={`/audit?personId=${entry.personId}`}>Entries about this person</Link> ·{' '}
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
        { key: 'Information from', value: orgName(entry.ownerOrganisationId) },
        { key: 'Information to', value: orgName(entry.recipientOrganisationId) },
        {
          key: 'Agreement relied on',
          value: entry.agreementId ? (
            <Link to={`/agreements/${entry.agreementId}`}>View the agreement</Link>
          ) : null,
        },
        { key: 'Consent relied on', value: id(entry.consentProvisionId ?? entry.consentId) },
        { key: 'Lawful exception', value: id(entry.exceptionId) },
        { key: 'Emergency access', value: entry.breakGlass ? <Tag colour="red">Yes</Tag> : 'No' },
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
        { key: 'Request id', value: id(entry.requestId) },
        {
          key: 'Position in the log',
          value: entry.leafIndex === null ? 'Not yet sequenced' : String(entry.leafIndex),
        },
      ]}
    />
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
            {entry.data.action} <OutcomeTag outcome={entry.data.outcome} />
          </h1>
          <EntryFields entry={entry.data} />
          <InclusionPanel entry={entry.data} />
        </>
      ) : null}
    </>
  );
}
