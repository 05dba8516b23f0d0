/**
 * Where a test that runs real server processes keeps its data: a SQLite file in a scratch folder,
 * or a fresh database on the PostgreSQL server, each with its own key folder and no demo.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The environment a server or CLI runs with, and how to clean up after it. */
export interface ServerSite {
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** A SQLite file in a new scratch folder. */
export function sqliteSite(prefix: string): ServerSite {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return {
    env: {
      DATABASE_URL: `sqlite:${join(dir, 'accord.db')}`,
      ACCORD_KEY_DIR: join(dir, 'keys'),
      ACCORD_DEMO: 'off',
    },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A new database on the PostgreSQL server at `serverUrl`, dropped on cleanup. */
export async function postgresSite(serverUrl: string, prefix: string): Promise<ServerSite> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const name = `${prefix.replaceAll('-', '_')}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), ACCORD_KEY_DIR: join(dir, 'keys'), ACCORD_DEMO: 'off' },
    cleanup: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
