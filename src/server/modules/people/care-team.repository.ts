/**
 * Queries of care-team memberships and of the directory facts a membership change needs. Every
 * query of `care_team_memberships` made for a change lives here.
 */
import type { StaffRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import type { GovernedAccess } from '../access/index.ts';
import type { CareTeamMembershipRow } from './people.tables.ts';

/** A staff member as a new membership needs them: organisation, active flag and roles. */
export async function findMemberCandidate(
  db: Db,
  staffId: string,
): Promise<{ organisationId: string; active: boolean; roles: StaffRole[] } | undefined> {
  const staff = await db
    .selectFrom('staff')
    .select(['organisation_id', 'active'])
    .where('id', '=', staffId)
    .executeTakeFirst();
  if (!staff) return undefined;
  const roles = await db.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).execute();
  return {
    organisationId: staff.organisation_id,
    active: staff.active === 1,
    roles: roles.map((r) => r.role as StaffRole),
  };
}

/** The organisation of a team, if the team exists. */
export async function findTeamOrganisation(db: Db, teamId: string): Promise<string | undefined> {
  const team = await db
    .selectFrom('teams')
    .select('organisation_id')
    .where('id', '=', teamId)
    .executeTakeFirst();
  return team?.organisation_id;
}

/** True when the organisation has a membership of the person's care team in force today. */
export async function organisationOnCareTeam(
  access: GovernedAccess,
  personId: string,
  organisationId: string,
  today: string,
): Promise<boolean> {
  const row = await access.db
    .selectFrom('care_team_memberships')
    .select('id')
    .where('person_id', '=', personId)
    .where('organisation_id', '=', organisationId)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Inserts a membership. */
export async function insertMembership(access: GovernedAccess, row: CareTeamMembershipRow): Promise<void> {
  await access.db.insertInto('care_team_memberships').values(row).execute();
}

/** One membership of a person's care team. */
export function findMembership(
  access: GovernedAccess,
  personId: string,
  membershipId: string,
): Promise<Pick<CareTeamMembershipRow, 'start_date' | 'end_date' | 'organisation_id'> | undefined> {
  return access.db
    .selectFrom('care_team_memberships')
    .select(['start_date', 'end_date', 'organisation_id'])
    .where('id', '=', membershipId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

/**
 * Sets a membership's end date, provided its end is still what the caller decided on; false when a
 * concurrent change got there first (the caller refuses rather than overwrite it).
 */
export async function setMembershipEnd(
  access: GovernedAccess,
  membershipId: string,
  expectedEnd: string | null,
  endDate: string,
  at: string,
): Promise<boolean> {
  const result = await access.db
    .updateTable('care_team_memberships')
    .set({ end_date: endDate, updated_at: at })
    .where('id', '=', membershipId)
    .where((eb) => (expectedEnd === null ? eb('end_date', 'is', null) : eb('end_date', '=', expectedEnd)))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Memberships of one staff member on one person's care team created within a window (while a
 * break-glass grant was live) and not yet ended by the given date.
 */
export function findMembershipsOpenedDuring(
  access: GovernedAccess,
  q: { personId: string; staffId: string; from: string; to: string; endBy: string },
): Promise<Pick<CareTeamMembershipRow, 'id' | 'start_date' | 'end_date'>[]> {
  return access.db
    .selectFrom('care_team_memberships')
    .select(['id', 'start_date', 'end_date'])
    .where('person_id', '=', q.personId)
    .where('staff_id', '=', q.staffId)
    .where('created_at', '>=', q.from)
    .where('created_at', '<=', q.to)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', q.endBy)]))
    .execute();
}

/**
 * Withdraws a membership that had not yet run a full day, as if never made: its dates cannot
 * express "ended before it began". The log keeps its addition and its withdrawal.
 */
export async function withdrawMembership(
  access: GovernedAccess,
  membershipId: string,
  expectedEnd: string | null,
): Promise<boolean> {
  const result = await access.db
    .deleteFrom('care_team_memberships')
    .where('id', '=', membershipId)
    .where((eb) => (expectedEnd === null ? eb('end_date', 'is', null) : eb('end_date', '=', expectedEnd)))
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}
