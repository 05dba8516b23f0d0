/**
 * The crisis line's search of the person index: by date of birth (indexed) and name, for a duty
 * worker's emergency standing only, a handful of matches at most.
 */
import type { ListAccess } from '../access/index.ts';

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
