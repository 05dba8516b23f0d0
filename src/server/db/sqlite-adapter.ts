import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** node:sqlite binds no booleans; Accord stores them as 0/1. */
function toSqlite(value: unknown): SQLInputValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value as SQLInputValue;
}

function bind(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
  return parameters.map(toSqlite);
}

function wrapStatement(statement: StatementSync): SqliteStatement {
  return {
    reader: statement.columns().length > 0,
    all: (parameters) => statement.all(...bind(parameters)),
    run: (parameters) => statement.run(...bind(parameters)),
    iterate: (parameters) => statement.iterate(...bind(parameters)),
  };
}

/** Opens a node:sqlite database in WAL mode with foreign keys on, shaped as Kysely's SqliteDatabase. */
export function openSqlite(file: string): SqliteDatabase & { raw: DatabaseSync } {
  const raw = new DatabaseSync(file, { enableForeignKeyConstraints: true });
  raw.exec('PRAGMA journal_mode = WAL');
  // FULL makes each commit durable on power loss, not only on process crash.
  raw.exec('PRAGMA synchronous = FULL');
  raw.exec('PRAGMA busy_timeout = 5000');
  raw.exec('PRAGMA foreign_keys = ON');
  return {
    raw,
    close: () => raw.close(),
    prepare: (sql) => wrapStatement(raw.prepare(sql)),
  };
}
