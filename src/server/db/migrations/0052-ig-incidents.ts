import type { Kysely } from 'kysely';

/**
 * IG incidents: the incident with its DSPT grade and ICO clock, the audit entries it links, and the
 * people affected (person-level: reached only through the door).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ig_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('notify_ico_by', 'text')
    .addColumn('ico_notified_at', 'text')
    .addColumn('investigation', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('learning', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('people_affected', 'integer', (c) => c.notNull())
    .addColumn('anomaly_case_id', 'text', (c) => c.unique().references('investigation_cases.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.references('staff.id'))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createIndex('ig_incidents_org_idx')
    .on('ig_incidents')
    .columns(['organisation_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('ig_incidents_notify_idx')
    .on('ig_incidents')
    .columns(['organisation_id', 'notify_ico_by'])
    .execute();
  await db.schema
    .createTable('ig_incident_audit_entries')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('ig_incidents.id'))
    .addColumn('audit_entry_id', 'text', (c) => c.notNull().references('audit_entries.id'))
    .addPrimaryKeyConstraint('ig_incident_audit_entries_pk', ['incident_id', 'audit_entry_id'])
    .execute();
  await db.schema
    .createTable('ig_incident_people')
    .addColumn('incident_id', 'text', (c) => c.notNull().references('ig_incidents.id'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('linked_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('ig_incident_people_pk', ['incident_id', 'person_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ig_incident_people').execute();
  await db.schema.dropTable('ig_incident_audit_entries').execute();
  await db.schema.dropTable('ig_incidents').execute();
}
