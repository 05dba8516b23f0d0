/**
 * Queries of the people module's governed tables: people, care-team memberships and record
 * entries. Every function takes a value the access door made (db/governed.ts explains why), and
 * reads only the person that value was decided for.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type { PersonSummary, RecordEntry } from '../../../contracts/people.ts';
import { containsText } from '../../db/text-search.ts';
import type { ListAccess, NewPersonWrite, PersonScope, PersonWrite } from '../access/index.ts';

import type { PersonRow } from './people.tables.ts';

/** A caseload row: the person's header and whether the caller is named on their care team. */
export interface CaseloadRow extends PersonSummary {
  readonly namedOnCareTeam: boolean;
}

/**
 * The people the caller is actively involved with today: a care-team membership at their own
 * organisation naming them or one of their teams, inside its dates. The page is driven from the
 * memberships (indexed by staff and by team), so its cost follows the caseload, not the
 * population; people the caller is named on come first.
 */
export async function findCaseload(
  list: ListAccess,
  filter: { q?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: CaseloadRow[]; total: number }> {
  const { db, today } = list;
  const involved = db
    .selectFrom('care_team_memberships')
    .select('person_id')
    .select((eb) =>
      eb.fn.max(eb.case().when('staff_id', '=', list.staffId).then(1).else(0).end()).as('named'),
    )
    .where((eb) =>
      eb.or([
        eb('staff_id', '=', list.staffId),
        ...(list.teamIds.length > 0 ? [eb('team_id', 'in', [...list.teamIds])] : []),
      ]),
    )
    // Involvement counts at the caller's own organisation only, as the decision function's rule 3 does.
    .where('organisation_id', '=', list.organisationId)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .groupBy('person_id');
  let query = db.selectFrom(involved.as('c')).innerJoin('people as p', 'p.id', 'c.person_id');
  const q = filter.q?.trim();
  if (q) {
    const digits = q.replace(/\s+/g, '');
    query = /^\d{3,10}$/.test(digits)
      ? query.where('p.nhs_number', 'like', `${digits}%`)
      : query.where((eb) => eb.or([containsText('p.family_name', q), containsText('p.given_name', q)]));
  }
  const [rows, count] = await Promise.all([
    query
      .select([
        'p.id',
        'p.nhs_number',
        'p.given_name',
        'p.family_name',
        'p.date_of_birth',
        'p.postcode',
        'c.named',
      ])
      .orderBy('c.named', 'desc')
      .orderBy('p.family_name')
      .orderBy('p.given_name')
      .orderBy('p.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      nhsNumber: r.nhs_number,
      givenName: r.given_name,
      familyName: r.family_name,
      dateOfBirth: r.date_of_birth,
      postcode: r.postcode,
      namedOnCareTeam: Number(r.named) === 1,
    })),
    total: Number(count.n),
  };
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

/** The current version of each of the person's record entries, newest first. */
export async function findEntries(read: PersonScope): Promise<RecordEntry[]> {
  const rows = await read.db
    .selectFrom('record_entries as e')
    .innerJoin('record_entry_versions as v', (join) =>
      join.onRef('v.entry_id', '=', 'e.id').onRef('v.version', '=', 'e.current_version'),
    )
    .innerJoin('organisations as o', 'o.id', 'e.organisation_id')
    .innerJoin('staff as a', 'a.id', 'v.author_id')
    .select([
      'e.id',
      'e.category',
      'e.organisation_id',
      'o.name as organisation_name',
      'e.current_version',
      'v.title',
      'v.body',
      'a.display_name as author_name',
      'v.recorded_at',
      'e.created_at',
    ])
    .where('e.person_id', '=', read.personId)
    .orderBy('v.recorded_at', 'desc')
    .orderBy('e.id')
    .execute();
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
