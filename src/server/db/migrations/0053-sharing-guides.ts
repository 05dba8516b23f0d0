import { type Kysely, sql } from 'kysely';

/**
 * "What we share and when": scenario guidance written by each organisation's IG leads (versioned:
 * an edit adds a version, never changes one), and staff acknowledgements of their generated guide
 * (the fingerprint they saw), which lapse like training.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scenario_guidance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('situation', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('change_note', 'text', (c) => c.notNull())
    .addColumn('dispute_id', 'text', (c) => c.references('agreement_disputes.id'))
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('scenario_guidance_version_unique', ['organisation_id', 'situation', 'version'])
    .addCheckConstraint(
      'scenario_guidance_situation_known',
      sql`situation in ('ROUTINE', 'URGENT', 'SAFEGUARDING', 'CRISIS')`,
    )
    .execute();
  await db.schema
    .createTable('guide_acknowledgements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text', (c) => c.notNull())
    .addColumn('lapses_on', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('guide_acknowledgements_staff_idx')
    .on('guide_acknowledgements')
    .columns(['staff_id', 'role', 'acknowledged_at'])
    .execute();
  await db.schema
    .createIndex('guide_acknowledgements_org_idx')
    .on('guide_acknowledgements')
    .columns(['organisation_id', 'role'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('guide_acknowledgements').execute();
  await db.schema.dropTable('scenario_guidance').execute();
}
