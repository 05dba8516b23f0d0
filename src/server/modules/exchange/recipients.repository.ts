import type { Db } from '../../db/database.ts';

/** An organisation's name and type, or undefined when it does not exist. */
export async function findOrganisation(
  db: Db,
  id: string,
): Promise<{ id: string; type: string } | undefined> {
  return db.selectFrom('organisations').select(['id', 'type']).where('id', '=', id).executeTakeFirst();
}

/** A staff member's organisation and whether the account is active. */
export async function findStaffMember(
  db: Db,
  id: string,
): Promise<{ id: string; organisation_id: string; active: number } | undefined> {
  return db
    .selectFrom('staff')
    .select(['id', 'organisation_id', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A team's organisation. */
export async function findTeam(
  db: Db,
  id: string,
): Promise<{ id: string; organisation_id: string } | undefined> {
  return db.selectFrom('teams').select(['id', 'organisation_id']).where('id', '=', id).executeTakeFirst();
}

/**
 * The team's duty lead: its active members holding the duty role, else those holding the service
 * manager role, first by username so the choice is stable.
 */
export async function findTeamDutyLead(db: Db, teamId: string): Promise<string | undefined> {
  const rows = await db
    .selectFrom('staff_teams as t')
    .innerJoin('staff as s', 's.id', 't.staff_id')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select(['s.id', 's.username', 'r.role'])
    .where('t.team_id', '=', teamId)
    .where('s.active', '=', 1)
    .where('r.role', 'in', ['duty', 'service_manager'])
    .orderBy('s.username')
    .execute();
  return (rows.find((r) => r.role === 'duty') ?? rows[0])?.id;
}

/** The holder of a named governance role at an organisation (service manager, Caldicott guardian). */
export async function findGovernanceHolder(
  db: Db,
  organisationId: string,
  role: 'SERVICE_MANAGER' | 'CALDICOTT_GUARDIAN',
): Promise<string | undefined> {
  const row = await db
    .selectFrom('governance_roles')
    .select('staff_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', role)
    .orderBy('assigned_at', 'desc')
    .executeTakeFirst();
  return row?.staff_id;
}

/** Whether a member of staff is an active service manager at the organisation. */
export async function isServiceManagerAt(db: Db, staffId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff as s')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select('s.id')
    .where('s.id', '=', staffId)
    .where('s.organisation_id', '=', organisationId)
    .where('s.active', '=', 1)
    .where('r.role', '=', 'service_manager')
    .executeTakeFirst();
  return row !== undefined;
}

/** The organisation's service manager: the named governance role, else its first active service manager. */
export async function findServiceManager(db: Db, organisationId: string): Promise<string | undefined> {
  const named = await findGovernanceHolder(db, organisationId, 'SERVICE_MANAGER');
  if (named) return named;
  const row = await db
    .selectFrom('staff as s')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select('s.id')
    .where('s.organisation_id', '=', organisationId)
    .where('s.active', '=', 1)
    .where('r.role', '=', 'service_manager')
    .orderBy('s.username')
    .executeTakeFirst();
  return row?.id;
}

/** Organisation names by id, for documents. */
export async function findOrganisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
