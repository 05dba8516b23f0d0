/**
 * Queries of the safeguarding tables. Person-scoped reads take a decided handle and read only the
 * person it was decided for; lists take the list's standing; the demo takes the named system handle.
 */

import type { Db } from '../../db/database.ts';
import { afterKeyset, type KeysetBound } from '../../db/keyset.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { SystemAccess } from '../../db/system-db.ts';
import type { ListAccess, PersonScope, PersonWrite } from '../access/index.ts';
import type {
  CaseConferenceRow,
  HuddleReviewRow,
  SafeguardingActionRow,
  SafeguardingConcernRow,
} from './safeguarding.tables.ts';

/** Where an open concern with no open action sorts on the huddle list: after every dated one. */
export const NO_ACTION_DUE = '9999-12-31';

type Writer = PersonWrite | SystemAccess;

/** Stores a concern. */
export async function insertConcern(write: Writer, row: SafeguardingConcernRow): Promise<void> {
  await write.db.insertInto('safeguarding_concerns').values(row).execute();
}

/** Stores protective actions. */
export async function insertActions(write: Writer, rows: readonly SafeguardingActionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await write.db
    .insertInto('safeguarding_actions')
    .values([...rows])
    .execute();
}

/** Stores a huddle's review of a concern and moves the concern's next huddle date. */
export async function insertHuddleReview(write: Writer, row: HuddleReviewRow): Promise<void> {
  await write.db.insertInto('safeguarding_huddle_reviews').values(row).execute();
  await write.db
    .updateTable('safeguarding_concerns')
    .set({ next_huddle_on: row.next_huddle_on })
    .where('id', '=', row.concern_id)
    .execute();
}

/** Stores a case conference. */
export async function insertConference(write: Writer, row: CaseConferenceRow): Promise<void> {
  await write.db.insertInto('case_conferences').values(row).execute();
}

/** Recomputes the huddle order key of a concern: the earliest due date of its open actions. */
export async function refreshActionDueKey(write: Writer, concernId: string): Promise<void> {
  const row = await write.db
    .selectFrom('safeguarding_actions')
    .select((eb) => eb.fn.min<string>('due_date').as('due'))
    .where('concern_id', '=', concernId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  await write.db
    .updateTable('safeguarding_concerns')
    .set({ action_due_key: row?.due ?? NO_ACTION_DUE })
    .where('id', '=', concernId)
    .execute();
}

/** The person's concerns, newest first. */
export function findConcerns(scope: PersonScope): Promise<SafeguardingConcernRow[]> {
  return scope.db
    .selectFrom('safeguarding_concerns')
    .selectAll()
    .where('person_id', '=', scope.personId)
    .orderBy('recorded_at', 'desc')
    .orderBy('id')
    .execute();
}

/** One of the person's concerns. */
export function findConcern(
  scope: PersonScope,
  concernId: string,
): Promise<SafeguardingConcernRow | undefined> {
  return scope.db
    .selectFrom('safeguarding_concerns')
    .selectAll()
    .where('person_id', '=', scope.personId)
    .where('id', '=', concernId)
    .executeTakeFirst();
}

// Read on every view of a person (the header's flag): written once as SQL, not built per request.
const openConcernLeadsQuery = precompiled<{ organisation_id: string; lead_staff_id: string }>(
  `select "organisation_id", "lead_staff_id" from "safeguarding_concerns"
   where "person_id" = ? and "status" = 'open'`,
);

/** The organisations and leads of the person's open concerns: what the flag is made of. */
export function findOpenConcernLeads(
  scope: PersonScope,
): Promise<{ organisation_id: string; lead_staff_id: string }[]> {
  return openConcernLeadsQuery(scope.db, [scope.personId]);
}

/** Which of the people in a list have an open concern: the flag in their headers. */
export async function findPeopleWithOpenConcerns(
  list: ListAccess,
  personIds: readonly string[],
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await list.db
    .selectFrom('safeguarding_concerns')
    .select('person_id')
    .distinct()
    .where('person_id', 'in', [...personIds])
    .where('status', '=', 'open')
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Every protective action for the person, soonest due first. */
export function findActions(scope: PersonScope): Promise<SafeguardingActionRow[]> {
  return scope.db
    .selectFrom('safeguarding_actions')
    .selectAll()
    .where('person_id', '=', scope.personId)
    .orderBy('due_date')
    .orderBy('id')
    .execute();
}

/** One of the person's protective actions. */
export function findAction(scope: PersonScope, actionId: string): Promise<SafeguardingActionRow | undefined> {
  return scope.db
    .selectFrom('safeguarding_actions')
    .selectAll()
    .where('person_id', '=', scope.personId)
    .where('id', '=', actionId)
    .executeTakeFirst();
}

/** Marks an open action done; false when it was no longer open (closed meanwhile). */
export async function completeAction(
  write: PersonWrite,
  actionId: string,
  done: { at: string; by: string; outcome: string },
): Promise<boolean> {
  const result = await write.db
    .updateTable('safeguarding_actions')
    .set({ status: 'done', completed_at: done.at, completed_by: done.by, outcome: done.outcome })
    .where('id', '=', actionId)
    .where('person_id', '=', write.personId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Huddle reviews of the person's concerns, newest first. */
export function findHuddleReviews(scope: PersonScope): Promise<HuddleReviewRow[]> {
  return scope.db
    .selectFrom('safeguarding_huddle_reviews')
    .selectAll()
    .where('person_id', '=', scope.personId)
    .orderBy('held_on', 'desc')
    .orderBy('id')
    .execute();
}

/** The person's case conferences, newest first. */
export function findConferences(scope: PersonScope): Promise<CaseConferenceRow[]> {
  return scope.db
    .selectFrom('case_conferences')
    .selectAll()
    .where('person_id', '=', scope.personId)
    .orderBy('held_on', 'desc')
    .orderBy('id')
    .execute();
}

/** Where a huddle page starts: after the last concern of the previous page. */
export interface HuddleBound {
  readonly dueKey: string;
  readonly id: string;
}

/**
 * A page of an organisation's open concerns in huddle order: overdue and soonest-due protective
 * actions first (the index's order), then concerns with no open action.
 */
export function findHuddlePage(
  list: ListAccess,
  organisationId: string,
  after: HuddleBound | null,
  limit: number,
): Promise<SafeguardingConcernRow[]> {
  let q = list.db
    .selectFrom('safeguarding_concerns')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'open');
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('action_due_key', '>', after.dueKey),
        eb.and([eb('action_due_key', '=', after.dueKey), eb('id', '>', after.id)]),
      ]),
    );
  return q.orderBy('action_due_key').orderBy('id').limit(limit).execute();
}

/** Open and overdue action counts, and the last huddle, of the concerns on a page. */
export async function findHuddleFacts(
  list: ListAccess,
  concernIds: readonly string[],
  today: string,
): Promise<Map<string, { open: number; overdue: number; lastHuddleOn: string | null }>> {
  const facts = new Map<string, { open: number; overdue: number; lastHuddleOn: string | null }>();
  if (concernIds.length === 0) return facts;
  for (const id of concernIds) facts.set(id, { open: 0, overdue: 0, lastHuddleOn: null });
  const [actions, huddles] = await Promise.all([
    list.db
      .selectFrom('safeguarding_actions')
      .select(['concern_id', 'due_date'])
      .where('concern_id', 'in', [...concernIds])
      .where('status', '=', 'open')
      .execute(),
    list.db
      .selectFrom('safeguarding_huddle_reviews')
      .select(['concern_id', (eb) => eb.fn.max<string>('held_on').as('last')])
      .where('concern_id', 'in', [...concernIds])
      .groupBy('concern_id')
      .execute(),
  ]);
  for (const a of actions) {
    const f = a.concern_id ? facts.get(a.concern_id) : undefined;
    if (!f) continue;
    f.open += 1;
    if (a.due_date < today) f.overdue += 1;
  }
  for (const h of huddles) {
    const f = facts.get(h.concern_id);
    if (f) f.lastHuddleOn = h.last;
  }
  return facts;
}

/** Where a worklist source starts (see work/work-cursor.ts). */
export type ActionBound = KeysetBound;

/** Open protective actions a member of staff owns, soonest due first, after a keyset bound. */
export async function findActionsOwned(
  list: ListAccess,
  staffId: string,
  bound: ActionBound | null,
  limit: number,
): Promise<{ id: string; due: string; personId: string; detail: string }[]> {
  let q = list.db
    .selectFrom('safeguarding_actions')
    .select(['id', 'due_at', 'person_id', 'description'])
    .where('owner_staff_id', '=', staffId)
    .where('status', '=', 'open');
  q = q.where(afterKeyset('due_at', 'id', bound));
  const rows = await q.orderBy('due_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, due: r.due_at, personId: r.person_id, detail: r.description }));
}

/** How many open protective actions a member of staff owns, and how many are overdue. */
export async function countActionsOwned(
  list: ListAccess,
  staffId: string,
  nowIso: string,
): Promise<[number, number]> {
  const row = await list.db
    .selectFrom('safeguarding_actions')
    .select((eb) => [
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>(eb.case().when('due_at', '<', nowIso).then(1).else(0).end()).as('overdue'),
    ])
    .where('owner_staff_id', '=', staffId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return [Number(row?.total ?? 0), Number(row?.overdue ?? 0)];
}

/** A member of staff as a safeguarding contact or action owner. */
export interface StaffContactRow {
  id: string;
  display_name: string;
  job_title: string;
  email: string | null;
  organisation_id: string;
  organisation_name: string;
  active: number;
}

/** Staff by id, with their organisation's name (directory tables, open to any caller). */
export async function findStaffContacts(
  db: Db,
  staffIds: readonly string[],
): Promise<Map<string, StaffContactRow>> {
  const ids = [...new Set(staffIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff')
    .innerJoin('organisations', 'organisations.id', 'staff.organisation_id')
    .select([
      'staff.id',
      'staff.display_name',
      'staff.job_title',
      'staff.email',
      'staff.organisation_id',
      'organisations.name as organisation_name',
      'staff.active',
    ])
    .where('staff.id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Organisation names by id. */
export async function findOrganisationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether a member of staff holds a role. */
export async function staffHoldsRole(db: Db, staffId: string, role: string): Promise<boolean> {
  const row = await db
    .selectFrom('staff_roles')
    .select('staff_id')
    .where('staff_id', '=', staffId)
    .where('role', '=', role)
    .executeTakeFirst();
  return row !== undefined;
}

/** The teams each member of staff belongs to (an open table: who is in which team). */
export async function findTeamsOfStaff(db: Db, staffIds: readonly string[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(staffIds)];
  const teams = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return teams;
  const rows = await db
    .selectFrom('staff_teams')
    .select(['staff_id', 'team_id'])
    .where('staff_id', 'in', ids)
    .execute();
  for (const r of rows) teams.get(r.staff_id)?.push(r.team_id);
  return teams;
}
