import type { Kysely } from 'kysely';

/**
 * Authority over access-changing writes: role grants waiting for a second person, proposals of
 * partnership-wide settings awaiting the parties' IG leads, and the per-worker break-glass limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('role_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.references('staff.id'))
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('role_grants_org_status_idx')
    .on('role_grants')
    .columns(['organisation_id', 'status'])
    .execute();

  await db.schema
    .createTable('settings_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('setting', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approvals', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .alterTable('access_policy')
    .addColumn('break_glass_daily_limit', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
}
