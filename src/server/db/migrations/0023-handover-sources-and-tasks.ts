import { type Kysely, sql } from 'kysely';

/**
 * Where each handover field came from (the owning organisation of the record entry it was
 * prefilled from), how an escalation was resolved, and acknowledgement actions as closable tasks.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('handover_fields').addColumn('owner_org_id', 'text').execute();
  await db.schema.alterTable('handover_fields').addColumn('source_entry_id', 'text').execute();
  await db.schema.alterTable('handover_escalations').addColumn('resolved_by', 'text').execute();
  await db.schema.alterTable('handover_escalations').addColumn('resolution', 'text').execute();
  await db.schema.alterTable('handover_actions').addColumn('closed_at', 'text').execute();
  await db.schema.alterTable('handover_actions').addColumn('closed_by', 'text').execute();
  await db.schema.alterTable('handover_actions').addColumn('closing_note', 'text').execute();
  // Every task has a due time now; one recorded without falls due when it was set.
  await sql`update handover_actions set due_at = created_at where due_at is null`.execute(db);
  // The owner's worklist pages open tasks by due time.
  await db.schema
    .createIndex('handover_actions_owner_due_idx')
    .on('handover_actions')
    .columns(['owner_staff_id', 'status', 'due_at', 'id'])
    .execute();
}
