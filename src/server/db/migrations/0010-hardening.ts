import { type Kysely, sql } from 'kysely';

// Frozen copy of the default token lifetime at the time of this migration.
const TOKEN_DAYS = 90;

/** System accounts, sign-in throttling shared by every process, and session idle time. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('system_accounts')
    .addColumn('staff_id', 'text', (c) => c.primaryKey().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // Accounts without a password were, until now, how system clients were told apart: they stay system accounts.
  const now = new Date().toISOString();
  await sql`insert into system_accounts (staff_id, created_at)
    select id, ${now} from staff where password_hash is null`.execute(db);
  // Tokens no longer live for ever: those issued without an expiry get the default lifetime from today.
  const expires = new Date(Date.now() + TOKEN_DAYS * 86_400_000).toISOString();
  await sql`update api_tokens set expires_at = ${expires} where expires_at is null`.execute(db);

  await db.schema
    .createTable('sign_in_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'text', (c) => c.notNull())
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sign_in_throttle_last')
    .on('sign_in_throttle')
    .column('last_failure_at')
    .execute();

  await db.schema.alterTable('sessions').addColumn('last_seen_at', 'text').execute();
  await sql`update sessions set last_seen_at = created_at`.execute(db);
}
