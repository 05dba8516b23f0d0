import type { DataCategory } from '../../../contracts/enums.ts';
import type { BreakGlassGrantRow } from './access.tables.ts';
import type { BreakGlassGrantFact } from './access.ts';
import type { GovernedAccess, ListAccess, PersonWrite } from './door.ts';

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

/** Records a grant for the person the emergency access was decided for. */
export async function insertGrant(write: PersonWrite, row: BreakGlassGrantRow): Promise<void> {
  await write.db
    .insertInto('break_glass_grants')
    .values({ ...row, person_id: write.personId })
    .execute();
}

/** One of the caller's own grants. */
export function findOwnGrant(list: ListAccess, grantId: string): Promise<BreakGlassGrantRow | undefined> {
  return list.db
    .selectFrom('break_glass_grants')
    .selectAll()
    .where('id', '=', grantId)
    .where('staff_id', '=', list.staffId)
    .executeTakeFirst();
}

/** The caller's own grants, newest first (the latest 50). */
export function findOwnGrants(list: ListAccess): Promise<BreakGlassGrantRow[]> {
  return list.db
    .selectFrom('break_glass_grants')
    .selectAll()
    .where('staff_id', '=', list.staffId)
    .orderBy('granted_at', 'desc')
    .limit(50)
    .execute();
}

/** Ends one of the caller's own grants at an instant. */
export async function setGrantEnd(list: ListAccess, grantId: string, endedAt: string): Promise<void> {
  await list.db
    .updateTable('break_glass_grants')
    .set({ ended_at: endedAt })
    .where('id', '=', grantId)
    .where('staff_id', '=', list.staffId)
    .execute();
}

/** Grants by id with the name of the member of staff who used each, for their reviewers. */
export function findGrantsWithNames(access: GovernedAccess, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return access.db
    .selectFrom('break_glass_grants as g')
    .innerJoin('staff as s', 's.id', 'g.staff_id')
    .select([
      'g.id',
      'g.staff_id',
      's.display_name',
      'g.reason',
      'g.granted_at',
      'g.expires_at',
      'g.ended_at',
      'g.categories',
    ])
    .where('g.id', 'in', [...ids])
    .execute();
}

/** Grants a worker opened since an instant: the per-worker rate limit counts them. */
export async function countGrantsSince(
  access: GovernedAccess,
  staffId: string,
  since: string,
): Promise<number> {
  const row = await access.db
    .selectFrom('break_glass_grants')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('staff_id', '=', staffId)
    .where('granted_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** When each named grant began, for replaying decisions that relied on one (times only, no person). */
export async function findGrantStarts(
  access: GovernedAccess,
  grantIds: readonly string[],
): Promise<Map<string, string>> {
  const starts = new Map<string, string>();
  for (let i = 0; i < grantIds.length; i += 500) {
    const rows = await access.db
      .selectFrom('break_glass_grants')
      .select(['id', 'granted_at'])
      .where('id', 'in', grantIds.slice(i, i + 500))
      .execute();
    for (const r of rows) starts.set(r.id, r.granted_at);
  }
  return starts;
}
