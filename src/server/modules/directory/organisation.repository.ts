import type { Organisation, OrganisationInput } from '../../../contracts/directory.ts';
import type { GovernanceRole, OrganisationType } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { OrganisationRow } from './directory.tables.ts';
import { findGovernanceOf } from './governance.repository.ts';

/** Presents organisation rows with their named governance roles. */
export async function presentOrganisations(db: Db, rows: OrganisationRow[]): Promise<Organisation[]> {
  if (rows.length === 0) return [];
  const governance = await findGovernanceOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    type: row.type as OrganisationType,
    odsCode: row.ods_code,
    governance: governance
      .filter((g) => g.organisation_id === row.id)
      .map((g) => ({ role: g.role as GovernanceRole, staffId: g.staff_id, displayName: g.display_name })),
  }));
}

/** A page of organisations by name, with the total. */
export async function findOrganisationPage(
  db: Db,
  page: { limit: number; offset: number },
): Promise<{ rows: OrganisationRow[]; total: number }> {
  const [rows, count] = await Promise.all([
    db
      .selectFrom('organisations')
      .selectAll()
      .orderBy('name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db
      .selectFrom('organisations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** One organisation's row. */
export function findOrganisationRow(db: Db, id: string): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Organisations other than `exceptId` sharing the name or ODS code. */
export function findOrganisationClashes(
  db: Db,
  input: OrganisationInput,
  exceptId: string | null,
): Promise<{ id: string; name: string; ods_code: string | null }[]> {
  let q = db
    .selectFrom('organisations')
    .select(['id', 'name', 'ods_code'])
    .where((eb) =>
      eb.or([eb('name', '=', input.name), ...(input.odsCode ? [eb('ods_code', '=', input.odsCode)] : [])]),
    );
  if (exceptId) q = q.where('id', '<>', exceptId);
  return q.execute();
}

/** Inserts an organisation. */
export async function insertOrganisation(db: Db, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisations').values(row).execute();
}

/** Changes an organisation's name, type and ODS code. */
export async function updateOrganisationRow(
  db: Db,
  id: string,
  input: OrganisationInput,
  at: string,
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({ name: input.name, type: input.type, ods_code: input.odsCode ?? null, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** True when the organisation holds at least one account. */
export async function organisationHasStaff(db: Db, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
