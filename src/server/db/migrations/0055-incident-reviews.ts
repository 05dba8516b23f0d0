import { type Kysely, sql } from 'kysely';

/**
 * After an IG incident: the post-incident review (where the flow of information was weak), its
 * links to the handovers and risk signals involved (person-level: reached only through the door),
 * and the incident's actions, each with a named owner and due date, for the owner's worklist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ig_incident_reviews')
    .addColumn('incident_id', 'text', (c) => c.primaryKey().references('ig_incidents.id'))
    .addColumn('weak_points', 'text', (c) => c.notNull())
    .addColumn('what_held', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ig_incident_flow_links')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('ig_incidents.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('linked_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ig_incident_flow_links_pk', ['incident_id', 'kind', 'ref_id'])
    .addCheckConstraint('ig_incident_flow_link_kind_known', sql`kind in ('HANDOVER', 'SIGNAL')`)
    .execute();
  await db.schema
    .createTable('ig_incident_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('incident_id', 'text', (c) => c.notNull().references('ig_incidents.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('completed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('completed_at', 'text')
    .addColumn('completion_note', 'text')
    .addCheckConstraint('ig_incident_action_status_known', sql`status in ('open', 'done')`)
    .execute();
  await db.schema
    .createIndex('ig_incident_actions_owner_idx')
    .on('ig_incident_actions')
    .columns(['owner_staff_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('ig_incident_actions_incident_idx')
    .on('ig_incident_actions')
    .columns(['incident_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ig_incident_actions').execute();
  await db.schema.dropTable('ig_incident_flow_links').execute();
  await db.schema.dropTable('ig_incident_reviews').execute();
}
