import type { GovernanceRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';

/** True when the staff member is named to the governance role for any organisation. */
export async function staffHoldsGovernanceRole(
  db: Db,
  staffId: string,
  role: GovernanceRole,
): Promise<boolean> {
  const row = await db
    .selectFrom('governance_roles')
    .select('staff_id')
    .where('staff_id', '=', staffId)
    .where('role', '=', role)
    .executeTakeFirst();
  return row !== undefined;
}

/** Named governance roles of the organisations, with the holder's name, by role. */
export function findGovernanceOf(
  db: Db,
  organisationIds: readonly string[],
): Promise<{ organisation_id: string; role: string; staff_id: string; display_name: string }[]> {
  return db
    .selectFrom('governance_roles')
    .innerJoin('staff', 'staff.id', 'governance_roles.staff_id')
    .select([
      'governance_roles.organisation_id',
      'governance_roles.role',
      'staff.id as staff_id',
      'staff.display_name',
    ])
    .where('governance_roles.organisation_id', 'in', organisationIds.length > 0 ? [...organisationIds] : [''])
    .orderBy('governance_roles.role')
    .execute();
}

/** Names the holder of an organisation's governance role, replacing any previous holder. */
export async function replaceGovernanceHolder(
  db: Db,
  organisationId: string,
  role: GovernanceRole,
  staffId: string,
  at: string,
): Promise<void> {
  await db
    .deleteFrom('governance_roles')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', role)
    .execute();
  await db
    .insertInto('governance_roles')
    .values({ organisation_id: organisationId, role, staff_id: staffId, assigned_at: at })
    .execute();
}
