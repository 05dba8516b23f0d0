import {
  type DatabaseConnection,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { Db } from './database.ts';

/** Runs one SQLite statement somewhere else (another thread's connection) and returns its rows. */
export type RemoteSqliteQuery = (sql: string, parameters: readonly unknown[]) => Promise<unknown[]>;

/**
 * A query handle whose SQLite statements run on a connection this thread does not hold: each compiled
 * query is handed to `run` (e.g. posted to a worker thread reading in its own transaction) and its rows
 * come back. Read-only by intent: it opens no transaction of its own, so every query is read wherever,
 * and in whatever snapshot, `run` reads.
 */
export function remoteSqliteDb(run: RemoteSqliteQuery): Db {
  const connection: DatabaseConnection = {
    async executeQuery<R>(query: { sql: string; parameters: readonly unknown[] }): Promise<QueryResult<R>> {
      return { rows: (await run(query.sql, query.parameters)) as R[] };
    },
    streamQuery(): never {
      throw new Error('a remote SQLite handle does not stream');
    },
  };
  const refuse = (): Promise<void> => Promise.reject(new Error('a remote SQLite handle has no transactions'));
  const driver: Driver = {
    init: async () => {},
    acquireConnection: async () => connection,
    beginTransaction: refuse,
    commitTransaction: refuse,
    rollbackTransaction: refuse,
    releaseConnection: async () => {},
    destroy: async () => {},
  };
  return new Kysely({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  }) as unknown as Db;
}
