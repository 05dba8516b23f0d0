import { type Kysely, sql } from 'kysely';

/**
 * The register of interfaces and workarounds: wherever systems do not connect, the transfer route
 * (secure email, structured manual transfer) with its owner, risk assessment, mitigations and
 * review date. A handover sent by such a route records the entry it relied on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('interface_register')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    /** JSON array of the partner organisations the route reaches. */
    .addColumn('partner_organisation_ids', 'text', (c) => c.notNull())
    .addColumn('route', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('gap', 'text', (c) => c.notNull())
    .addColumn('owner_staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('likelihood', 'integer', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    .addColumn('risk', 'text', (c) => c.notNull())
    .addColumn('mitigations', 'text', (c) => c.notNull())
    .addColumn('review_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('interface_register_route_known', sql`route in ('SECURE_EMAIL', 'MANUAL_TRANSFER')`)
    .addCheckConstraint('interface_register_status_known', sql`status in ('live', 'retired')`)
    .execute();
  await db.schema
    .createIndex('interface_register_org_idx')
    .on('interface_register')
    .columns(['organisation_id', 'route', 'status'])
    .execute();
  await db.schema
    .createIndex('interface_register_owner_idx')
    .on('interface_register')
    .columns(['owner_staff_id', 'review_on'])
    .execute();
  await db.schema.alterTable('handovers').addColumn('interface_entry_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('handovers').dropColumn('interface_entry_id').execute();
  await db.schema.dropTable('interface_register').execute();
}
