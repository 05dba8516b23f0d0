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
