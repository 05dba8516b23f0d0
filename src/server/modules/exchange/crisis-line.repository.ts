/**
 * The crisis line's search of the person index: by date of birth (indexed) and name, for a duty
 * worker's emergency standing only, a handful of matches at most.
 */
import type { SystemAccess } from '../../db/system-db.ts';
import type { ListAccess, PersonWrite } from '../access/index.ts';
import type { CrisisInterimDecisionRow } from './exchange.tables.ts';

/** A person matching the search, with what a duty worker needs to tell them apart. */
export interface CrisisMatchRow {
  readonly nhs_number: string;
  readonly given_name: string;
  readonly family_name: string;
  readonly date_of_birth: string;
  readonly postcode: string | null;
  readonly id: string;
}

/** People born on the date whose family name (and given name, when given) match, ignoring case. */
export async function findByNameAndBirth(
  list: ListAccess,
  familyName: string,
  givenName: string | undefined,
  dateOfBirth: string,
  limit: number,
): Promise<CrisisMatchRow[]> {
  let query = list.db
    .selectFrom('people')
    .select(['id', 'nhs_number', 'given_name', 'family_name', 'date_of_birth', 'postcode'])
    .where('date_of_birth', '=', dateOfBirth)
    .where((eb) => eb(eb.fn('lower', ['family_name']), '=', familyName.toLowerCase()));
  if (givenName !== undefined)
    query = query.where((eb) => eb(eb.fn('lower', ['given_name']), '=', givenName.toLowerCase()));
  return query.orderBy('family_name').orderBy('id').limit(limit).execute();
}

/** Records an interim decision about the person the write was decided for. */
export async function insertInterimDecision(
  write: PersonWrite,
  row: CrisisInterimDecisionRow,
): Promise<void> {
  await write.db
    .insertInto('crisis_interim_decisions')
    .values({ ...row, person_id: write.personId })
    .execute();
}

/** Interim decisions not yet delivered whose delivery time has come, oldest first (a job's read). */
export async function findDueInterimDecisions(
  system: SystemAccess,
  now: string,
  limit: number,
): Promise<CrisisInterimDecisionRow[]> {
  return system.db
    .selectFrom('crisis_interim_decisions')
    .selectAll()
    .where('handover_id', 'is', null)
    .where('deliver_at', '<=', now)
    .orderBy('deliver_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks a decision delivered by a handover, only once: true when this call marked it. */
export async function markInterimDelivered(
  system: SystemAccess,
  id: string,
  handoverId: string,
): Promise<boolean> {
  const done = await system.db
    .updateTable('crisis_interim_decisions')
    .set({ handover_id: handoverId })
    .where('id', '=', id)
    .where('handover_id', 'is', null)
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** The person's care coordinator on a day, if they have one. */
export async function findCareCoordinator(
  system: SystemAccess,
  personId: string,
  today: string,
): Promise<string | undefined> {
  const row = await system.db
    .selectFrom('care_team_memberships')
    .select('staff_id')
    .where('person_id', '=', personId)
    .where('role', '=', 'CARE_COORDINATOR')
    .where('staff_id', 'is not', null)
    .where('start_date', '<=', today)
    .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>=', today)]))
    .orderBy('start_date', 'desc')
    .executeTakeFirst();
  return row?.staff_id ?? undefined;
}
