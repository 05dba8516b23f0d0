import type { Kysely } from 'kysely';

/**
 * Managers' weekly samples of their teams' crisis escalation summaries, the findings recorded on
 * each sampled item, and the supervision notes the findings become.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('handover_samples')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('manager_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('week_end', 'text', (c) => c.notNull())
    // Kept so the same data draws the same sample again (and a reviewer can check it did).
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    // When the manager's review is due: the worklist pages by it.
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('population', 'integer', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('reviewed', 'integer', (c) => c.notNull().defaultTo(0))
    // One sample per team and week: what makes the weekly job idempotent across runs and processes.
    .addUniqueConstraint('handover_samples_team_week_uq', ['team_id', 'week_start'])
    .execute();
  await db.schema
    .createIndex('handover_samples_manager_idx')
    .on('handover_samples')
    .columns(['manager_staff_id', 'due_at', 'id'])
    .execute();
  await db.schema
    .createTable('handover_sample_items')
    .addColumn('sample_id', 'text', (c) => c.notNull().references('handover_samples.id'))
    .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('escalations_in_window', 'integer', (c) => c.notNull())
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('complete', 'integer')
    .addColumn('shared_appropriately', 'integer')
    .addColumn('reflected_in_record', 'integer')
    .addColumn('note', 'text')
    .addColumn('supervision_note_id', 'text')
    .addPrimaryKeyConstraint('handover_sample_items_pk', ['sample_id', 'handover_id'])
    .execute();
  await db.schema
    .createIndex('handover_sample_items_handover_idx')
    .on('handover_sample_items')
    .columns(['handover_id'])
    .execute();
  await db.schema
    .createTable('supervision_notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('written_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('sample_id', 'text', (c) => c.notNull().references('handover_samples.id'))
    .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('shared_appropriately', 'integer', (c) => c.notNull())
    .addColumn('reflected_in_record', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supervision_notes_staff_idx')
    .on('supervision_notes')
    .columns(['staff_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('supervision_notes_writer_idx')
    .on('supervision_notes')
    .columns(['written_by', 'created_at'])
    .execute();
  // The timeliness chart and the weekly draw read crisis escalations by sender and time.
  await db.schema
    .createIndex('handovers_template_sender_idx')
    .on('handovers')
    .columns(['template_key', 'sender_staff_id', 'sent_at'])
    .execute();
}
