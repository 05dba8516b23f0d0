import type { Kysely } from 'kysely';

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
  // The owner's worklist pages open tasks by creation time.
  await db.schema
    .createIndex('handover_actions_owner_open_idx')
    .on('handover_actions')
    .columns(['owner_staff_id', 'status', 'created_at', 'id'])
    .execute();
}
