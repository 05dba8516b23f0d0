import type { CareTeamRole, DataCategory, OrganisationType, StaffRole } from '../../src/contracts/enums.ts';
import { withCheckDigit } from '../../src/contracts/nhs-number.ts';
import type { Database } from '../../src/server/db/database.ts';
import { hashPassword } from '../../src/server/modules/auth/password.ts';
import { governedDb } from './governed.ts';

const iso = () => new Date().toISOString();
let counter = 0;
const next = () => ++counter;

/** A valid, unique NHS number from the 999 test range. */
export function nextNhsNumber(): string {
  for (;;) {
    const stem = `999${String(100000 + next()).padStart(6, '0')}`;
    const nhs = withCheckDigit(stem);
    if (nhs) return nhs;
  }
}

/** Inserts an organisation; returns its id. */
export async function makeOrganisation(
  database: Database,
  overrides: { name?: string; type?: OrganisationType } = {},
): Promise<string> {
  const id = crypto.randomUUID();
  await database.db
    .insertInto('organisations')
    .values({
      id,
      name: overrides.name ?? `Organisation ${next()}`,
      type: overrides.type ?? 'NHS_TRUST',
      ods_code: null,
      created_at: iso(),
      updated_at: iso(),
    })
    .execute();
  return id;
}

/** Inserts a team; returns its id. */
export async function makeTeam(
  database: Database,
  organisationId: string,
  name = `Team ${next()}`,
): Promise<string> {
  const id = crypto.randomUUID();
  await database.db
    .insertInto('teams')
    .values({
      id,
      organisation_id: organisationId,
      name,
      service_type: null,
      created_at: iso(),
      updated_at: iso(),
    })
    .execute();
  return id;
}

/** Options for a staff account made by a test. */
export interface StaffOverrides {
  organisationId: string;
  roles: StaffRole[];
  username?: string;
  password?: string;
  teamIds?: string[];
  active?: boolean;
  /** Expiry of annual IG training; null for none. Defaults to a year ahead. */
  igExpiresOn?: string | null;
  safeguardingTrained?: boolean;
}

/** A year from today, YYYY-MM-DD. */
export function nextYear(): string {
  return new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
}

/** Inserts a staff account with roles, teams and training; returns id and username. */
export async function makeStaff(
  database: Database,
  o: StaffOverrides,
): Promise<{ id: string; username: string; password: string }> {
  const id = crypto.randomUUID();
  const username = o.username ?? `user${next()}`;
  const password = o.password ?? 'correct horse battery';
  await database.db
    .insertInto('staff')
    .values({
      id,
      organisation_id: o.organisationId,
      username,
      display_name: `Staff ${username}`,
      job_title: 'Practitioner',
      email: null,
      password_hash: await hashPassword(password),
      active: o.active === false ? 0 : 1,
      failed_logins: 0,
      locked_until: null,
      created_at: iso(),
      updated_at: iso(),
    })
    .execute();
  await database.db
    .insertInto('staff_roles')
    .values(o.roles.map((role) => ({ staff_id: id, role })))
    .execute();
  for (const team_id of o.teamIds ?? [])
    await database.db.insertInto('staff_teams').values({ staff_id: id, team_id }).execute();
  const ig = o.igExpiresOn === undefined ? nextYear() : o.igExpiresOn;
  if (ig) {
    await database.db
      .insertInto('training_records')
      .values({
        id: crypto.randomUUID(),
        staff_id: id,
        kind: 'IG_ANNUAL',
        completed_on: '2020-01-01',
        expires_on: ig,
        created_at: iso(),
      })
      .execute();
  }
  if (o.safeguardingTrained) {
    await database.db
      .insertInto('training_records')
      .values({
        id: crypto.randomUUID(),
        staff_id: id,
        kind: 'SAFEGUARDING_ADULTS',
        completed_on: '2020-01-01',
        expires_on: nextYear(),
        created_at: iso(),
      })
      .execute();
  }
  return { id, username, password };
}

/** Inserts a person; returns id and NHS number. */
export async function makePerson(
  database: Database,
  overrides: { givenName?: string; familyName?: string } = {},
): Promise<{ id: string; nhsNumber: string }> {
  const id = crypto.randomUUID();
  const nhsNumber = nextNhsNumber();
  await governedDb(database)
    .insertInto('people')
    .values({
      id,
      nhs_number: nhsNumber,
      given_name: overrides.givenName ?? 'Alex',
      family_name: overrides.familyName ?? `Person${next()}`,
      date_of_birth: '1980-05-17',
      phone: null,
      email: null,
      address: null,
      postcode: null,
      created_at: iso(),
      updated_at: iso(),
    })
    .execute();
  return { id, nhsNumber };
}

/** Puts a staff member or team on a person's care team. */
export async function addMembership(
  database: Database,
  m: {
    personId: string;
    organisationId: string;
    staffId?: string;
    teamId?: string;
    role?: CareTeamRole;
    startDate?: string;
    endDate?: string | null;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await governedDb(database)
    .insertInto('care_team_memberships')
    .values({
      id,
      person_id: m.personId,
      staff_id: m.staffId ?? null,
      team_id: m.teamId ?? null,
      organisation_id: m.organisationId,
      role: m.role ?? 'SUPPORT_WORKER',
      start_date: m.startDate ?? '2020-01-01',
      end_date: m.endDate ?? null,
      created_at: iso(),
      created_by: m.staffId ?? 'test',
      updated_at: iso(),
    })
    .execute();
  return id;
}

/** Adds a record entry (version 1). */
export async function addEntry(
  database: Database,
  e: {
    personId: string;
    organisationId: string;
    authorId: string;
    category: DataCategory;
    title?: string;
    body?: string;
  },
): Promise<string> {
  const id = crypto.randomUUID();
  await governedDb(database)
    .insertInto('record_entries')
    .values({
      id,
      person_id: e.personId,
      category: e.category,
      organisation_id: e.organisationId,
      current_version: 1,
      created_at: iso(),
      created_by: e.authorId,
      updated_at: iso(),
    })
    .execute();
  await governedDb(database)
    .insertInto('record_entry_versions')
    .values({
      entry_id: id,
      version: 1,
      title: e.title ?? `${e.category} entry`,
      body: e.body ?? 'Entry text',
      author_id: e.authorId,
      recorded_at: iso(),
      amendment_reason: null,
    })
    .execute();
  return id;
}
