/**
 * Queries of care contacts, a governed table: every function takes a value the access door made
 * and reads only the person it was decided for.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type { AttendanceOutcome, ContactDto, ContactType } from '../../../contracts/signals.ts';
import type { PersonScope, PersonWrite } from '../access/index.ts';
import type { CareContactRow } from './signals.tables.ts';

/** Stores a contact. */
export async function insertContact(
  write: PersonWrite,
  row: Omit<CareContactRow, 'person_id'>,
): Promise<void> {
  await write.db
    .insertInto('care_contacts')
    .values({ ...row, person_id: write.personId })
    .execute();
}

/** The person's contacts, newest first, with the signal each missed one became. */
export async function findContacts(
  read: PersonScope,
  limit: number,
): Promise<(ContactDto & { category: DataCategory })[]> {
  const rows = await read.db
    .selectFrom('care_contacts as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .innerJoin('staff as s', 's.id', 'c.recorded_by')
    .leftJoin('risk_signals as r', 'r.contact_id', 'c.id')
    .select([
      'c.id',
      'c.type',
      'c.outcome',
      'c.category',
      'c.occurred_at',
      'c.entered_at',
      'c.organisation_id',
      'o.name as organisation_name',
      's.display_name as recorded_by_name',
      'c.note',
      'r.id as signal_id',
    ])
    .where('c.person_id', '=', read.personId)
    .orderBy('c.occurred_at', 'desc')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type as ContactType,
    outcome: r.outcome as AttendanceOutcome,
    category: r.category as DataCategory,
    occurredAt: r.occurred_at,
    enteredAt: r.entered_at,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    recordedByName: r.recorded_by_name,
    note: r.note,
    derivedSignalId: r.signal_id ?? null,
  }));
}

/** One of the person's contacts: its owner, outcome, type and time, or undefined. */
export function findContact(
  read: PersonScope,
  contactId: string,
): Promise<Pick<CareContactRow, 'organisation_id' | 'outcome' | 'type' | 'occurred_at'> | undefined> {
  return read.db
    .selectFrom('care_contacts')
    .select(['organisation_id', 'outcome', 'type', 'occurred_at'])
    .where('id', '=', contactId)
    .where('person_id', '=', read.personId)
    .executeTakeFirst();
}

/** Records how a scheduled contact went, once: false when it was not scheduled any more. */
export async function recordContactOutcome(
  write: PersonWrite,
  contactId: string,
  outcome: string,
  enteredAt: string,
): Promise<boolean> {
  const result = await write.db
    .updateTable('care_contacts')
    .set({ outcome, entered_at: enteredAt })
    .where('id', '=', contactId)
    .where('person_id', '=', write.personId)
    .where('outcome', '=', 'SCHEDULED')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
