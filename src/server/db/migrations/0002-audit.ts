import type { Kysely } from 'kysely';

/**
 * The tamper-evident audit log: entries (appended in the transaction of what they record),
 * the Merkle tree's complete perfect-subtree nodes, signed tree heads, and the sequencer's state.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Assigned by the sequencer; null while the entry waits to join the tree.
    .addColumn('leaf_index', 'bigint', (c) => c.unique())
    .addColumn('leaf_hash', 'text')
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('actor_staff_id', 'text')
    .addColumn('actor_org_id', 'text')
    .addColumn('actor_roles', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text')
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('owner_org_id', 'text')
    .addColumn('recipient_org_id', 'text')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('agreement_id', 'text')
    .addColumn('consent_id', 'text')
    .addColumn('consent_provision_id', 'text')
    .addColumn('exception_id', 'text')
    .addColumn('break_glass_grant_id', 'text')
    .addColumn('break_glass', 'integer', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_pending_idx')
    .on('audit_entries')
    .columns(['leaf_index', 'recorded_at'])
    .execute();
  await db.schema
    .createIndex('audit_person_idx')
    .on('audit_entries')
    .columns(['person_id', 'recorded_at'])
    .execute();
  await db.schema
    .createIndex('audit_actor_idx')
    .on('audit_entries')
    .columns(['actor_staff_id', 'recorded_at'])
    .execute();
  await db.schema.createIndex('audit_time_idx').on('audit_entries').column('recorded_at').execute();

  await db.schema
    .createTable('audit_tree_nodes')
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('idx', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_tree_nodes_pk', ['level', 'idx'])
    .execute();

  await db.schema
    .createTable('audit_tree_heads')
    .addColumn('tree_size', 'bigint', (c) => c.primaryKey())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('tree_size', 'bigint', (c) => c.notNull())
    .addColumn('frontier', 'text', (c) => c.notNull())
    .addColumn('last_head_size', 'bigint', (c) => c.notNull())
    .execute();
  await db
    .insertInto('audit_state' as never)
    .values({ id: 1, tree_size: 0, frontier: '', last_head_size: 0 } as never)
    .execute();
}
