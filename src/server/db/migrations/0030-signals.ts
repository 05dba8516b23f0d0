import type { Kysely } from 'kysely';

/** Contacts and visits, risk signals, the alerts escalation rules raise, and the rules themselves. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('care_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('care_contacts_person_idx')
    .on('care_contacts')
    .columns(['person_id', 'occurred_at'])
    .execute();

  await db.schema
    .createTable('risk_signals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('observation', 'text', (c) => c.notNull())
    .addColumn('observed_at', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('contact_id', 'text', (c) => c.unique().references('care_contacts.id'))
    .execute();
  await db.schema
    .createIndex('risk_signals_person_idx')
    .on('risk_signals')
    .columns(['person_id', 'observed_at'])
    .execute();
  await db.schema
    .createIndex('risk_signals_observed_idx')
    .on('risk_signals')
    .columns(['observed_at'])
    .execute();

  await db.schema
    .createTable('signal_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('window_end', 'text', (c) => c.notNull())
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('recipient_staff_id', 'text', (c) => c.references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('escalated_at', 'text')
    .addColumn('escalated_to', 'text', (c) => c.references('staff.id'))
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text', (c) => c.references('staff.id'))
    .addColumn('outcome', 'text')
    .addColumn('outcome_note', 'text')
    .execute();
  await db.schema
    .createIndex('signal_alerts_recipient_idx')
    .on('signal_alerts')
    .columns(['recipient_staff_id', 'acknowledged_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('signal_alerts_escalated_idx')
    .on('signal_alerts')
    .columns(['escalated_to', 'acknowledged_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('signal_alerts_due_idx')
    .on('signal_alerts')
    .columns(['acknowledged_at', 'escalated_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('signal_alerts_person_idx')
    .on('signal_alerts')
    .columns(['person_id', 'raised_at'])
    .execute();

  await db.schema
    .createTable('signal_alert_links')
    .addColumn('alert_id', 'text', (c) => c.notNull().references('signal_alerts.id'))
    .addColumn('signal_id', 'text', (c) => c.notNull().references('risk_signals.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('signal_alert_links_pk', ['signal_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('signal_alert_links_alert_idx')
    .on('signal_alert_links')
    .columns(['alert_id'])
    .execute();

  await db.schema
    .createTable('signal_escalation_rules')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('staff.id'))
    .addColumn('updated_at', 'text')
    .execute();
}
