import { createHash } from 'node:crypto';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { Kysely, PGliteDialect, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import type { Migration } from 'kysely/migration';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { OpenTables } from './governed.ts';
import { migrations } from './migrations/index.ts';
import { openSqlite } from './sqlite-adapter.ts';
import type { Tables } from './tables.ts';

/**
 * The typed query handle over every table that is not person-level. Person-level (governed)
 * tables are not in its type: they are reached through the access door or `systemDb(reason)`.
 */
export type Db = Kysely<OpenTables>;
/** A handle inside a transaction. */
export type Tx = Transaction<OpenTables>;
/** The handle over every table, governed ones included: held only by the door and `systemDb`. */
export type FullDb = Kysely<Tables>;
/** A transaction over every table. */
export type FullTx = Transaction<Tables>;

/** Which engine a handle talks to; a few queries differ by dialect. */
export type Engine = 'sqlite' | 'postgres';

/** A handle and its engine: what queries need of a database. */
export interface DatabaseHandle {
  readonly db: Db;
  readonly engine: Engine;
}

/** An open database with its engine and a way to close it. */
export interface Database extends DatabaseHandle {
  close(): Promise<void>;
}

// int8 (counts, sums) arrives as a string by default; Accord's counts fit in a double.
pg.types.setTypeParser(20, (value) => Number(value));

/** Opens the configured database. Only this folder imports drivers. */
export async function openDatabase(
  config: DatabaseConfig,
  options: { poolSize?: number; statementCacheSize?: number } = {},
): Promise<Database> {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') {
      const { mkdirSync } = await import('node:fs');
      const { dirname } = await import('node:path');
      mkdirSync(dirname(config.file), { recursive: true });
    }
    const sqlite = openSqlite(config.file, options);
    const database = wrap(new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) }), 'sqlite');
    sqliteConnections.set(database.db, sqlite.raw);
    return database;
  }
  return fromPgPool(new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10 }));
}

/** The node:sqlite connection under each SQLite handle openDatabase made (Kysely's one connection). */
const sqliteConnections = new WeakMap<object, DatabaseSync>();
const arrayStatements = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/** Runs a prepared read and returns its rows as arrays of values in column order. */
export type ArrayRows = (...parameters: (string | number | null)[]) => unknown[][];

/**
 * A read prepared once on the connection under a SQLite handle from openDatabase, returning rows as
 * arrays (no object a row, no query building): for the few scans that read millions of rows, such as
 * audit verification. It runs on the connection Kysely itself uses, so called while the handle's
 * connection is held (inside `db.connection().execute` or a transaction) it reads in that snapshot.
 * Null for PostgreSQL and for handles made elsewhere: callers then use the query builder.
 */
export function sqliteArrayRows(handle: DatabaseHandle, text: string): ArrayRows | null {
  const raw = handle.engine === 'sqlite' ? sqliteConnections.get(handle.db) : undefined;
  if (!raw) return null;
  let statements = arrayStatements.get(raw);
  if (!statements) {
    statements = new Map();
    arrayStatements.set(raw, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = raw.prepare(text);
    statement.setReturnArrays(true);
    statements.set(text, statement);
  }
  const prepared = statement;
  return (...parameters) => prepared.all(...parameters) as unknown as unknown[][];
}

/** Wraps an already-open PGlite instance (tests without a PostgreSQL server). */
export function fromPglite(pglite: ConstructorParameters<typeof PGliteDialect>[0]['pglite']): Database {
  return wrap(new Kysely<Tables>({ dialect: new PGliteDialect({ pglite }) }), 'postgres');
}

/**
 * Wraps a PostgreSQL pool (tests give each pool a schema of its own to isolate themselves). Every
 * connection the pool opens runs the statement texts given to `prepareOnPostgres` as named statements.
 */
export function fromPgPool(pool: pg.Pool): Database {
  pool.on('connect', runNamedStatements);
  return wrap(new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
}

// Statement text -> name. The name is a digest of the text, so one name means one text in every
// process: a pooler that shares server connections between processes cannot run another text under it.
const postgresStatementNames = new Map<string, string>();

/**
 * Marks a PostgreSQL statement text to be prepared once per connection and then run by name, so the
 * server neither parses nor plans it again. For hot statements of a fixed text only: each one is kept
 * by every connection that ran it (a few kilobytes, about 7 KB a row of a multi-row INSERT).
 * A named statement's result columns are fixed when it is prepared, so a SELECT marked here names its
 * columns (`columnList` in precompiled.ts). Its values must be plain strings, numbers or null.
 */
export function prepareOnPostgres(text: string): void {
  if (!postgresStatementNames.has(text))
    postgresStatementNames.set(
      text,
      `accord_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`,
    );
}

/** Whether a text is run as a named statement on PostgreSQL (for tests). */
export function isPreparedOnPostgres(text: string): boolean {
  return postgresStatementNames.has(text);
}

type QueryMethod = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Routes a connection's `query(text, values)` calls (what Kysely's driver makes) through a named
 * statement when the text was marked with `prepareOnPostgres`; every other call is left as it was.
 */
function runNamedStatements(client: pg.PoolClient): void {
  const query = client.query as unknown as QueryMethod;
  const named: QueryMethod = function (this: pg.PoolClient, text, values, callback) {
    const name =
      typeof text === 'string' && callback === undefined ? postgresStatementNames.get(text) : undefined;
    return name === undefined
      ? query.call(this, text, values, callback)
      : query.call(this, { name, text, values });
  };
  (client as unknown as { query: QueryMethod }).query = named;
}

/** The open view of a new handle: governed tables are reached from it only through `systemDb`. */
function wrap(full: FullDb, engine: Engine): Database {
  return { db: full as unknown as Db, engine, close: () => full.destroy() };
}

/** Where applied migrations are recorded; the name and columns Kysely's own migrator uses. */
const MIGRATION_TABLE = 'kysely_migration';

/**
 * True when Accord's migrations have been applied here: its migration table exists in the current
 * schema. Asked of the catalogue, so an unreachable database is an error, not a "no".
 */
export async function isMigrated(database: Database): Promise<boolean> {
  const { db, engine } = database;
  const found =
    engine === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master
          where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db)
      : await sql<{ n: number }>`select count(*) as n from information_schema.tables
          where table_schema = current_schema() and table_name = ${MIGRATION_TABLE}`.execute(db);
  return Number(found.rows[0]?.n ?? 0) > 0;
}

/**
 * Applies every pending migration in one transaction and returns the names applied; throws
 * with the failing migration's name, having applied none. On PostgreSQL an advisory lock
 * serialises migrations across the whole database, not only per schema: one transaction creating
 * the whole schema takes several hundred locks until it commits, and several schemas migrating at
 * once (test files side by side, each in its own schema) exhausted the server's shared lock table
 * ("out of shared memory" at the default max_locks_per_transaction). It reads only its own
 * table in the current schema: introspecting the whole catalogue (as Kysely's migrator does) races with other
 * schemas of the same database being dropped, and slows as they multiply.
 */
export async function migrateToLatest(
  database: Database,
  steps: Readonly<Record<string, Migration>> = migrations,
): Promise<string[]> {
  const { db, engine } = database;
  return db.transaction().execute(async (tx) => {
    if (engine === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('accord.migrate'), 0)`.execute(tx);
    }
    await sql`create table if not exists ${sql.table(MIGRATION_TABLE)} (
      name varchar(255) primary key, timestamp varchar(255) not null)`.execute(tx);
    const applied = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(tx);
    const done = new Set(applied.rows.map((row) => row.name));
    const names: string[] = [];
    for (const name of Object.keys(steps).sort()) {
      if (done.has(name)) continue;
      try {
        await steps[name]?.up(tx as unknown as Kysely<unknown>);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`migration ${name} failed: ${reason}`);
      }
      await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(
        tx,
      );
      names.push(name);
    }
    return names;
  });
}
