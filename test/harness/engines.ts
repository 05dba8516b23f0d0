import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import {
  type Database,
  fromPglite,
  fromPgPool,
  migrateToLatest,
  openDatabase,
} from '../../src/server/db/database.ts';

/** A database engine the storage tests run on. */
export interface TestEngine {
  /** `sqlite`, `postgres` (a real server) or `pglite` (the Postgres dialect in-process). */
  readonly name: string;
  /** Opens a fresh, empty, migrated database of this engine. */
  open(): Promise<Database>;
}

const sqliteEngine: TestEngine = {
  name: 'sqlite',
  async open() {
    const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(database);
    return database;
  },
};

/** A real PostgreSQL server: each database is a fresh schema, dropped when closed. */
function postgresEngine(url: string): TestEngine {
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const pool = new pg.Pool({ connectionString: url, max: 4, options: `-c search_path=${schema}` });
      const database = fromPgPool(pool);
      await migrateToLatest(database);
      return {
        ...database,
        async close() {
          await database.close();
          const cleanup = new pg.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`drop schema ${schema} cascade`);
          await cleanup.end();
        },
      };
    },
  };
}

const pgliteEngine: TestEngine = {
  name: 'pglite',
  async open() {
    const { PGlite } = await import('@electric-sql/pglite');
    const database = fromPglite(new PGlite());
    await migrateToLatest(database);
    return database;
  },
};

/** SQLite always; PostgreSQL as a real server when ACCORD_TEST_DATABASE_URL is set, else PGlite. */
export function testEngines(): TestEngine[] {
  const url = process.env.ACCORD_TEST_DATABASE_URL;
  return [sqliteEngine, url ? postgresEngine(url) : pgliteEngine];
}

/**
 * Declares a suite once per engine, titled with the engine's name so the output shows both.
 * The body gets a getter for the suite's database, opened before and closed after the suite.
 */
export function describeEachEngine(
  title: string,
  body: (database: () => Database, engine: TestEngine) => void,
): void {
  for (const engine of testEngines()) {
    describe(`${title} [${engine.name}]`, () => {
      let database: Database | undefined;
      before(async () => {
        database = await engine.open();
      });
      after(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error('database not open yet');
        return database;
      }, engine);
    });
  }
}
