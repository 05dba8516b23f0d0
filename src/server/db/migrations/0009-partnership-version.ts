import type { Kysely } from 'kysely';

/**
 * One counter for the partnership-wide facts every decision reads (tier policy, agreements). Each
 * change to them bumps it in its own transaction, so a process that caches them re-reads when the
 * counter moves: a change applies to the very next decision on every process.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('partnership_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db
    .insertInto('partnership_version' as never)
    .values({ id: 1, version: 0 } as never)
    .execute();
}
