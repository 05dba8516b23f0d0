import type { Staff } from '../../../contracts/directory.ts';
import type { StaffRole, TrainingKind } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import { containsText } from '../../db/text-search.ts';
import { readThrottle } from '../auth/sign-in-throttle.repository.ts';
import { accountKey, accountSlowed } from '../auth/sign-in-throttle.ts';
import type { StaffRow, TrainingRecordRow } from './directory.tables.ts';

/** Presents staff rows with organisation, roles, teams and training. */
export async function presentStaff(db: Db, rows: StaffRow[], now: Date): Promise<Staff[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [orgs, roles, teams, training, throttle] = await Promise.all([
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
    readThrottle(
      db,
      rows.map((r) => accountKey(r.username)),
    ),
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
    locked:
      (row.locked_until !== null && row.locked_until > now.toISOString()) ||
      accountSlowed(throttle.get(accountKey(row.username)), now),
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

/** A page of staff rows, optionally of one organisation and matching a name or username. */
export async function findStaffPage(
  db: Db,
  filter: { organisationId?: string | undefined; q?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: StaffRow[]; total: number }> {
  let query = db.selectFrom('staff');
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.q) {
    const term = filter.q;
    query = query.where((eb) => eb.or([containsText('display_name', term), containsText('username', term)]));
  }
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('display_name').orderBy('id').limit(page.limit).offset(page.offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** One staff row. */
export function findStaffRow(db: Db, id: string): Promise<StaffRow | undefined> {
  return db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The roles an account holds. */
export async function findRolesOf(db: Db, staffId: string): Promise<StaffRole[]> {
  const rows = await db.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).execute();
  return rows.map((r) => r.role as StaffRole);
}

/** True when the username is taken. */
export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const row = await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  return row !== undefined;
}

/** True when the staff member is active at the organisation. */
export async function isActiveStaffOf(db: Db, staffId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff')
    .select('id')
    .where('id', '=', staffId)
    .where('organisation_id', '=', organisationId)
    .where('active', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts an account. */
export async function insertStaff(db: Db, row: StaffRow): Promise<void> {
  await db.insertInto('staff').values(row).execute();
}

/** Changes an account's details or active flag. */
export async function updateStaffRow(
  db: Db,
  id: string,
  change: Partial<Pick<StaffRow, 'display_name' | 'job_title' | 'email' | 'active' | 'locked_until'>>,
  at: string,
): Promise<void> {
  await db
    .updateTable('staff')
    .set({ ...change, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Signs an account out everywhere. */
export async function endSessionsOf(db: Db, staffId: string): Promise<void> {
  await db.deleteFrom('sessions').where('staff_id', '=', staffId).execute();
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

/** Adds one role to an account, if not held. */
export async function addRole(db: Db, staffId: string, role: StaffRole): Promise<void> {
  const held = await db
    .selectFrom('staff_roles')
    .select('role')
    .where('staff_id', '=', staffId)
    .where('role', '=', role)
    .executeTakeFirst();
  if (!held) await db.insertInto('staff_roles').values({ staff_id: staffId, role }).execute();
}

/** Records a completed training course. */
export async function insertTraining(db: Db, row: TrainingRecordRow): Promise<void> {
  await db.insertInto('training_records').values(row).execute();
}
