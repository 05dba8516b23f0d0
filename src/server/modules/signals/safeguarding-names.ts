/** Names of the staff and organisations a safeguarding page shows, loaded once per page. */
import type { Db } from '../../db/database.ts';
import type { Names } from './safeguarding.presenter.ts';
import { findOrganisationNames, findStaffContacts } from './safeguarding.repository.ts';

/** Loads staff (with their organisations) and organisation names by id. */
export async function loadNames(
  db: Db,
  staffIds: readonly string[],
  organisationIds: readonly string[],
): Promise<Names> {
  const [staff, organisations] = await Promise.all([
    findStaffContacts(db, staffIds),
    findOrganisationNames(db, organisationIds),
  ]);
  return { staff, organisations };
}
