import type { Kysely } from 'kysely';

/** Break-glass grants and the partnership's tier policy. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('break_glass_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id'))
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .execute();
  await db.schema
    .createIndex('break_glass_person_idx')
    .on('break_glass_grants')
    .columns(['person_id', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('break_glass_staff_idx')
    .on('break_glass_grants')
    .columns(['staff_id', 'expires_at'])
    .execute();

  await db.schema
    .createTable('access_policy')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('tiers', 'text', (c) => c.notNull())
    .addColumn('restricted', 'text', (c) => c.notNull())
    .addColumn('break_glass_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
