import { type Kysely, sql } from 'kysely';

/** Handover templates, handovers with their fields, actions and escalations; follow-ups; pathway episodes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Versioned data: an edit appends a version; exactly one version of each key is current.
  await db.schema
    .createTable('handover_templates')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sla_minutes', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('staff.id'))
    .addColumn('current', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('handover_templates_pk', ['key', 'version'])
    .execute();

  await db.schema
    .createTable('handovers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('template_key', 'text', (c) => c.notNull())
    .addColumn('template_version', 'integer', (c) => c.notNull())
    .addColumn('sender_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('sender_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('recipient_org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('recipient_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('recipient_team_id', 'text', (c) => c.references('teams.id'))
    .addColumn('lead_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('information_missing', 'integer', (c) => c.notNull())
    .addColumn('missing_fields', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('sla_minutes', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.references('staff.id'))
    .addColumn('acknowledgement_note', 'text')
    .addColumn('escalation_tier', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addCheckConstraint('handover_status_known', sql`status in ('sent', 'acknowledged')`)
    .addCheckConstraint(
      'handover_ack_complete',
      sql`status = 'sent' or (acknowledged_at is not null and acknowledged_by is not null)`,
    )
    .execute();
  await db.schema
    .createIndex('handovers_lead_idx')
    .on('handovers')
    .columns(['lead_staff_id', 'status', 'due_at', 'id'])
    .execute();
  await db.schema
    .createIndex('handovers_sender_idx')
    .on('handovers')
    .columns(['sender_staff_id', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('handovers_person_idx')
    .on('handovers')
    .columns(['person_id', 'sent_at'])
    .execute();
  await db.schema.createIndex('handovers_due_idx').on('handovers').columns(['status', 'due_at']).execute();

  // The sender's content field by field, and whether it crossed: the recipient's copy is the
  // disclosed fields plus a marker for each withheld one, fixed when sent.
  await db.schema
    .createTable('handover_fields')
    .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('value', 'text')
    .addColumn('disclosed', 'integer', (c) => c.notNull())
    .addColumn('withheld_reasons', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('handover_fields_pk', ['handover_id', 'key'])
    .execute();

  await db.schema
    .createTable('handover_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('due_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .execute();
  await db.schema
    .createIndex('handover_actions_owner_idx')
    .on('handover_actions')
    .columns(['owner_staff_id', 'status'])
    .execute();

  // One row per tier: the primary key is what makes a retried or concurrent job escalate once.
  await db.schema
    .createTable('handover_escalations')
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('handover_id', 'text', (c) => c.notNull().references('handovers.id'))
    .addColumn('tier', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('escalated_at', 'text', (c) => c.notNull())
    .addColumn('to_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('notify_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('resolved_at', 'text')
    .addPrimaryKeyConstraint('handover_escalations_pk', ['handover_id', 'reason', 'tier'])
    .execute();
  await db.schema
    .createIndex('handover_escalations_to_idx')
    .on('handover_escalations')
    .columns(['to_staff_id', 'resolved_at', 'escalated_at', 'id'])
    .execute();

  await db.schema
    .createIndex('handover_escalations_notify_idx')
    .on('handover_escalations')
    .columns(['notify_staff_id', 'resolved_at', 'escalated_at', 'id'])
    .execute();

  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('handover_id', 'text', (c) => c.references('handovers.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('owner_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('contact_at', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('staff.id'))
    .addColumn('missed_at', 'text')
    .addColumn('escalated_to', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addCheckConstraint('follow_up_status_known', sql`status in ('due', 'done', 'missed')`)
    .execute();
  await db.schema
    .createIndex('follow_ups_owner_idx')
    .on('follow_ups')
    .columns(['owner_staff_id', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('follow_ups_escalated_idx')
    .on('follow_ups')
    .columns(['escalated_to', 'status', 'missed_at'])
    .execute();
  await db.schema.createIndex('follow_ups_due_idx').on('follow_ups').columns(['status', 'due_at']).execute();
  await db.schema.createIndex('follow_ups_person_idx').on('follow_ups').columns(['person_id']).execute();
}
