import type { Kysely } from 'kysely';

/**
 * The monthly information-sharing audit: per organisation and month a seeded sample of
 * disclosures (items name audit entries, never people), the automatic tests and the auditor's
 * confirmation or override of each, corrective actions with owners and due dates, and what each
 * later re-audit found about them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sharing_audits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('sample_size', 'integer', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.references('staff.id'))
    .addUniqueConstraint('sharing_audits_org_month_unique', ['organisation_id', 'month'])
    .execute();
  await db.schema
    .createTable('sharing_audit_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('sharing_audits.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('audit_entry_id', 'text', (c) => c.notNull().references('audit_entries.id'))
    .addColumn('consent_check', 'text', (c) => c.notNull())
    .addColumn('template_check', 'text', (c) => c.notNull())
    .addColumn('exception_check', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('auto_result', 'text', (c) => c.notNull())
    .addColumn('review', 'text')
    .addColumn('final_result', 'text')
    .addColumn('review_reason', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('reviewed_at', 'text')
    .addUniqueConstraint('sharing_audit_items_position_unique', ['audit_id', 'position'])
    .execute();
  await db.schema
    .createTable('corrective_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('audit_id', 'text', (c) => c.notNull().references('sharing_audits.id'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('sharing_audit_items.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('finding', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('closed_at', 'text')
    .addColumn('closure_note', 'text')
    .execute();
  await db.schema
    .createIndex('corrective_actions_owner_idx')
    .on('corrective_actions')
    .columns(['owner_staff_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('corrective_actions_org_idx')
    .on('corrective_actions')
    .columns(['organisation_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createTable('corrective_action_checks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('action_id', 'text', (c) => c.notNull().references('corrective_actions.id'))
    .addColumn('audit_id', 'text', (c) => c.notNull().references('sharing_audits.id'))
    .addColumn('action_closed', 'integer', (c) => c.notNull())
    .addColumn('recurred', 'integer', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('corrective_action_checks_unique', ['action_id', 'audit_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('corrective_action_checks').execute();
  await db.schema.dropTable('corrective_actions').execute();
  await db.schema.dropTable('sharing_audit_items').execute();
  await db.schema.dropTable('sharing_audits').execute();
}
