import type { Organisation, Staff, Team } from '../../../contracts/directory.ts';
import type { GovernanceRole, OrganisationType, StaffRole, TrainingKind } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { OrganisationRow, StaffRow } from './directory.tables.ts';

/** Presents organisation rows with their named governance roles. */
export async function presentOrganisations(db: Db, rows: OrganisationRow[]): Promise<Organisation[]> {
  if (rows.length === 0) return [];
  const governance = await db
    .selectFrom('governance_roles')
    .innerJoin('staff', 'staff.id', 'governance_roles.staff_id')
    .select([
      'governance_roles.organisation_id',
      'governance_roles.role',
      'staff.id as staff_id',
      'staff.display_name',
    ])
    .where(
      'governance_roles.organisation_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('governance_roles.role')
    .execute();
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

/** Presents teams with their organisation's name. */
export async function findTeams(
  db: Db,
  filter: { organisationId?: string | undefined; ids?: readonly string[] },
  page: { limit: number; offset: number },
): Promise<{ items: Team[]; total: number }> {
  let query = db.selectFrom('teams').innerJoin('organisations', 'organisations.id', 'teams.organisation_id');
  if (filter.organisationId) query = query.where('teams.organisation_id', '=', filter.organisationId);
  if (filter.ids) query = query.where('teams.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['']);
  const [rows, count] = await Promise.all([
    query
      .select([
        'teams.id',
        'teams.organisation_id',
        'organisations.name as organisation_name',
        'teams.name',
        'teams.service_type',
      ])
      .orderBy('organisations.name')
      .orderBy('teams.name')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      name: r.name,
      serviceType: r.service_type,
    })),
    total: Number(count.n),
  };
}

/** Presents staff rows with organisation, roles, teams and training. */
export async function presentStaff(db: Db, rows: StaffRow[], now: Date): Promise<Staff[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [orgs, roles, teams, training] = await Promise.all([
    db
      .selectFrom('organisations')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.organisation_id))])
      .execute(),
    db.selectFrom('staff_roles').selectAll().where('staff_id', 'in', ids).orderBy('role').execute(),
    db
      .selectFrom('staff_teams')
      .innerJoin('teams', 'teams.id', 'staff_teams.team_id')
      .select(['staff_teams.staff_id', 'teams.id', 'teams.name'])
      .where('staff_teams.staff_id', 'in', ids)
      .orderBy('teams.name')
      .execute(),
    db
      .selectFrom('training_records')
      .selectAll()
      .where('staff_id', 'in', ids)
      .orderBy('completed_on', 'desc')
      .execute(),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  return rows.map((row) => ({
    id: row.id,
    organisationId: row.organisation_id,
    organisationName: orgName.get(row.organisation_id) ?? '',
    username: row.username,
    displayName: row.display_name,
    jobTitle: row.job_title,
    email: row.email,
    active: row.active === 1,
    locked: row.locked_until !== null && row.locked_until > now.toISOString(),
    roles: roles.filter((r) => r.staff_id === row.id).map((r) => r.role as StaffRole),
    teams: teams.filter((t) => t.staff_id === row.id).map((t) => ({ id: t.id, name: t.name })),
    training: training
      .filter((t) => t.staff_id === row.id)
      .map((t) => ({
        id: t.id,
        kind: t.kind as TrainingKind,
        completedOn: t.completed_on,
        expiresOn: t.expires_on,
      })),
  }));
}

/** Replaces a staff member's roles and teams. */
export async function replaceStaffRolesAndTeams(
  db: Db,
  staffId: string,
  roles: readonly StaffRole[] | undefined,
  teamIds: readonly string[] | undefined,
): Promise<void> {
  if (roles) {
    await db.deleteFrom('staff_roles').where('staff_id', '=', staffId).execute();
    if (roles.length > 0) {
      await db
        .insertInto('staff_roles')
        .values([...new Set(roles)].map((role) => ({ staff_id: staffId, role })))
        .execute();
    }
  }
  if (teamIds) {
    await db.deleteFrom('staff_teams').where('staff_id', '=', staffId).execute();
    if (teamIds.length > 0) {
      await db
        .insertInto('staff_teams')
        .values([...new Set(teamIds)].map((team_id) => ({ staff_id: staffId, team_id })))
        .execute();
    }
  }
}
