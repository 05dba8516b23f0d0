import type { Kysely } from 'kysely';

/** Interim decisions a duty worker records out of hours, delivered to the care coordinator as a handover. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crisis_interim_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('decided_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('authority', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('deliver_at', 'text', (c) => c.notNull())
    // Set once, by the job that delivers it: what makes delivery happen exactly once.
    .addColumn('handover_id', 'text', (c) => c.unique().references('handovers.id'))
    .execute();
  await db.schema
    .createIndex('crisis_interim_decisions_due_idx')
    .on('crisis_interim_decisions')
    .columns(['handover_id', 'deliver_at', 'id'])
    .execute();
  await db.schema
    .createIndex('crisis_interim_decisions_person_idx')
    .on('crisis_interim_decisions')
    .columns(['person_id', 'decided_at'])
    .execute();
}
