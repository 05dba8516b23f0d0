import type { Kysely } from 'kysely';

/**
 * The caseload pages over people in name order and stops at the page: an index holding the whole
 * order (family name, given name, id) lets both engines walk it without sorting the population.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('people_name_order_idx')
    .on('people')
    .columns(['family_name', 'given_name', 'id'])
    .execute();
}
