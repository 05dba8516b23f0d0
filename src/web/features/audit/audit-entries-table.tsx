import { Link } from 'react-router';
import type { AuditEntryDto } from '../../../contracts/audit.ts';
import { DATA_CATEGORY_LABELS, type DataCategory } from '../../../contracts/enums.ts';
import { type Column, Table } from '../../components/table.tsx';
import { Tag, type TagColour } from '../../components/tag.tsx';

import { AUDIT_OUTCOME_LABELS } from '../../lib/governance-labels.ts';
import { labelOf } from '../../lib/legal-labels.ts';
import { formatShortDateTime } from '../../lib/time.ts';
import { useOrganisationNames } from '../directory/organisation-options.ts';
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

/** Audit entries as a table: when (linking to the entry), what, outcome, who, about whom. */
export function AuditEntriesTable({
  entries,
  caption,
}: {
  entries: readonly AuditEntryDto[];
  caption: string;
}) {
  const orgName = useOrganisationNames();
  const columns: Column<AuditEntryDto>[] = [
    {
      header: 'When',
      cell: (e) => <Link to={`/audit/entries/${e.id}`}>{formatShortDateTime(e.recordedAt)}</Link>,
      nowrap: true,
    },
    {
      header: 'Action',
      cell: (e) => (
        <>
          <code className="accord-code">{e.action}</code>
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
    {
      header: 'Staff member',
      cell: (e) => (
        <>
          <StaffName id={e.actorStaffId} />
          {e.actorOrganisationId ? (
            <span className="accord-muted nhsuk-body-s accord-block">{orgName(e.actorOrganisationId)}</span>
          ) : null}
        </>
      ),
    },
    {
      header: 'Person',
      cell: (e) =>
        e.personId ? (
          <Link to={`/audit?personId=${e.personId}`}>
            <span className="accord-id">{e.personId.slice(0, 8)}</span>
            <span className="nhsuk-u-visually-hidden"> (entries about this person)</span>
          </Link>
        ) : (
          <span className="accord-muted">None</span>
        ),
    },
    {
      header: 'Information',
      cell: (e) => categoryWords(e.categories) || <span className="accord-muted">None</span>,
    },
  ];
  return <Table caption={caption} columns={columns} rows={entries} rowKey={(e) => e.id} />;
}
