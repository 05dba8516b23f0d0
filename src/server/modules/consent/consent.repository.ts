/** Queries over consent versions, review tasks and lawful exceptions. */
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { StaffRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import { columnList, precompiled } from '../../db/precompiled.ts';
import { ConflictError } from '../../http/errors.ts';
import type { GovernedAccess, ListAccess, PersonHandle, PersonWrite } from '../access/index.ts';
import type { ConsentReviewTaskRow, ConsentRow, LawfulExceptionRow } from './consent.tables.ts';

/** A consent version with the name of who captured it. */
export type ConsentRowWithName = ConsentRow & { captured_by_name: string };
/** A review task with the assignee's name. */
export type ReviewTaskRowWithName = ConsentReviewTaskRow & { assigned_to_name: string | null };
/** A lawful exception with the names it refers to. */
export type LawfulExceptionRowWithNames = LawfulExceptionRow & {
  decided_by_name: string;
  recipient_org_name: string | null;
};

// Read on every decision about a person: written once as SQL, not built per request (db/precompiled.ts).
const currentConsentQuery = precompiled<ConsentRow>(
  `select ${columnList<ConsentRow>()([
    'id',
    'person_id',
    'version',
    'change',
    'status',
    'capacity',
    'best_interests_decision',
    'decision_maker',
    'explanation',
    'captured_by',
    'captured_by_org_id',
    'captured_at',
    'recorded_by',
    'recorded_at',
    'review_date',
    'review_due',
    'review_due_reason',
    'superseded_at',
    'superseded_by',
    'provisions',
  ])} from consents where "person_id" = ? and "superseded_at" is null`,
);
const liveExceptionsQuery = precompiled<LawfulExceptionRow>(
  `select ${columnList<LawfulExceptionRow>()([
    'id',
    'person_id',
    'ground',
    'article6',
    'article9',
    'common_law',
    'recipient_org_id',
    'categories',
    'valid_from',
    'valid_until',
    'rationale',
    'decided_by',
    'decided_by_org_id',
    'decided_at',
  ])} from lawful_exceptions where "person_id" = ? and ("valid_until" is null or "valid_until" > ?)`,
);

/** The version of a person's consent in force (not superseded), if any. */
export async function findCurrentConsent(person: PersonHandle): Promise<ConsentRow | undefined> {
  return (await currentConsentQuery(person.db, [person.personId]))[0];
}

/** Every version of a person's consent, newest first. */
export function findConsentHistory(person: PersonHandle): Promise<ConsentRowWithName[]> {
  return person.db
    .selectFrom('consents as c')
    .innerJoin('staff as s', 's.id', 'c.captured_by')
    .selectAll('c')
    .select('s.display_name as captured_by_name')
    .where('c.person_id', '=', person.personId)
    .orderBy('c.version', 'desc')
    .execute();
}

/** The fields of a new version; id, version and supersession are filled in by `appendConsentVersion`. */
export type NewConsentVersion = Omit<ConsentRow, 'id' | 'version' | 'superseded_at' | 'superseded_by'>;

/**
 * Adds a version of a person's consent and marks the previous one superseded, in the caller's
 * transaction. The previous version is matched on "still current" so two concurrent changes cannot
 * both succeed: the second is refused as a conflict rather than overwriting the first.
 */
export async function appendConsentVersion(
  write: PersonWrite,
  previous: ConsentRow | undefined,
  next: NewConsentVersion,
): Promise<ConsentRow> {
  const id = crypto.randomUUID();
  if (previous) {
    const result = await write.db
      .updateTable('consents')
      .set({ superseded_at: next.recorded_at, superseded_by: id })
      .where('id', '=', previous.id)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1)
      throw new ConflictError('The consent changed meanwhile; reload and try again.');
  }
  const row: ConsentRow = {
    ...next,
    id,
    version: (previous?.version ?? 0) + 1,
    superseded_at: null,
    superseded_by: null,
  };
  await write.db
    .insertInto('consents')
    .values({ ...row, person_id: write.personId })
    .execute();
  return row;
}

/** True when the person's consent was captured, withdrawn or refused at or after an instant. */
export async function hasDecisionSince(person: PersonHandle, since: string): Promise<boolean> {
  const row = await person.db
    .selectFrom('consents')
    .select('id')
    .where('person_id', '=', person.personId)
    .where('change', 'in', ['CAPTURE', 'WITHDRAW', 'REFUSE'])
    .where('recorded_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

/** Open review tasks for a person, oldest first, with the assignee's name. */
export function findOpenTasks(person: PersonHandle): Promise<ReviewTaskRowWithName[]> {
  return person.db
    .selectFrom('consent_review_tasks as t')
    .leftJoin('staff as s', 's.id', 't.assigned_to')
    .selectAll('t')
    .select('s.display_name as assigned_to_name')
    .where('t.person_id', '=', person.personId)
    .where('t.status', '=', 'open')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .execute();
}

/** Open review tasks assigned to a member of staff, oldest first. */
export function findOpenTasksAssignedTo(
  access: GovernedAccess,
  staffId: string,
): Promise<ReviewTaskRowWithName[]> {
  return access.db
    .selectFrom('consent_review_tasks as t')
    .leftJoin('staff as s', 's.id', 't.assigned_to')
    .selectAll('t')
    .select('s.display_name as assigned_to_name')
    .where('t.assigned_to', '=', staffId)
    .where('t.status', '=', 'open')
    .orderBy('t.created_at')
    .orderBy('t.id')
    .limit(500)
    .execute();
}

/** A review task by id with the assignee's name. */
export function findTask(access: GovernedAccess, taskId: string): Promise<ReviewTaskRowWithName | undefined> {
  return access.db
    .selectFrom('consent_review_tasks as t')
    .leftJoin('staff as s', 's.id', 't.assigned_to')
    .selectAll('t')
    .select('s.display_name as assigned_to_name')
    .where('t.id', '=', taskId)
    .executeTakeFirst();
}

/** Marks open tasks done; returns how many were closed. */
export async function closeTasks(
  write: PersonWrite,
  taskIds: readonly string[],
  outcome: string,
  staffId: string,
  at: string,
): Promise<number> {
  if (taskIds.length === 0) return 0;
  const result = await write.db
    .updateTable('consent_review_tasks')
    .set({ status: 'done', outcome, completed_at: at, completed_by: staffId })
    .where('id', 'in', [...taskIds])
    .where('status', '=', 'open')
    .where('person_id', '=', write.personId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The member of staff coordinating the person's care today: the most recent current
 * CARE_COORDINATOR membership that names a person (a team cannot be assigned a task).
 */
export async function findCareCoordinator(person: PersonHandle, today: string): Promise<string | null> {
  const row = await person.db
    .selectFrom('care_team_memberships')
    .select('staff_id')
    .where('person_id', '=', person.personId)
    .where('role', '=', 'CARE_COORDINATOR')
    .where('staff_id', 'is not', null)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row?.staff_id ?? null;
}

function exceptionsWithNames(access: GovernedAccess) {
  return access.db
    .selectFrom('lawful_exceptions as e')
    .innerJoin('staff as s', 's.id', 'e.decided_by')
    .leftJoin('organisations as o', 'o.id', 'e.recipient_org_id')
    .selectAll('e')
    .select(['s.display_name as decided_by_name', 'o.name as recipient_org_name']);
}

/** Lawful exceptions recorded for a person, newest first, with names. */
export function findLawfulExceptions(person: PersonHandle): Promise<LawfulExceptionRowWithNames[]> {
  return exceptionsWithNames(person)
    .where('e.person_id', '=', person.personId)
    .orderBy('e.decided_at', 'desc')
    .orderBy('e.id')
    .execute();
}

/** Lawful exceptions by id, with names. */
export function findLawfulExceptionsById(
  access: GovernedAccess,
  ids: readonly string[],
): Promise<LawfulExceptionRowWithNames[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return exceptionsWithNames(access)
    .where('e.id', 'in', [...ids])
    .execute();
}

/** Organisations by id (those that exist), for names and validation. */
export async function findOrganisations(
  db: Db,
  ids: readonly string[],
): Promise<{ id: string; name: string; type: string }[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'type'])
    .where('id', 'in', unique)
    .orderBy('name')
    .execute();
}

/** The care coordinator of a person named by id, for work with no decided person handle (timers). */
export async function findCareCoordinatorOf(
  access: GovernedAccess,
  personId: string,
  today: string,
): Promise<string | null> {
  const row = await access.db
    .selectFrom('care_team_memberships')
    .select('staff_id')
    .where('person_id', '=', personId)
    .where('role', '=', 'CARE_COORDINATOR')
    .where('staff_id', 'is not', null)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('start_date', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return row?.staff_id ?? null;
}

/** Lawful exceptions of the person not yet expired at an instant. */
export function findLiveExceptions(person: PersonHandle, instant: string): Promise<LawfulExceptionRow[]> {
  return liveExceptionsQuery(person.db, [person.personId, instant]);
}

/** The organisations on the person's care team on a date. */
export async function findCareTeamOrganisations(person: PersonHandle, today: string): Promise<string[]> {
  const rows = await person.db
    .selectFrom('care_team_memberships')
    .select('organisation_id')
    .distinct()
    .where('person_id', '=', person.personId)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .execute();
  return rows.map((r) => r.organisation_id);
}

/** Inserts a lawful exception for the person. */
export async function insertLawfulException(write: PersonWrite, row: LawfulExceptionRow): Promise<void> {
  await write.db
    .insertInto('lawful_exceptions')
    .values({ ...row, person_id: write.personId })
    .execute();
}

/** Inserts a review task for the person. */
export async function insertReviewTask(write: PersonWrite, row: ConsentReviewTaskRow): Promise<void> {
  await write.db
    .insertInto('consent_review_tasks')
    .values({ ...row, person_id: write.personId })
    .execute();
}

/**
 * People the caller coordinates today whose consent review date has passed with no review open
 * (at most 200 a call), so their review work is raised before it is listed.
 */
export async function findCoordinatedOverdue(list: ListAccess): Promise<string[]> {
  const rows = await list.db
    .selectFrom('consents as c')
    .innerJoin('care_team_memberships as m', 'm.person_id', 'c.person_id')
    .select('c.person_id')
    .distinct()
    .where('c.superseded_at', 'is', null)
    .where('c.review_date', '<=', list.today)
    .where('m.role', '=', 'CARE_COORDINATOR')
    .where('m.staff_id', '=', list.staffId)
    .where('m.organisation_id', '=', list.organisationId)
    .where('m.start_date', '<=', list.today)
    .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', list.today)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('consent_review_tasks as t')
            .select('t.id')
            .whereRef('t.person_id', '=', 'c.person_id')
            .where('t.status', '=', 'open'),
        ),
      ),
    )
    .limit(200)
    .execute();
  return rows.map((r) => r.person_id);
}

/** The roles held by each organisation's active staff, for saying what their staff would see. */
export async function findRolesByOrganisation(
  db: Db,
  organisationIds: readonly string[],
): Promise<Map<string, StaffRole[]>> {
  const byOrganisation = new Map<string, StaffRole[]>();
  if (organisationIds.length === 0) return byOrganisation;
  const rows = await db
    .selectFrom('staff_roles as r')
    .innerJoin('staff as s', 's.id', 'r.staff_id')
    .select(['s.organisation_id', 'r.role'])
    .distinct()
    .where('s.organisation_id', 'in', [...new Set(organisationIds)])
    .where('s.active', '=', 1)
    .execute();
  for (const r of rows)
    byOrganisation.set(r.organisation_id, [
      ...(byOrganisation.get(r.organisation_id) ?? []),
      r.role as StaffRole,
    ]);
  return byOrganisation;
}

/** A caseload row's consent at a glance: the version in force, if any. */
export interface CaseloadConsentRow {
  readonly person_id: string;
  readonly status: string;
  readonly review_date: string;
  readonly review_due: number;
}

/** The consent in force of each of a list page's people (the rows shown, never more). */
export async function findCurrentConsentsFor(
  list: ListAccess,
  personIds: readonly string[],
): Promise<Map<string, CaseloadConsentRow>> {
  const byPerson = new Map<string, CaseloadConsentRow>();
  if (personIds.length === 0) return byPerson;
  const rows = await list.db
    .selectFrom('consents')
    .select(['person_id', 'status', 'review_date', 'review_due'])
    .where('person_id', 'in', [...personIds])
    .where('superseded_at', 'is', null)
    .execute();
  for (const r of rows) byPerson.set(r.person_id, r);
  return byPerson;
}

/**
 * The condition a caseload filter puts on the person `p` of a list query: their consent in force
 * has this status ('none': no consent recorded), and its review is due by `reviewBy` (flagged due,
 * or the review date on or before it). Read through the current-consent index, one probe a person.
 */
export function caseloadConsentCondition(
  // Only a holder of list standing builds a condition over people.
  _list: ListAccess,
  filter: { status?: string | undefined; reviewBy?: string | undefined },
): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filter.status === 'none') {
    conditions.push(
      sql<SqlBool>`not exists (select 1 from consents c where c.person_id = p.id and c.superseded_at is null)`,
    );
  } else if (filter.status !== undefined) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from consents c where c.person_id = p.id and c.superseded_at is null and c.status = ${filter.status})`,
    );
  }
  if (filter.reviewBy !== undefined) {
    conditions.push(
      sql<SqlBool>`exists (select 1 from consents c where c.person_id = p.id and c.superseded_at is null and (c.review_due = 1 or c.review_date <= ${filter.reviewBy}))`,
    );
  }
  return conditions;
}
