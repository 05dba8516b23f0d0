import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite binds no booleans; Accord stores them as 0/1. */
function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as SQLInputValue;
}

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map(toSqlite);
}

/** How many prepared statements a connection keeps; Accord issues a few hundred distinct queries. */
const STATEMENT_CACHE_SIZE = 512;

/**
 * Prepares each distinct SQL text once and keeps it, least recently used out first. Preparing (and
 * reading a statement's columns) cost more than running most of Accord's indexed queries. Kysely runs
 * one query at a time on a SQLite connection and reads every row before the next, so a kept statement
 * is never in use twice; iterating, which could leave a statement half-read, gets one of its own.
 */
function cachedStatements(raw: DatabaseSync, size: number): (sql: string) => SqliteStatement {
  const cache = new Map<string, SqliteStatement>();
  return (text) => {
    // Kysely opens every transaction with a bare BEGIN. A second connection (the audit commit thread)
    // writes to the same file, and a deferred transaction that reads and then writes fails at once with
    // SQLITE_BUSY_SNAPSHOT if that connection committed meanwhile; IMMEDIATE waits for the lock instead.
    const sql = text === 'begin' ? 'begin immediate' : text;
    const kept = cache.get(sql);
    if (kept) {
      cache.delete(sql);
      cache.set(sql, kept);
      return kept;
    }
    const statement = raw.prepare(sql);
    const wrapped: SqliteStatement = {
      reader: statement.columns().length > 0,
      all: (parameters) => statement.all(...bind(parameters)),
      run: (parameters) => statement.run(...bind(parameters)),
      iterate: (parameters) => raw.prepare(sql).iterate(...bind(parameters)),
    };
    if (size === 0) return wrapped;
    cache.set(sql, wrapped);
    if (cache.size > size) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    return wrapped;
  };
}

/**
 * Opens a node:sqlite database in WAL mode with foreign keys on, shaped as Kysely's SqliteDatabase.
 * `statementCacheSize` 0 prepares every query afresh (the benchmark's peer).
 */
export function openSqlite(
  file: string,
  { statementCacheSize = STATEMENT_CACHE_SIZE }: { statementCacheSize?: number } = {},
): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(file, { enableForeignKeyConstraints: true });
  raw.exec('PRAGMA journal_mode = WAL');
  // FULL makes each commit durable on power loss, not only on process crash.
  raw.exec('PRAGMA synchronous = FULL');
  raw.exec('PRAGMA busy_timeout = 5000');
  raw.exec('PRAGMA foreign_keys = ON');
  return { raw, close: () => raw.close(), prepare: cachedStatements(raw, statementCacheSize) };
}
