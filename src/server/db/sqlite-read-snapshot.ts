import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite';

/**
 * One read snapshot of a SQLite file on a connection of its own: opened read-only (a missing file is
 * an error, never a new empty database; nothing can be written, and the journal mode is left as the
 * file has it), with one DEFERRED transaction held until `close`, so every read sees the same state.
 */
export interface SqliteReadSnapshot {
  /** A prepared statement that returns its rows as arrays, for the hot reads. */
  prepareArrays(sql: string): StatementSync;
  /** Runs one query in the snapshot (select or with only) and returns its rows as objects. */
  query(sql: string, parameters: readonly unknown[]): unknown[];
  /** Ends the transaction (a read: nothing to keep or undo) and closes the connection. */
  close(): void;
}

// Statements that read; anything else (a write, or begin, commit, rollback, pragma or attach, which
// would end the snapshot or change the connection) is refused before it is prepared.
const READ_STATEMENT = /^\s*(select|with)\b/i;

/** How many distinct query texts are kept prepared: a verification issues a handful. */
const KEPT_STATEMENTS = 64;

/** node:sqlite binds no booleans; Accord stores them as 0/1. */
function bind(parameters: readonly unknown[]): SQLInputValue[] {
  return parameters.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : (value as SQLInputValue)));
}

/** Opens `file` read-only and begins the snapshot's read transaction. */
export function openSqliteReadSnapshot(file: string): SqliteReadSnapshot {
  let raw: DatabaseSync;
  try {
    raw = new DatabaseSync(file, { readOnly: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`cannot open the SQLite file ${file} to read it: ${reason}`, { cause: error });
  }
  try {
    // Belt and braces beside the read-only open: the connection refuses writes at the statement level too.
    raw.exec('PRAGMA query_only = ON');
    raw.exec('PRAGMA busy_timeout = 5000');
    raw.exec('BEGIN DEFERRED');
  } catch (error) {
    raw.close();
    throw error;
  }
  const kept = new Map<string, StatementSync>();
  return {
    prepareArrays(sql) {
      const statement = raw.prepare(sql);
      statement.setReturnArrays(true);
      return statement;
    },
    query(sql, parameters) {
      if (!READ_STATEMENT.test(sql)) throw new Error('a read snapshot runs queries only');
      let statement = kept.get(sql);
      if (!statement) {
        statement = raw.prepare(sql);
        if (kept.size >= KEPT_STATEMENTS) kept.clear();
        kept.set(sql, statement);
      }
      const rows = statement.all(...bind(parameters));
      // Defence in depth: a statement that ended the transaction would leave later reads in other snapshots.
      if (!raw.isTransaction) throw new Error('the read snapshot ended');
      return rows;
    },
    close() {
      if (raw.isOpen) {
        if (raw.isTransaction) raw.exec('ROLLBACK');
        raw.close();
      }
    },
  };
}
