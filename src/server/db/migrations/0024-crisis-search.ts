import type { Kysely } from 'kysely';

/** Duty workers find a person by date of birth and name: the date of birth narrows first. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('people_birth_family_idx')
    .on('people')
    .columns(['date_of_birth', 'family_name'])
    .execute();
}
