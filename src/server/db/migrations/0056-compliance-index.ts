import type { Kysely } from 'kysely';

/**
 * Quarterly compliance reads an agreement's disclosures one quarter at a time and pages its
 * drill-down in (time, id) order: this index serves both without scanning the log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('audit_agreement_idx')
    .on('audit_entries')
    .columns(['agreement_id', 'recorded_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('audit_agreement_idx').execute();
}
