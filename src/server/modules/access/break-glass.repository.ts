import type { DataCategory } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { BreakGlassGrantRow } from './access.tables.ts';
import type { BreakGlassGrantFact } from './access.ts';

/** A grant as the decision function reads it; an early end shortens it. */
export function grantFact(row: BreakGlassGrantRow): BreakGlassGrantFact {
  return {
    id: row.id,
    staffId: row.staff_id,
    grantedAt: row.granted_at,
    expiresAt: row.ended_at && row.ended_at < row.expires_at ? row.ended_at : row.expires_at,
    categories: row.categories === '' ? [] : (row.categories.split(',') as DataCategory[]),
  };
}

/** Every grant recorded for a person (the decision function checks times itself). */
export async function findGrantsForPerson(db: Db, personId: string): Promise<BreakGlassGrantFact[]> {
  const rows = await db
    .selectFrom('break_glass_grants')
    .selectAll()
    .where('person_id', '=', personId)
    .execute();
  return rows.map(grantFact);
}

/** Inserts a grant. */
export async function insertGrant(db: Db, row: BreakGlassGrantRow): Promise<void> {
  await db.insertInto('break_glass_grants').values(row).execute();
}

/** Grants a worker opened since an instant: the per-worker rate limit counts them. */
export async function countGrantsSince(db: Db, staffId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('break_glass_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_id', '=', staffId)
    .where('granted_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One of a worker's grants. */
export function findOwnGrant(
  db: Db,
  grantId: string,
  staffId: string,
): Promise<BreakGlassGrantRow | undefined> {
  return db
    .selectFrom('break_glass_grants')
    .selectAll()
    .where('id', '=', grantId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
}

/** Records a grant's early end. */
export async function setGrantEnded(db: Db, grantId: string, endedAt: string): Promise<void> {
  await db.updateTable('break_glass_grants').set({ ended_at: endedAt }).where('id', '=', grantId).execute();
}

/** A worker's most recent grants, newest first. */
export function findGrantsOfStaff(db: Db, staffId: string, limit: number): Promise<BreakGlassGrantRow[]> {
  return db
    .selectFrom('break_glass_grants')
    .selectAll()
    .where('staff_id', '=', staffId)
    .orderBy('granted_at', 'desc')
    .limit(limit)
    .execute();
}

/** When each named grant began, for replaying decisions that relied on one. */
export async function findGrantStarts(db: Db, grantIds: readonly string[]): Promise<Map<string, string>> {
  const starts = new Map<string, string>();
  for (let i = 0; i < grantIds.length; i += 500) {
    const rows = await db
      .selectFrom('break_glass_grants')
      .select(['id', 'granted_at'])
      .where('id', 'in', grantIds.slice(i, i + 500))
      .execute();
    for (const r of rows) starts.set(r.id, r.granted_at);
  }
  return starts;
}
