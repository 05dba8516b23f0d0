import type { CareTeamRole, DataCategory } from '../../../contracts/enums.ts';
import type { CareTeamMember, PersonSummary, RecordEntry } from '../../../contracts/people.ts';
import type { Db } from '../../db/database.ts';
import { containsText } from '../../db/text-search.ts';
import type { PersonRow } from './people.tables.ts';

/** Who is asking, reduced to what decides involvement. */
export interface InvolvementKey {
  staffId: string;
  organisationId: string;
  teamIds: readonly string[];
}

/**
 * The people an actor is actively involved with on a date: a care-team membership naming them
 * or one of their teams, inside its dates. This is the caseload; nothing else is listed.
 */
export async function findCaseload(
  db: Db,
  who: InvolvementKey,
  today: string,
  filter: { q?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: PersonSummary[]; total: number }> {
  const involved = db
    .selectFrom('care_team_memberships')
    .select('person_id')
    .where((eb) =>
      eb.or([
        eb('staff_id', '=', who.staffId),
        ...(who.teamIds.length > 0 ? [eb('team_id', 'in', [...who.teamIds])] : []),
      ]),
    )
    // Involvement counts at the caller's own organisation only, as the decision function's rule 3 does.
    .where('organisation_id', '=', who.organisationId)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]));
  let query = db.selectFrom('people').where('id', 'in', involved);
  const q = filter.q?.trim();
  if (q) {
    const digits = q.replace(/\s+/g, '');
    query = /^\d{3,10}$/.test(digits)
      ? query.where('nhs_number', 'like', `${digits}%`)
      : query.where((eb) => eb.or([containsText('family_name', q), containsText('given_name', q)]));
  }
  const [rows, count] = await Promise.all([
    query
      .select(['id', 'nhs_number', 'given_name', 'family_name', 'date_of_birth', 'postcode'])
      .orderBy('family_name')
      .orderBy('given_name')
      .orderBy('id')
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
    })),
    total: Number(count.n),
  };
}

/** A person row by id, or undefined. */
export function findPerson(db: Db, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every care-team membership of a person, current and past, with names. */
export async function findCareTeam(db: Db, personId: string, today: string): Promise<CareTeamMember[]> {
  const rows = await db
    .selectFrom('care_team_memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('staff as s', 's.id', 'm.staff_id')
    .leftJoin('teams as t', 't.id', 'm.team_id')
    .select([
      'm.id',
      'm.staff_id',
      's.display_name as staff_name',
      'm.team_id',
      't.name as team_name',
      'm.organisation_id',
      'o.name as organisation_name',
      'm.role',
      'm.start_date',
      'm.end_date',
    ])
    .where('m.person_id', '=', personId)
    .orderBy('m.start_date', 'desc')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    staffName: r.staff_name,
    teamId: r.team_id,
    teamName: r.team_name,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    role: r.role as CareTeamRole,
    startDate: r.start_date,
    endDate: r.end_date,
    current: r.start_date <= today && (r.end_date === null || r.end_date >= today),
  }));
}

/** The current version of each of a person's record entries, newest first. */
export async function findEntries(db: Db, personId: string): Promise<RecordEntry[]> {
  const rows = await db
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
    .where('e.person_id', '=', personId)
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

/** Every version of one entry, oldest first. */
export async function findEntryVersions(db: Db, entryId: string) {
  return db
    .selectFrom('record_entry_versions as v')
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
    .orderBy('v.version')
    .execute();
}

/** The id of the person with this NHS number, if any (matching an incoming document to the index). */
export async function findPersonIdByNhsNumber(db: Db, nhsNumber: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('nhs_number', '=', nhsNumber)
    .executeTakeFirst();
  return row?.id;
}
