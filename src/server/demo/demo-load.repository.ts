/**
 * The demo loader's writes: rows of any table in multi-row INSERTs. The statement text is built
 * once per table, columns and row count, so a load of a hundred thousand people compiles a few
 * dozen statements instead of thousands, and SQLite prepares each once (its connection keeps
 * prepared statements by text). The loader runs before anyone can sign in, as the system.
 */
import { CompiledQuery, type Insertable, SqliteAdapter, sql } from 'kysely';
import type { Database, Db, FullDb } from '../db/database.ts';
import type { Tables } from '../db/tables.ts';

// Bound parameters per INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 500;

/** Writes rows into a table; rows of one call share their columns. */
export type RowWriter = <T extends keyof Tables & string>(
  table: T,
  rows: readonly Insertable<Tables[T]>[],
) => Promise<void>;

const texts = new Map<string, string>();

function insertText(sqlite: boolean, table: string, columns: readonly string[], rows: number): string {
  const key = `${sqlite ? 's' : 'p'}|${table}|${rows}|${columns.join(',')}`;
  let text = texts.get(key);
  if (text === undefined) {
    const tuples: string[] = [];
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const marks = columns.map(() => (sqlite ? '?' : `$${++n}`));
      tuples.push(`(${marks.join(', ')})`);
    }
    const names = columns.map((c) => `"${c}"`).join(', ');
    text = `insert into "${table}" (${names}) values ${tuples.join(', ')}`;
    texts.set(key, text);
  }
  return text;
}

/** Rows of one table laid out flat: each row's values in `columns` order, one row after another. */
export interface FlatRows {
  readonly table: keyof Tables & string;
  readonly columns: readonly string[];
  readonly values: unknown[];
}

/**
 * Lays rows of one table out flat, columns in the first row's key order; throws when a row lacks
 * a column or has others. Flat rows cross to and from a worker thread as one array of strings and
 * numbers, far cheaper to copy than as many objects.
 */
export function flattenRows<T extends keyof Tables & string>(
  table: T,
  rows: readonly Insertable<Tables[T]>[],
): FlatRows {
  const first = rows[0];
  if (first === undefined) return { table, columns: [], values: [] };
  const columns = Object.keys(first);
  const values: unknown[] = [];
  for (const item of rows) {
    const row = item as Record<string, unknown>;
    if (Object.keys(row).length !== columns.length)
      throw new Error(`demo rows for ${table} differ in their columns`);
    for (const column of columns) {
      const value = row[column];
      if (value === undefined) throw new Error(`demo row for ${table} lacks ${column}`);
      values.push(value);
    }
  }
  return { table, columns, values };
}

/** Writes flat rows in multi-row INSERTs through the given handle (a transaction during a load). */
export function demoFlatWriter(db: Db | FullDb): (rows: FlatRows) => Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  return async ({ table, columns, values }) => {
    const width = columns.length;
    if (width === 0 || values.length === 0) return;
    const total = values.length / width;
    const perInsert = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / width)));
    for (let start = 0; start < total; start += perInsert) {
      const end = Math.min(total, start + perInsert);
      const parameters = start === 0 && end === total ? values : values.slice(start * width, end * width);
      await db.executeQuery(CompiledQuery.raw(insertText(sqlite, table, columns, end - start), parameters));
    }
  };
}

/** A writer of demo rows through the given handle (a transaction during a load). */
export function demoRowWriter(db: Db | FullDb): RowWriter {
  const writeFlat = demoFlatWriter(db);
  return (table, rows) => writeFlat(flattenRows(table, rows));
}

/** Indexes a load dropped, with the statements that rebuild them exactly as they were. */
export interface DeferredIndexes {
  readonly statements: readonly string[];
}

/**
 * On SQLite, drops the secondary indexes of `tables` (except those in `keep`, which the load reads
 * through) inside the load's transaction, so rows go in without updating indexes whose keys
 * arrive in random order; `rebuildIndexes` then creates them again from their own stored SQL, in
 * their original order, sorting each once. Same names, same SQL text, same contents; only their
 * pages and their rows' places in sqlite_master differ. If the load fails, the rollback restores
 * them. PostgreSQL keeps its indexes.
 */
export async function dropIndexesForLoad(
  db: FullDb,
  tables: readonly string[],
  keep: readonly string[],
): Promise<DeferredIndexes> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return { statements: [] };
  const indexes = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
    where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)}) order by rowid`.execute(
    db,
  );
  const dropped = indexes.rows.filter((index) => !keep.includes(index.name));
  for (const index of dropped) await sql`drop index ${sql.id(index.name)}`.execute(db);
  return { statements: dropped.map((index) => index.sql) };
}

/** Creates the indexes `dropIndexesForLoad` dropped, from their stored SQL. */
export async function rebuildIndexes(db: FullDb, deferred: DeferredIndexes): Promise<void> {
  for (const statement of deferred.statements) await sql.raw(statement).execute(db);
}

// Page cache for a bulk load on SQLite, in KiB (negative: a size, not a page count). The default
// 2 MB spills a large load's index pages to the log again and again.
const BULK_LOAD_CACHE_KIB = 262_144;

/**
 * Switches a SQLite file from WAL to a rollback journal for a bulk load when this connection is
 * the only one open, and returns whether it did. In WAL mode a load of a hundred thousand people
 * writes every page twice (into the log, then the checkpoint copies it into the file) and
 * checksums every frame; with a rollback journal the new pages go straight into the file and
 * only the few pages that existed before the load are journaled. The load stays one atomic,
 * durable transaction (synchronous stays FULL). Another open connection (a server's audit
 * writer) keeps WAL: the switch fails at once with "database is locked" and the load runs as before.
 */
async function leaveWalForLoad(database: Database): Promise<boolean> {
  const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
  if (mode.rows[0]?.journal_mode !== 'wal') return false;
  try {
    const switched = await sql<{ journal_mode: string }>`pragma journal_mode = delete`.execute(database.db);
    return switched.rows[0]?.journal_mode === 'delete';
  } catch (error) {
    if (error instanceof Error && /locked|busy/i.test(error.message)) return false;
    throw error;
  }
}

/**
 * Puts a file the load switched out of WAL back into WAL. The load has committed by now, so a
 * connection opened meanwhile (which holds the switch back) does not fail it: every connection
 * opens the file in WAL mode (sqlite-adapter.ts), so the next one to open it switches it.
 */
async function returnToWal(database: Database): Promise<void> {
  try {
    await sql`pragma journal_mode = wal`.execute(database.db);
  } catch (error) {
    if (!(error instanceof Error && /locked|busy/i.test(error.message))) throw error;
  }
}

/**
 * Runs a bulk load with settings for it on SQLite, restoring them after: a larger page cache on
 * the connection, and a rollback journal instead of WAL when nothing else has the file open.
 * PostgreSQL needs nothing: its buffers are the server's.
 */
export async function withBulkLoadSettings<T>(database: Database, load: () => Promise<T>): Promise<T> {
  if (database.engine !== 'sqlite') return load();
  const before = await sql<{ cache_size: number }>`pragma cache_size`.execute(database.db);
  const size = Number(before.rows[0]?.cache_size ?? -2000);
  await sql.raw(`pragma cache_size = -${BULK_LOAD_CACHE_KIB}`).execute(database.db);
  const leftWal = await leaveWalForLoad(database);
  try {
    return await load();
  } finally {
    try {
      if (leftWal) await returnToWal(database);
    } finally {
      await sql.raw(`pragma cache_size = ${Math.trunc(size)}`).execute(database.db);
    }
  }
}
