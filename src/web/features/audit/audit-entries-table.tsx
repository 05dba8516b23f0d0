import { Link } from 'react-router';
import type { AuditEntryDto } from '../../../contracts/audit.ts';
import { DATA_CATEGORY_LABELS, type DataCategory } from '../../../contracts/enums.ts';
import { type Column, Table } from '../../components/table.tsx';
import { Tag, type TagColour } from '../../components/tag.tsx';

import { actionLabel } from '../../lib/audit-actions.ts';
import { AUDIT_OUTCOME_LABELS } from '../../lib/governance-labels.ts';
import { STAFF_ROLE_LABELS } from '../../lib/labels.ts';
import { labelOf } from '../../lib/legal-labels.ts';
import { formatShortDateTime } from '../../lib/time.ts';
import { StaffName } from './staff-name.tsx';

const OUTCOME_COLOUR: Readonly<Record<string, TagColour>> = {
  permit: 'green',
  deny: 'red',
  success: 'blue',
  failure: 'orange',
};

/** An outcome as a tag: the word carries it, the colour supports it. */
export function OutcomeTag({ outcome }: { outcome: string }) {
  return <Tag colour={OUTCOME_COLOUR[outcome] ?? 'grey'}>{labelOf(AUDIT_OUTCOME_LABELS, outcome)}</Tag>;
}

/** Data categories of an entry, in words. */
export function categoryWords(categories: readonly string[]): string {
  return categories
    .map((c) => labelOf(DATA_CATEGORY_LABELS as Readonly<Record<DataCategory, string>>, c))
    .join(', ');
}

/** The staff member of an entry: name, job and organisation as the server named them, or the system. */
export function ActorWords({ entry }: { entry: AuditEntryDto }) {
  const names = entry.names;
  if (!entry.actorStaffId) return <span className="accord-muted">Accord (no staff member)</span>;
  return (
    <>
      {names?.actor?.name ?? <StaffName id={entry.actorStaffId} />}
      <span className="accord-muted nhsuk-body-s accord-block">
        {[names?.actor?.jobTitle, roleWords(entry.actorRoles), names?.actorOrganisation]
          .filter(Boolean)
          .join(', ')}
      </span>
    </>
  );
}

/** The person of an entry by name, or why they are not named to the reader. */
export function PersonWords({ entry }: { entry: AuditEntryDto }) {
  if (!entry.personId) return <span className="accord-muted">None</span>;
  const name = entry.names?.person;
  if (name)
    return (
      <Link to={`/audit?personId=${entry.personId}`}>
        {name}
        <span className="nhsuk-u-visually-hidden"> (entries about them)</span>
      </Link>
    );
  return (
    <>
      <span className="accord-muted">{entry.names?.personWithheld ?? 'Not named to you'}</span>{' '}
      <Link to={`/audit?personId=${entry.personId}`}>Entries about this person</Link>
    </>
  );
}

/** Staff roles in words. */
export function roleWords(roles: readonly string[]): string {
  return roles.map((r) => labelOf(STAFF_ROLE_LABELS as Readonly<Record<string, string>>, r)).join(', ');
}

/** Audit entries as a table: when (linking to the entry), what, outcome, who, about whom. */
export function AuditEntriesTable({
  entries,
  caption,
}: {
  entries: readonly AuditEntryDto[];
  caption: string;
}) {
  const columns: Column<AuditEntryDto>[] = [
    {
      header: 'When',
      cell: (e) => <Link to={`/audit/entries/${e.id}`}>{formatShortDateTime(e.recordedAt)}</Link>,
      nowrap: true,
    },
    {
      header: 'What was done',
      cell: (e) => (
        <>
          {actionLabel(e.action)}
          {e.breakGlass ? (
            <>
              {' '}
              <Tag colour="red">Emergency</Tag>
            </>
          ) : null}
        </>
      ),
    },
    { header: 'Outcome', cell: (e) => <OutcomeTag outcome={e.outcome} /> },
    { header: 'Staff member', cell: (e) => <ActorWords entry={e} /> },
    { header: 'Person', cell: (e) => <PersonWords entry={e} /> },
    {
      header: 'Information',
      cell: (e) => categoryWords(e.categories) || <span className="accord-muted">None</span>,
    },
  ];
  return <Table caption={caption} columns={columns} rows={entries} rowKey={(e) => e.id} />;
}
