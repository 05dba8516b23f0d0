/**
 * Where the audit writer's group commits run. On a file database each commit runs off the event loop,
 * on a connection of its own: SQLite in a worker thread, PostgreSQL on a dedicated pooled connection. An
 * in-memory SQLite database or PGlite cannot be opened twice, so those commit in process, on the
 * application's own handle; that choice is made here, by name, never by falling back.
 */
import type { DatabaseConfig } from '../../config.ts';
import { type Database, type DatabaseHandle, openDatabase } from '../../db/database.ts';
import { insertChunks, insertEntries } from './audit.repository.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { sqliteWorkerCommitter } from './audit-commit-worker-client.ts';

/** Stores a batch of audit rows in one transaction. */
export interface AuditCommitter {
  /** Where commits run, for logs and benchmarks. */
  readonly kind: 'in-process' | 'dedicated-connection' | 'worker-thread';
  /** How many commits may be in flight at once (each on a connection of its own). */
  readonly concurrency: number;
  /** Resolves once every row is durably committed; rejects, having stored none, otherwise. */
  commit(rows: readonly AuditEntryRow[]): Promise<void>;
  /** Releases the connection or thread; commits after this fail. */
  close(): Promise<void>;
}

/**
 * Commits on the given database handle, in the calling thread; closes the handle on close only if
 * `owned`. `concurrency` above 1 only for a pool with that many connections of its own.
 */
export function transactionCommitter(
  database: DatabaseHandle & { close?: () => Promise<void> },
  options: { owned?: boolean; concurrency?: number } = {},
): AuditCommitter {
  const style = database.engine === 'sqlite' ? '?' : '$';
  return {
    kind: options.owned ? 'dedicated-connection' : 'in-process',
    concurrency: options.concurrency ?? 1,
    // One statement is atomic by itself: a batch that fits in one saves the round trips of BEGIN and COMMIT.
    commit: (rows) =>
      insertChunks(rows.length, style).length <= 1
        ? insertEntries(database.db, rows)
        : database.db.transaction().execute((tx) => insertEntries(tx, rows)),
    close: async () => {
      if (options.owned) await database.close?.();
    },
  };
}

export const POSTGRES_COMMITS_IN_FLIGHT = 2;

/**
 * The committer for a configured database: a worker thread with its own connection for a SQLite file,
 * a dedicated two-connection pool for PostgreSQL, and the application's handle (`database`) for an
 * in-memory SQLite database, which no second connection can reach.
 */
export async function openAuditCommitter(
  config: DatabaseConfig,
  database: Database,
): Promise<AuditCommitter> {
  if (config.kind === 'sqlite')
    return config.file === ':memory:' ? transactionCommitter(database) : sqliteWorkerCommitter(config.file);
  // PostgreSQL spends about 43 µs a row on the audit table's indexes: one connection committing one
  // batch at a time waits on the server, so two batches are in flight, each on its own connection.
  // Their INSERTs are named statements (audit.repository.ts), parsed once per connection.
  return transactionCommitter(await openDatabase(config, { poolSize: POSTGRES_COMMITS_IN_FLIGHT }), {
    owned: true,
    concurrency: POSTGRES_COMMITS_IN_FLIGHT,
  });
}
