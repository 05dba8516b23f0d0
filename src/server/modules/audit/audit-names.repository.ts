import type { Db } from '../../db/database.ts';

/** Staff names, job titles and roles by id, for presenting audit entries. */
export async function findStaffNames(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, { name: string; jobTitle: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'display_name', 'job_title'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.display_name, jobTitle: r.job_title }]));
}

/** Organisation names by id. */
export async function findOrganisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
