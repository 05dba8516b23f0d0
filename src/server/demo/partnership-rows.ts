/** Turns the fixed partnership into directory rows, dated relative to the demo's "today". */
import type {
  GovernanceRoleRow,
  OrganisationRow,
  StaffRoleRow,
  StaffRow,
  StaffTeamRow,
  TeamRow,
  TrainingRecordRow,
} from '../modules/directory/directory.tables.ts';
import { daysBefore, isoDate, startOfUtcDay, workingInstant } from './demo-dates.ts';
import { demoId, organisationId, staffId, teamId } from './demo-ids.ts';
import type { DemoPartnership } from './partnership-types.ts';

/** Every directory row of a partnership, per table. */
export interface PartnershipRows {
  readonly organisations: OrganisationRow[];
  readonly teams: TeamRow[];
  readonly staff: StaffRow[];
  readonly staffRoles: StaffRoleRow[];
  readonly staffTeams: StaffTeamRow[];
  readonly trainingRecords: TrainingRecordRow[];
  readonly governanceRoles: GovernanceRoleRow[];
}

// The partnership is set up before anyone's care team, which reach back at most about 27 months.
const SET_UP_DAYS_AGO = 900;

/** One calendar year on from a date, as training certificates run (29 February becomes 1 March). */
export function oneYearAfter(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return isoDate(Date.UTC((year ?? 0) + 1, (month ?? 1) - 1, day ?? 1));
}

/** Builds the rows; `passwordHashes` maps usernames to hashes (accounts without one cannot sign in). */
export function buildPartnershipRows(
  partnership: DemoPartnership,
  today: Date,
  passwordHashes: ReadonlyMap<string, string>,
): PartnershipRows {
  const todayMs = startOfUtcDay(today);
  const setUp = workingInstant(todayMs, SET_UP_DAYS_AGO, 60);
  const rows: PartnershipRows = {
    organisations: partnership.organisations.map((o) => ({
      id: organisationId(o.key),
      name: o.name,
      type: o.type,
      ods_code: o.odsCode,
      created_at: setUp,
      updated_at: setUp,
    })),
    teams: partnership.teams.map((t) => ({
      id: teamId(t.key),
      organisation_id: organisationId(t.organisation),
      name: t.name,
      service_type: t.serviceType,
      created_at: setUp,
      updated_at: setUp,
    })),
    staff: [],
    staffRoles: [],
    staffTeams: [],
    trainingRecords: [],
    governanceRoles: partnership.governance.map((g) => ({
      organisation_id: organisationId(g.organisation),
      role: g.role,
      staff_id: staffId(g.username),
      assigned_at: setUp,
    })),
  };
  for (const s of partnership.staff) {
    const id = staffId(s.username);
    rows.staff.push({
      id,
      organisation_id: organisationId(s.organisation),
      username: s.username,
      display_name: s.displayName,
      job_title: s.jobTitle,
      email: `${s.username}@northshire.example.org`,
      password_hash: passwordHashes.get(s.username) ?? null,
      active: 1,
      failed_logins: 0,
      locked_until: null,
      created_at: setUp,
      updated_at: setUp,
    });
    for (const role of s.roles) rows.staffRoles.push({ staff_id: id, role });
    for (const key of s.teams) rows.staffTeams.push({ staff_id: id, team_id: teamId(key) });
    for (const t of s.training) {
      const completedOn = daysBefore(todayMs, t.completedDaysAgo);
      rows.trainingRecords.push({
        id: demoId(`training:${s.username}:${t.kind}`),
        staff_id: id,
        kind: t.kind,
        completed_on: completedOn,
        expires_on: oneYearAfter(completedOn),
        created_at: new Date(Date.parse(completedOn) + 17 * 3_600_000).toISOString(),
      });
    }
  }
  return rows;
}
