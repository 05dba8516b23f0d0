/**
 * Queries of the people module's governed tables: people, care-team memberships and record
 * entries. Every function takes a value the access door made (db/governed.ts explains why), and
 * reads only the person that value was decided for.
 */
import { type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { DataCategory } from '../../../contracts/enums.ts';
import type { PersonSummary, RecordEntry } from '../../../contracts/people.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { Tables } from '../../db/tables.ts';
import { containsText } from '../../db/text-search.ts';
import type { ListAccess, NewPersonWrite, PersonScope, PersonWrite } from '../access/index.ts';

import type { PersonRow } from './people.tables.ts';

/** Which part of a caseload: people the caller is named on, or their teams' other people. */
export type CaseloadSection = 'named' | 'team';

/** What narrows a caseload: a search term and conditions from other modules over the person `p`. */
export interface CaseloadFilter {
  readonly q?: string | undefined;
  readonly conditions?: readonly RawBuilder<SqlBool>[];
}

type CaseloadQuery = SelectQueryBuilder<Tables & { p: PersonRow }, 'p', object>;

/** A live care-team membership of the person `p` at the caller's organisation, as decision rule 3 counts it. */
function liveMembership(list: ListAccess, who: 'named' | 'team') {
  return (eb: ExpressionBuilder<Tables & { p: PersonRow }, 'p'>) =>
    eb.exists(
      eb
        .selectFrom('care_team_memberships as m')
        .select('m.id')
        .whereRef('m.person_id', '=', 'p.id')
        .where('m.organisation_id', '=', list.organisationId)
        .where((m) =>
          who === 'named' ? m('m.staff_id', '=', list.staffId) : m('m.team_id', 'in', [...list.teamIds]),
        )
        .where('m.start_date', '<=', list.today)
        .where((m) => m.or([m('m.end_date', 'is', null), m('m.end_date', '>=', list.today)])),
    );
}

/**
 * Below this many people a section is read from its memberships, above it by walking the name order.
 * Either way the section's conditions are the same; the id list only tells the engine where to start.
 */
const SPARSE_SECTION_LIMIT = 500;

const sparseIdsByList = new WeakMap<ListAccess, Map<CaseloadSection, Promise<string[] | null>>>();

/**
 * Sections found larger than SPARSE_SECTION_LIMIT, and until when that finding is used: a large
 * caseload is walked in name order without reading its first 501 memberships again on every page.
 * Only "large" is remembered, never a list of ids, so a finding gone stale costs speed, not rows:
 * the walk applies the section's full conditions.
 */
const largeSections = new Map<string, number>();
const LARGE_SECTION_MEMORY_MS = 60_000;
const LARGE_SECTIONS_KEPT = 10_000;

function sectionKey(list: ListAccess, section: CaseloadSection): string {
  const who = section === 'named' ? list.staffId : [...list.teamIds].sort().join(',');
  return `${list.organisationId}|${section}|${who}|${list.today}`;
}

function rememberLarge(key: string): void {
  if (largeSections.size >= LARGE_SECTIONS_KEPT) largeSections.clear();
  largeSections.set(key, Date.now() + LARGE_SECTION_MEMORY_MS);
}

function knownLarge(key: string): boolean {
  const until = largeSections.get(key);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  largeSections.delete(key);
  return false;
}

/**
 * The people a section's live memberships name, when there are at most SPARSE_SECTION_LIMIT of them
 * (else null), read over the covering (staff or team, person, organisation, dates) indexes. A
 * caller with a small caseload, or none, then pays for their caseload, not for walking the
 * partnership's people in name order until the page fills. Read once per list and section, and
 * not at all for a while after the section was found large.
 */
function sparseSectionIds(list: ListAccess, section: CaseloadSection): Promise<string[] | null> {
  let bySection = sparseIdsByList.get(list);
  if (!bySection) {
    bySection = new Map();
    sparseIdsByList.set(list, bySection);
  }
  const known = bySection.get(section);
  if (known) return known;
  const load = (async () => {
    if (section === 'team' && list.teamIds.length === 0) return [];
    const key = sectionKey(list, section);
    if (knownLarge(key)) return null;
    const rows = await list.db
      .selectFrom('care_team_memberships as m')
      .select('m.person_id')
      .distinct()
      .where((m) =>
        section === 'named' ? m('m.staff_id', '=', list.staffId) : m('m.team_id', 'in', [...list.teamIds]),
      )
      .where('m.organisation_id', '=', list.organisationId)
      .where('m.start_date', '<=', list.today)
      .where((m) => m.or([m('m.end_date', 'is', null), m('m.end_date', '>=', list.today)]))
      .limit(SPARSE_SECTION_LIMIT + 1)
      .execute();
    if (rows.length <= SPARSE_SECTION_LIMIT) return rows.map((r) => r.person_id);
    rememberLarge(key);
    return null;
  })();
  bySection.set(section, load);
  return load;
}

/** People in a section of the caseload, narrowed by the filter; not ordered. */
async function caseloadSection(list: ListAccess, section: CaseloadSection, filter: CaseloadFilter) {
  let query: CaseloadQuery = list.db.selectFrom('people as p');
  const sparse = await sparseSectionIds(list, section);
  if (sparse !== null)
    query = sparse.length > 0 ? query.where('p.id', 'in', sparse) : query.where(sql<SqlBool>`1 = 0`);
  const teams = list.teamIds.length > 0;
  if (section === 'named') query = query.where(liveMembership(list, 'named'));
  else
    query = teams
      ? query.where(liveMembership(list, 'team')).where((eb) => eb.not(liveMembership(list, 'named')(eb)))
      : query.where(sql<SqlBool>`1 = 0`);
  const q = filter.q?.trim();
  if (q) {
    const digits = q.replace(/\s+/g, '');
    query = /^\d{3,10}$/.test(digits)
      ? query.where('p.nhs_number', 'like', `${digits}%`)
      : query.where((eb) => eb.or([containsText('p.family_name', q), containsText('p.given_name', q)]));
  }
  for (const condition of filter.conditions ?? []) query = query.where(condition);
  return query;
}

/**
 * A page of one section of the caller's caseload, in name order. The query walks the people in
 * name order (an index holds the whole order) and keeps each with a live care-team membership at
 * the caller's organisation naming them or one of their teams, stopping once the page is full: its
 * cost follows the page and its offset, not the population.
 */
export async function findCaseloadSection(
  list: ListAccess,
  section: CaseloadSection,
  filter: CaseloadFilter,
  page: { limit: number; offset: number },
): Promise<PersonSummary[]> {
  const rows = await (await caseloadSection(list, section, filter))
    .select(['p.id', 'p.nhs_number', 'p.given_name', 'p.family_name', 'p.date_of_birth', 'p.postcode'])
    .orderBy('p.family_name')
    .orderBy('p.given_name')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nhsNumber: r.nhs_number,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
  }));
}

async function countSection(
  list: ListAccess,
  section: CaseloadSection,
  filter: CaseloadFilter,
  upTo: number,
): Promise<number> {
  const probe = (await caseloadSection(list, section, filter)).select('p.id').limit(upTo + 1);
  const row = await list.db
    .selectFrom(probe.as('c'))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * How many people a section of the caseload holds, counting no further than `upTo`: a count past
 * it returns `upTo + 1`, so a large caseload costs a bounded probe, never the whole population.
 * The whole caseload is counted as its two sections, each one plain EXISTS, so neither engine
 * plans an OR of subqueries over every membership.
 */
export async function countCaseload(
  list: ListAccess,
  section: CaseloadSection | 'all',
  filter: CaseloadFilter,
  upTo: number,
): Promise<number> {
  if (section !== 'all') return countSection(list, section, filter, upTo);
  const named = await countSection(list, 'named', filter, upTo);
  if (named > upTo) return named;
  return named + (await countSection(list, 'team', filter, upTo - named));
}

/** The headers (names, NHS number, date of birth) of people a list may show. */
export async function findHeaders(list: ListAccess, personIds: readonly string[]): Promise<PersonSummary[]> {
  if (personIds.length === 0) return [];
  const rows = await list.db
    .selectFrom('people')
    .select(['id', 'nhs_number', 'given_name', 'family_name', 'date_of_birth', 'postcode'])
    .where('id', 'in', [...personIds])
    .execute();
  return rows.map((r) => ({
    id: r.id,
    nhsNumber: r.nhs_number,
    givenName: r.given_name,
    familyName: r.family_name,
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
  }));
}

// Read on every view of a person's record: written once as SQL, not built per request (db/precompiled.ts).
const entriesQuery = precompiled<{
  id: string;
  category: string;
  organisation_id: string;
  organisation_name: string;
  current_version: number;
  title: string;
  body: string;
  author_name: string;
  recorded_at: string;
  created_at: string;
}>(
  `select "e"."id", "e"."category", "e"."organisation_id", "o"."name" as "organisation_name",
     "e"."current_version", "v"."title", "v"."body", "a"."display_name" as "author_name",
     "v"."recorded_at", "e"."created_at"
   from record_entries as "e"
   inner join record_entry_versions as "v" on "v"."entry_id" = "e"."id" and "v"."version" = "e"."current_version"
   inner join "organisations" as "o" on "o"."id" = "e"."organisation_id"
   inner join "staff" as "a" on "a"."id" = "v"."author_id"
   where "e"."person_id" = ?
   order by "v"."recorded_at" desc, "e"."id"`,
);

/** The current version of each of the person's record entries, newest first. */
export async function findEntries(read: PersonScope): Promise<RecordEntry[]> {
  const rows = await entriesQuery(read.db, [read.personId]);
  return rows.map((r) => ({
    id: r.id,
    category: r.category as DataCategory,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    version: r.current_version,
    title: r.title,
    body: r.body,
    authorName: r.author_name,
    recordedAt: r.recorded_at,
    createdAt: r.created_at,
    amended: r.current_version > 1,
  }));
}

/** One of the person's entries: its category, owner and current version, or undefined. */
export function findEntry(
  read: PersonScope,
  entryId: string,
): Promise<{ category: string; organisation_id: string; current_version: number } | undefined> {
  return read.db
    .selectFrom('record_entries')
    .select(['category', 'organisation_id', 'current_version'])
    .where('id', '=', entryId)
    .where('person_id', '=', read.personId)
    .executeTakeFirst();
}

/** Every version of one of the person's entries, oldest first. */
export function findEntryVersions(read: PersonScope, entryId: string) {
  return read.db
    .selectFrom('record_entry_versions as v')
    .innerJoin('record_entries as e', 'e.id', 'v.entry_id')
    .innerJoin('staff as a', 'a.id', 'v.author_id')
    .select([
      'v.version',
      'v.title',
      'v.body',
      'a.display_name as author_name',
      'v.recorded_at',
      'v.amendment_reason',
    ])
    .where('v.entry_id', '=', entryId)
    .where('e.person_id', '=', read.personId)
    .orderBy('v.version')
    .execute();
}

/** Inserts a new entry with its first version. */
export async function insertEntry(
  write: PersonWrite,
  entry: { id: string; category: DataCategory; organisationId: string; authorId: string; at: string },
  content: { title: string; body: string },
): Promise<void> {
  await write.db
    .insertInto('record_entries')
    .values({
      id: entry.id,
      person_id: write.personId,
      category: entry.category,
      organisation_id: entry.organisationId,
      current_version: 1,
      created_at: entry.at,
      created_by: entry.authorId,
      updated_at: entry.at,
    })
    .execute();
  await write.db
    .insertInto('record_entry_versions')
    .values({
      entry_id: entry.id,
      version: 1,
      title: content.title,
      body: content.body,
      author_id: entry.authorId,
      recorded_at: entry.at,
      amendment_reason: null,
    })
    .execute();
}

/**
 * Adds a version to an entry, guarded by the version the amendment was based on: false when the
 * entry changed meanwhile (or is not this person's), and nothing is written then.
 */
export async function appendEntryVersion(
  write: PersonWrite,
  entryId: string,
  basedOn: number,
  version: { title: string; body: string; authorId: string; at: string; reason: string },
): Promise<boolean> {
  const result = await write.db
    .updateTable('record_entries')
    .set({ current_version: basedOn + 1, updated_at: version.at })
    .where('id', '=', entryId)
    .where('person_id', '=', write.personId)
    .where('current_version', '=', basedOn)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await write.db
    .insertInto('record_entry_versions')
    .values({
      entry_id: entryId,
      version: basedOn + 1,
      title: version.title,
      body: version.body,
      author_id: version.authorId,
      recorded_at: version.at,
      amendment_reason: version.reason,
    })
    .execute();
  return true;
}

/** The id of the person holding an NHS number, if registered. */
export async function findPersonIdByNhsNumber(
  write: NewPersonWrite,
  nhsNumber: string,
): Promise<string | undefined> {
  const row = await write.db
    .selectFrom('people')
    .select('id')
    .where('nhs_number', '=', nhsNumber)
    .executeTakeFirst();
  return row?.id;
}

/** Inserts a newly registered person with the registering member of staff on their care team. */
export async function insertPerson(
  write: NewPersonWrite,
  person: PersonRow,
  membership: { id: string; staffId: string; organisationId: string; role: string; startDate: string },
): Promise<void> {
  await write.db.insertInto('people').values(person).execute();
  await write.db
    .insertInto('care_team_memberships')
    .values({
      id: membership.id,
      person_id: person.id,
      staff_id: membership.staffId,
      team_id: null,
      organisation_id: membership.organisationId,
      role: membership.role,
      start_date: membership.startDate,
      end_date: null,
      created_at: person.created_at,
      created_by: membership.staffId,
      updated_at: person.created_at,
    })
    .execute();
}

/** How many entries of a category each organisation holds for the person, with its name. */
export async function countEntriesByOwner(
  read: PersonScope,
  category: DataCategory,
): Promise<{ organisation_id: string; name: string; n: number }[]> {
  const rows = await read.db
    .selectFrom('record_entries')
    .innerJoin('organisations', 'organisations.id', 'record_entries.organisation_id')
    .select([
      'record_entries.organisation_id',
      'organisations.name',
      (eb) => eb.fn.countAll<number>().as('n'),
    ])
    .where('record_entries.person_id', '=', read.personId)
    .where('record_entries.category', '=', category)
    .groupBy(['record_entries.organisation_id', 'organisations.name'])
    .execute();
  return rows.map((r) => ({ organisation_id: r.organisation_id, name: r.name, n: Number(r.n) }));
}
