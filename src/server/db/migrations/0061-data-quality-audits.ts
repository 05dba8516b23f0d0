import type { Kysely } from 'kysely';

/**
 * The monthly data-quality audit: one audit per organisation and month with the seed its sample
 * was drawn with, the episodes sampled (person-level) and the findings with their correction
 * action, owner and the re-audit that verified them (person-level).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dq_audits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('sampled', 'integer', (c) => c.notNull())
    .addColumn('findings', 'integer', (c) => c.notNull())
    .addColumn('reaudited', 'integer', (c) => c.notNull())
    .addColumn('verified', 'integer', (c) => c.notNull())
    .addColumn('still_present', 'integer', (c) => c.notNull())
    .addColumn('run_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('dq_audits_org_month_uq', ['organisation_id', 'month'])
    .execute();
  await db.schema
    .createTable('dq_audit_items')
    .addColumn('audit_id', 'text', (c) => c.notNull().references('dq_audits.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('pathway_episodes.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dq_audit_items_pk', ['audit_id', 'episode_id'])
    .execute();
  await db.schema
    .createTable('dq_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('dq_audits.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('episode_id', 'text', (c) => c.notNull().references('pathway_episodes.id'))
    .addColumn('check_code', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('corrected_at', 'text')
    .addColumn('corrected_by', 'text', (c) => c.references('staff.id'))
    .addColumn('verified_audit_id', 'text', (c) => c.references('dq_audits.id'))
    .addColumn('verified_at', 'text')
    .execute();
  await db.schema
    .createIndex('dq_findings_owner_idx')
    .on('dq_findings')
    .columns(['owner_staff_id', 'status', 'due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('dq_findings_org_idx')
    .on('dq_findings')
    .columns(['organisation_id', 'status'])
    .execute();
  await db.schema.createIndex('dq_findings_audit_idx').on('dq_findings').columns(['audit_id']).execute();
}
