import type { Kysely } from 'kysely';

/**
 * DPIAs: the ICO template's narrative steps, risks and measures (held as JSON: a DPIA is read and
 * written whole, and its measures' state is computed at read time, never stored), the DPO's
 * sign-off and the review date that puts it back in the IG lead's worklist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dpias')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('agreement_id', 'text', (c) => c.references('agreements.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('need', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('consultation', 'text', (c) => c.notNull())
    .addColumn('necessity', 'text', (c) => c.notNull())
    .addColumn('risks', 'text', (c) => c.notNull())
    .addColumn('mitigations', 'text', (c) => c.notNull())
    .addColumn('review_date', 'text', (c) => c.notNull())
    .addColumn('signed_off_by', 'text', (c) => c.references('staff.id'))
    .addColumn('dpo_advice', 'text')
    .addColumn('advice_accepted', 'integer')
    .addColumn('signed_off_at', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dpias_org_review_idx')
    .on('dpias')
    .columns(['organisation_id', 'review_date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('dpias').execute();
}
