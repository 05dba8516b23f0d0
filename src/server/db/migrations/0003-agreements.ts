import { type Kysely, sql } from 'kysely';

/**
 * Data sharing agreements. An agreement is never deleted and a version is never changed: every
 * edit or status change adds a version, and only the agreement's pointer to its current version
 * (with that version's status) moves. Dates are YYYY-MM-DD text; the terms are JSON text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.notNull().unique())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agreements_status_idx').on('agreements').column('status').execute();

  await db.schema
    .createTable('agreement_versions')
    .addColumn('agreement_id', 'text', (c) => c.notNull().references('agreements.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('review_date', 'text')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('agreement_versions_pk', ['agreement_id', 'version'])
    .addCheckConstraint(
      'agreement_dates_ordered',
      sql`end_date is null or start_date is null or end_date >= start_date`,
    )
    .execute();
}
