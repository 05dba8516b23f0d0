/**
 * The facts an access decision about one person rests on, loaded once per request by the door
 * and handed on to the service: the person's row, their care team with names, and break-glass
 * grants. One query each, by primary key or the person index.
 */
import type { CareTeamRole } from '../../../contracts/enums.ts';
import type { CareTeamMember } from '../../../contracts/people.ts';
import { columnList, precompiled } from '../../db/precompiled.ts';
import type { PersonRow } from '../people/people.tables.ts';
import type { BreakGlassGrantRow } from './access.tables.ts';
import type { BreakGlassGrantFact, CareTeamMembership } from './access.ts';
import { grantFact } from './break-glass.repository.ts';
import type { FactsAccess, ListAccess, NewPersonWrite } from './door.ts';

/** What the door loaded about a person. */
export interface PersonFacts {
  readonly person: PersonRow | undefined;
  /** Memberships as the decision function reads them. */
  readonly memberships: CareTeamMembership[];
  /** The same memberships, named, as the person page shows them (newest first). */
  readonly careTeam: CareTeamMember[];
  readonly grants: BreakGlassGrantFact[];
}

// Run on every decision about a person, so written once as SQL (db/precompiled.ts): no query is
// built per request. They return exactly what the builder's queries did.
const personQuery = precompiled<PersonRow>(
  `select ${columnList<PersonRow>()([
    'id',
    'nhs_number',
    'given_name',
    'family_name',
    'date_of_birth',
    'phone',
    'email',
    'address',
    'postcode',
    'created_at',
    'updated_at',
  ])} from people where "id" = ?`,
);
const careTeamQuery = precompiled<{
  id: string;
  staff_id: string | null;
  staff_name: string | null;
  staff_job_title: string | null;
  staff_email: string | null;
  team_id: string | null;
  team_name: string | null;
  organisation_id: string;
  organisation_name: string;
  role: string;
  start_date: string;
  end_date: string | null;
}>(
  `select "m"."id", "m"."staff_id", "s"."display_name" as "staff_name", "s"."job_title" as "staff_job_title",
     "s"."email" as "staff_email", "m"."team_id", "t"."name" as "team_name", "m"."organisation_id",
     "o"."name" as "organisation_name", "m"."role", "m"."start_date", "m"."end_date"
   from care_team_memberships as "m"
   inner join "organisations" as "o" on "o"."id" = "m"."organisation_id"
   left join "staff" as "s" on "s"."id" = "m"."staff_id"
   left join "teams" as "t" on "t"."id" = "m"."team_id"
   where "m"."person_id" = ?
   order by "m"."start_date" desc, "m"."id"`,
);
const grantsQuery = precompiled<BreakGlassGrantRow>(
  `select ${columnList<BreakGlassGrantRow>()([
    'id',
    'person_id',
    'staff_id',
    'organisation_id',
    'reason',
    'categories',
    'granted_at',
    'expires_at',
    'ended_at',
  ])} from break_glass_grants where "person_id" = ?`,
);

/** Loads the person, their care team and their break-glass grants. */
export async function loadPersonFacts(facts: FactsAccess, today: string): Promise<PersonFacts> {
  const { db, personId } = facts;
  const [people, rows, grants] = await Promise.all([
    personQuery(db, [personId]),
    careTeamQuery(db, [personId]),
    grantsQuery(db, [personId]),
  ]);
  const person = people[0];
  const memberships: CareTeamMembership[] = [];
  const careTeam: CareTeamMember[] = [];
  for (const r of rows) {
    const role = r.role as CareTeamRole;
    memberships.push({
      id: r.id,
      staffId: r.staff_id,
      teamId: r.team_id,
      organisationId: r.organisation_id,
      role,
      startDate: r.start_date,
      endDate: r.end_date,
    });
    careTeam.push({
      id: r.id,
      staffId: r.staff_id,
      staffName: r.staff_name,
      staffJobTitle: r.staff_job_title,
      staffEmail: r.staff_email,
      teamId: r.team_id,
      teamName: r.team_name,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      role,
      startDate: r.start_date,
      endDate: r.end_date,
      current: r.start_date <= today && (r.end_date === null || r.end_date >= today),
    });
  }
  return { person, memberships, careTeam, grants: grants.map(grantFact) };
}

/** The id of the person holding an NHS number, for emergency access and registration. */
export async function findPersonIdByNhs(
  access: NewPersonWrite,
  nhsNumber: string,
): Promise<string | undefined> {
  const row = await access.db
    .selectFrom('people')
    .select('id')
    .where('nhs_number', '=', nhsNumber)
    .executeTakeFirst();
  return row?.id;
}

/** Care-team memberships of several people at once, by person: the facts of a list's header reads. */
export async function loadMembershipsFor(
  list: ListAccess,
  personIds: readonly string[],
): Promise<Map<string, CareTeamMembership[]>> {
  const byPerson = new Map<string, CareTeamMembership[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await list.db
    .selectFrom('care_team_memberships')
    .select(['id', 'person_id', 'staff_id', 'team_id', 'organisation_id', 'role', 'start_date', 'end_date'])
    .where('person_id', 'in', [...personIds])
    .execute();
  for (const r of rows) {
    const membership: CareTeamMembership = {
      id: r.id,
      staffId: r.staff_id,
      teamId: r.team_id,
      organisationId: r.organisation_id,
      role: r.role as CareTeamRole,
      startDate: r.start_date,
      endDate: r.end_date,
    };
    byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), membership]);
  }
  return byPerson;
}

/** Live break-glass grants of one member of staff among several people, by person. */
export async function loadOwnGrantsFor(
  list: ListAccess,
  personIds: readonly string[],
): Promise<Map<string, BreakGlassGrantFact[]>> {
  const byPerson = new Map<string, BreakGlassGrantFact[]>();
  if (personIds.length === 0) return byPerson;
  const rows = await list.db
    .selectFrom('break_glass_grants')
    .selectAll()
    .where('person_id', 'in', [...personIds])
    .where('staff_id', '=', list.staffId)
    .execute();
  for (const r of rows) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), grantFact(r)]);
  return byPerson;
}
