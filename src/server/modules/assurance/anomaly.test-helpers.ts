/**
 * A small partnership and its audit traffic for the anomaly tests: ordinary working days (care
 * coordinators, a clinician, a housing officer and a service manager reading their caseloads in
 * office hours; a duty worker reading the crisis caseload at night and using break-glass once a
 * week) and helpers that plant the patterns each rule must catch. Every date used is before British
 * Summer Time starts (2025-03-30), so UTC and UK times are the same.
 */

import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
  makeTeam,
} from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import type { StaffRole } from '../../../contracts/enums.ts';
import type { Database } from '../../db/database.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import type { AuditAction } from '../audit/audit-actions.ts';
import { type AuditEvent, insertEntries, toRow } from '../audit/index.ts';

/** A member of staff as the traffic generator needs them. */
export interface Member {
  readonly id: string;
  readonly username: string;
  readonly organisationId: string;
  readonly roles: readonly StaffRole[];
}

/** The test partnership. */
export interface World {
  readonly trust: string;
  readonly housing: string;
  readonly cc1: Member;
  readonly cc2: Member;
  readonly clinician: Member;
  readonly housingOfficer: Member;
  readonly manager: Member;
  readonly duty: Member;
  readonly nurse: Member;
  readonly igLead: Member;
  /** 24 people: cc1 coordinates 0-11, cc2 12-23; the CMHT team is on all; housing on 0-5; crisis team on 20-23. */
  readonly people: readonly string[];
  /** Person 11 has the nurse's name; person 9 has the manager's email. */
  readonly colleagueByName: string;
  readonly colleagueByEmail: string;
}

/** The first and last ordinary days generated (inclusive). */
export const TRAFFIC_FROM = '2025-02-03';
export const TRAFFIC_TO = '2025-03-28';

async function member(
  database: Database,
  organisationId: string,
  username: string,
  roles: StaffRole[],
  teamIds: string[],
): Promise<Member> {
  const made = await makeStaff(database, { organisationId, roles, username, teamIds });
  return { id: made.id, username, organisationId, roles };
}

/** Makes the partnership: organisations, teams, staff, people and care teams. */
export async function makeWorld(database: Database, tag: string): Promise<World> {
  const trust = await makeOrganisation(database, { name: `Trust ${tag}`, type: 'NHS_TRUST' });
  const housing = await makeOrganisation(database, { name: `Housing ${tag}`, type: 'HOUSING_PROVIDER' });
  const cmht = await makeTeam(database, trust, 'CMHT');
  const crht = await makeTeam(database, trust, 'Crisis');
  const cc1 = await member(database, trust, `cc1.${tag}`, ['care_manager'], [cmht]);
  const cc2 = await member(database, trust, `cc2.${tag}`, ['care_manager'], [cmht]);
  const clinician = await member(database, trust, `clin.${tag}`, ['clinical'], [cmht]);
  const manager = await member(database, trust, `sm.${tag}`, ['service_manager'], [cmht]);
  const duty = await member(database, trust, `duty.${tag}`, ['duty'], [crht]);
  const nurse = await member(database, trust, `nurse.${tag}`, ['clinical'], [crht]);
  const igLead = await member(database, trust, `ig.${tag}`, ['ig_lead'], []);
  const housingOfficer = await member(database, housing, `ho.${tag}`, ['frontline'], []);
  await database.db
    .updateTable('staff')
    .set({ display_name: 'Sam  Taylor' })
    .where('id', '=', nurse.id)
    .execute();
  await database.db
    .updateTable('staff')
    .set({ email: 'Pat.Lee@trust.example' })
    .where('id', '=', manager.id)
    .execute();
  const people: string[] = [];
  for (let i = 0; i < 24; i += 1) {
    const names = i === 11 ? { givenName: 'sam', familyName: 'TAYLOR' } : {};
    people.push((await makePerson(database, names)).id);
  }
  const colleagueByEmail = people[9] ?? '';
  await governedDb(database)
    .updateTable('people')
    .set({ email: ' pat.lee@TRUST.example' })
    .where('id', '=', colleagueByEmail)
    .execute();
  for (const [i, personId] of people.entries()) {
    const coordinator = i < 12 ? cc1 : cc2;
    await addMembership(database, {
      personId,
      organisationId: trust,
      staffId: coordinator.id,
      role: 'CARE_COORDINATOR',
    });
    await addMembership(database, { personId, organisationId: trust, teamId: cmht, role: 'CLINICIAN' });
    if (i < 6)
      await addMembership(database, {
        personId,
        organisationId: housing,
        staffId: housingOfficer.id,
        role: 'HOUSING_OFFICER',
      });
    if (i >= 20)
      await addMembership(database, { personId, organisationId: trust, teamId: crht, role: 'CRISIS_WORKER' });
  }
  return {
    trust,
    housing,
    cc1,
    cc2,
    clinician,
    housingOfficer,
    manager,
    duty,
    nurse,
    igLead,
    people,
    colleagueByName: people[11] ?? '',
    colleagueByEmail,
  };
}

/** An instant from a UK date and time (GMT in the test range). */
export function at(date: string, hour: number, minute = 0): Date {
  return new Date(`${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`);
}

const actor = (m: Member) => ({ staffId: m.id, organisationId: m.organisationId, roles: m.roles });

/**
 * The entries one view of a person's page writes: the own organisation's view, a disclosure when a
 * partner's data was shown, a denial when something was withheld; all under one request id.
 */
export function pageView(
  m: Member,
  personId: string,
  when: Date,
  options: { partner?: string; withheld?: boolean; breakGlassGrantId?: string } = {},
): AuditEntryRow[] {
  const requestId = crypto.randomUUID();
  const base = {
    actor: actor(m),
    personId,
    purpose: 'DIRECT_CARE',
    recipientOrganisationId: m.organisationId,
  };
  const events: AuditEvent[] = [
    {
      ...base,
      action: 'record.view',
      outcome: 'permit',
      categories: ['RISK_SUMMARY', 'CRISIS_PLAN'],
      ownerOrganisationId: m.organisationId,
      breakGlassGrantId: options.breakGlassGrantId ?? null,
      reasons: [options.breakGlassGrantId ? 'PERMIT_BREAK_GLASS' : 'PERMIT_CARE_TEAM'],
    },
  ];
  if (options.partner)
    events.push({
      ...base,
      action: 'record.disclose',
      outcome: 'permit',
      categories: ['RISK_SUMMARY'],
      ownerOrganisationId: options.partner,
      reasons: ['PERMIT_AGREEMENT'],
    });
  if (options.withheld)
    events.push({
      ...base,
      action: 'record.access.deny',
      outcome: 'deny',
      categories: ['SAFEGUARDING'],
      ownerOrganisationId: m.organisationId,
      reasons: ['RESTRICTED_CATEGORY_ROLE'],
    });
  return events.map((e) => toRow(e, when, requestId));
}

/** The 404 a member of staff gets for a person they may not know. */
export function deniedLookup(m: Member, personId: string, when: Date): AuditEntryRow {
  return toRow(
    {
      action: 'person.access.deny',
      outcome: 'deny',
      actor: actor(m),
      personId,
      purpose: 'DIRECT_CARE',
      reasons: ['NOT_KNOWN_TO_CALLER'],
    },
    when,
    crypto.randomUUID(),
  );
}

/** A break-glass grant and the crisis-summary view it opens. */
export function breakGlass(m: Member, personId: string, when: Date): AuditEntryRow[] {
  const grantId = crypto.randomUUID();
  const grant = toRow(
    {
      action: 'break_glass.grant',
      outcome: 'success',
      actor: actor(m),
      personId,
      breakGlassGrantId: grantId,
      target: { type: 'break_glass_grant', id: grantId },
    },
    when,
    crypto.randomUUID(),
  );
  return [grant, ...pageView(m, personId, new Date(when.getTime() + 60_000), { breakGlassGrantId: grantId })];
}

function routine(m: Member, action: AuditAction, when: Date): AuditEntryRow {
  return toRow({ action, outcome: 'success', actor: actor(m) }, when, crypto.randomUUID());
}

/** A working day's reads for one member of staff, spread through office hours. */
function workday(
  w: World,
  m: Member,
  date: string,
  caseload: readonly number[],
  reads: number,
  offset: number,
) {
  const rows: AuditEntryRow[] = [
    routine(m, 'auth.sign_in', at(date, 8, 50)),
    routine(m, 'caseload.list', at(date, 8, 55)),
  ];
  for (let i = 0; i < reads; i += 1) {
    const index = caseload[(offset + i) % caseload.length] ?? 0;
    const minutes = 9 * 60 + 5 + i * 28;
    const partner = index < 6 ? (m.organisationId === w.trust ? w.housing : w.trust) : undefined;
    rows.push(
      ...pageView(m, w.people[index] ?? '', at(date, Math.floor(minutes / 60), minutes % 60), {
        ...(partner ? { partner } : {}),
        withheld: i % 4 === 3,
      }),
    );
  }
  return rows;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** The audit entries of one ordinary day (and the night that follows it). */
export function ordinaryDay(w: World, date: string, dayIndex: number): AuditEntryRow[] {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  const rows: AuditEntryRow[] = [];
  if (weekday >= 1 && weekday <= 5) {
    // Colleagues' records (9, 11) are read only by their named coordinator.
    const team = range(0, 24).filter((i) => i !== 9 && i !== 11);
    rows.push(...workday(w, w.cc1, date, range(0, 12), 10 + (dayIndex % 5), dayIndex));
    rows.push(...workday(w, w.cc2, date, range(12, 24), 10 + ((dayIndex + 2) % 5), dayIndex));
    rows.push(...workday(w, w.clinician, date, team, 8, dayIndex * 3));
    rows.push(...workday(w, w.housingOfficer, date, range(0, 6), 5, dayIndex));
    rows.push(...workday(w, w.manager, date, team, 3, dayIndex * 5));
    rows.push(routine(w.igLead, 'auth.sign_in', at(date, 9, 0)));
  }
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const crisis = [20, 21, 22, 23];
  rows.push(routine(w.duty, 'auth.sign_in', at(date, 20, 5)));
  rows.push(...pageView(w.duty, w.people[crisis[dayIndex % 4] ?? 20] ?? '', at(date, 21, 10)));
  rows.push(...pageView(w.duty, w.people[crisis[(dayIndex + 1) % 4] ?? 20] ?? '', at(date, 23, 40)));
  rows.push(...pageView(w.duty, w.people[crisis[(dayIndex + 2) % 4] ?? 20] ?? '', at(next, 2, 15)));
  if (weekday === 2) {
    // Once a week the duty worker is asked about someone the crisis team does not know yet.
    rows.push(deniedLookup(w.duty, w.people[7] ?? '', at(date, 23, 10)));
    rows.push(...breakGlass(w.duty, w.people[7] ?? '', at(date, 23, 12)));
  }
  return rows;
}

/** Writes ordinary traffic for every day from TRAFFIC_FROM to TRAFFIC_TO. */
export async function writeOrdinaryTraffic(database: Database, w: World): Promise<number> {
  let count = 0;
  let dayIndex = 0;
  for (let date = TRAFFIC_FROM; date <= TRAFFIC_TO; dayIndex += 1) {
    const rows = ordinaryDay(w, date, dayIndex);
    await insertEntries(database.db, rows);
    count += rows.length;
    date = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  return count;
}

/** Stores planted entries. */
export async function plant(database: Database, rows: readonly AuditEntryRow[]): Promise<void> {
  await insertEntries(database.db, rows);
}
