import type { Kysely } from 'kysely';

/**
 * The audit log's full verification runs (`accord audit verify`): when each ran, the tree it
 * checked and whether it verified. No person data: the evidence pack reports the latest run
 * instead of walking the log inside a request.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_verification_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .addColumn('tree_size', 'integer', (c) => c.notNull())
    .addColumn('root_hash', 'text')
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('problems', 'integer', (c) => c.notNull())
    .addColumn('entries_checked', 'integer', (c) => c.notNull())
    .addColumn('heads_checked', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_verification_runs_at_idx')
    .on('audit_verification_runs')
    .columns(['verified_at'])
    .execute();
}
