import type { StaffRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { RoleGrantRow } from './directory.tables.ts';

/** A role grant with the names a reviewer needs. */
export interface RoleGrantView extends RoleGrantRow {
  staff_name: string;
  requested_by_name: string;
}

/** Records roles asked for an account, each waiting for a second person. */
export async function insertPendingGrants(
  db: Db,
  grant: { staffId: string; organisationId: string; requestedBy: string; at: string },
  roles: readonly StaffRole[],
): Promise<string[]> {
  const open = await db
    .selectFrom('role_grants')
    .select('role')
    .where('staff_id', '=', grant.staffId)
    .where('status', '=', 'pending')
    .execute();
  const fresh = roles.filter((r) => !open.some((o) => o.role === r));
  const rows: RoleGrantRow[] = fresh.map((role) => ({
    id: crypto.randomUUID(),
    staff_id: grant.staffId,
    organisation_id: grant.organisationId,
    role,
    requested_by: grant.requestedBy,
    requested_at: grant.at,
    status: 'pending',
    decided_by: null,
    decided_at: null,
  }));
  if (rows.length > 0) await db.insertInto('role_grants').values(rows).execute();
  return rows.map((r) => r.id);
}

function viewQuery(db: Db) {
  return db
    .selectFrom('role_grants')
    .innerJoin('staff as s', 's.id', 'role_grants.staff_id')
    .innerJoin('staff as r', 'r.id', 'role_grants.requested_by')
    .selectAll('role_grants')
    .select(['s.display_name as staff_name', 'r.display_name as requested_by_name']);
}

/** Pending grants of an organisation, oldest first. */
export function findPendingGrants(db: Db, organisationId: string): Promise<RoleGrantView[]> {
  return viewQuery(db)
    .where('role_grants.organisation_id', '=', organisationId)
    .where('role_grants.status', '=', 'pending')
    .orderBy('role_grants.requested_at')
    .orderBy('role_grants.id')
    .execute();
}

/** One grant. */
export function findGrant(db: Db, id: string): Promise<RoleGrantView | undefined> {
  return viewQuery(db).where('role_grants.id', '=', id).executeTakeFirst();
}

/** Closes a pending grant; false when someone closed it first. */
export async function closeGrant(
  db: Db,
  id: string,
  status: 'approved' | 'withdrawn',
  by: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('role_grants')
    .set({ status, decided_by: by, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
