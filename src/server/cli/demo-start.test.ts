/**
 * The demo partnership (accounts sharing one known password) reaches only the quick start's SQLite
 * database: a server started on an empty PostgreSQL database, or in production, loads none unless
 * ACCORD_DEMO=on asks for it.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { startServer, stopGracefully } from '../../../test/crash/server-process.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { demoAllowedAtStart } from './demo-start.ts';

const base = mkdtempSync(join(tmpdir(), 'accord-demo-start-'));
after(() => rmSync(base, { recursive: true, force: true }));

/** Starts the real server once on the database, stops it, and counts the staff accounts it holds. */
async function staffAfterStart(databaseUrl: string, env: NodeJS.ProcessEnv): Promise<number> {
  const server = await startServer({
    ACCORD_DEMO: '',
    NODE_ENV: '',
    ...env,
    DATABASE_URL: databaseUrl,
    ACCORD_KEY_DIR: mkdtempSync(join(base, 'keys-')),
  });
  await stopGracefully(server);
  const database = await openDatabase(loadConfig({ DATABASE_URL: databaseUrl }).database);
  try {
    const row = await database.db
      .selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

describe('loading the demo at start', () => {
  it('auto loads only into SQLite outside production; on loads anywhere; off never', () => {
    const auto = loadConfig({});
    assert.equal(auto.demo, 'auto');
    assert.equal(demoAllowedAtStart(auto, 'sqlite'), true);
    assert.equal(demoAllowedAtStart(auto, 'postgres'), false);
    const production = loadConfig({ NODE_ENV: 'production' });
    assert.equal(demoAllowedAtStart(production, 'sqlite'), false);
    assert.equal(demoAllowedAtStart(production, 'postgres'), false);
    const on = loadConfig({ NODE_ENV: 'production', ACCORD_DEMO: 'on' });
    assert.equal(demoAllowedAtStart(on, 'postgres'), true);
    assert.equal(demoAllowedAtStart(on, 'sqlite'), true);
    const off = loadConfig({ ACCORD_DEMO: 'off' });
    assert.equal(demoAllowedAtStart(off, 'sqlite'), false);
    assert.throws(() => loadConfig({ ACCORD_DEMO: 'yes' }), /ACCORD_DEMO must be auto, on or off/);
  });

  it('[sqlite] a new database started with NODE_ENV=production has no demo accounts', {
    timeout: 60_000,
  }, async () => {
    const file = join(mkdtempSync(join(base, 'sqlite-')), 'accord.db');
    assert.equal(await staffAfterStart(`sqlite:${file}`, { NODE_ENV: 'production' }), 0);
  });

  const url = process.env.ACCORD_TEST_DATABASE_URL;
  it('[postgres] an empty schema started without the demo flag has no demo accounts', {
    timeout: 60_000,
    skip: url ? false : 'ACCORD_TEST_DATABASE_URL is not set',
  }, async () => {
    if (!url) return;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      assert.equal(await staffAfterStart(scoped.toString(), {}), 0);
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });
});
