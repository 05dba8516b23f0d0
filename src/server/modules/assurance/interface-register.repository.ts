/** The register of interfaces and workarounds: organisation-level, no person data. */
import type { Db } from '../../db/database.ts';
import type { InterfaceEntryRow } from './interface-register.tables.ts';

/** An entry with its owner's name. */
export type InterfaceEntryRecord = InterfaceEntryRow & { owner_name: string };

const withOwner = (db: Db) =>
  db
    .selectFrom('interface_register as e')
    .innerJoin('staff as s', 's.id', 'e.owner_staff_id')
    .selectAll('e')
    .select('s.display_name as owner_name');

/** Every entry, live first, then by review date. A partnership holds tens of them. */
export function findEntries(db: Db): Promise<InterfaceEntryRecord[]> {
  return withOwner(db).orderBy('e.status').orderBy('e.review_on').orderBy('e.id').limit(500).execute();
}

/** One entry. */
export function findEntry(db: Db, id: string): Promise<InterfaceEntryRecord | undefined> {
  return withOwner(db).where('e.id', '=', id).executeTakeFirst();
}

/** The sender organisation's live entries for a route, soonest review last (the freshest first). */
export function findLiveEntriesFor(
  db: Db,
  organisationId: string,
  route: string,
): Promise<InterfaceEntryRow[]> {
  return db
    .selectFrom('interface_register')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('route', '=', route)
    .where('status', '=', 'live')
    .orderBy('review_on', 'desc')
    .orderBy('id')
    .execute();
}

/** Live entries the staff member owns whose review falls on or before the day. */
export function findReviewsOwned(db: Db, staffId: string, horizon: string): Promise<InterfaceEntryRow[]> {
  return db
    .selectFrom('interface_register')
    .selectAll()
    .where('owner_staff_id', '=', staffId)
    .where('status', '=', 'live')
    .where('review_on', '<=', horizon)
    .orderBy('review_on')
    .orderBy('id')
    .limit(200)
    .execute();
}

/** Adds an entry. */
export async function insertEntry(db: Db, row: InterfaceEntryRow): Promise<void> {
  await db.insertInto('interface_register').values(row).execute();
}

/** Replaces an entry's content if it is still at the version the editor read; false otherwise. */
export async function updateEntry(
  db: Db,
  id: string,
  expectedVersion: number,
  values: Omit<InterfaceEntryRow, 'id' | 'organisation_id' | 'created_by' | 'created_at'>,
): Promise<boolean> {
  const res = await db
    .updateTable('interface_register')
    .set(values)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Names of the organisations among the ids that exist. */
export async function organisationNamesOf(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
