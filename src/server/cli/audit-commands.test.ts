/**
 * `accord audit rotate-key` and `accord audit verify` run as an operator runs them, as child processes
 * on a file database: SQLite always, PostgreSQL too when ACCORD_TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { runCli } from '../../../test/crash/server-process.ts';
import { type Database, migrateToLatest, openDatabase } from '../db/database.ts';
import { fillLog, makeKey } from '../modules/audit/audit-log.fixtures.ts';
import { KEY_ROTATION_ACTION } from '../modules/audit/key-rotation.service.ts';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE, type SigningKey } from '../modules/audit/tree-head.ts';
import { RETIRED_KEYS_DIR } from '../modules/audit/trusted-keys.ts';

/** Where one run keeps its database and keys, as the CLI's environment names them. */
interface Site {
  readonly env: NodeJS.ProcessEnv;
  readonly keyDir: string;
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

const base = mkdtempSync(join(tmpdir(), 'accord-cli-audit-'));
after(() => rmSync(base, { recursive: true, force: true }));

function sqliteSite(): Site {
  const dir = mkdtempSync(join(base, 'sqlite-'));
  const file = join(dir, 'accord.db');
  return {
    env: { DATABASE_URL: `sqlite:${file}`, ACCORD_KEY_DIR: join(dir, 'keys') },
    keyDir: join(dir, 'keys'),
    open: () => openDatabase({ kind: 'sqlite', file }),
    cleanup: async () => undefined,
  };
}

async function postgresSite(serverUrl: string): Promise<Site> {
  const dir = mkdtempSync(join(base, 'postgres-'));
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { DATABASE_URL: url.toString(), ACCORD_KEY_DIR: join(dir, 'keys') },
    keyDir: join(dir, 'keys'),
    open: () => openDatabase({ kind: 'postgres', url: url.toString() }),
    cleanup: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

interface Report {
  ok: boolean;
  treeSize: number;
  headsChecked: number;
  problem: { kind: string; at: string; message: string } | null;
}

/** Rotates between two batches of signed heads, then verifies the log from the command line. */
async function rotateAndVerify(site: Site): Promise<void> {
  const refused = await runCli(['audit', 'rotate-key'], site.env);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /no tree head signing key at .* to rotate/);
  assert.equal(existsSync(join(site.keyDir, SIGNING_KEY_FILE)), false, 'rotate-key created a key');

  const oldKey = loadOrCreateSigningKey(site.keyDir);
  let newKey: SigningKey;
  const database = await site.open();
  try {
    await migrateToLatest(database);
    await fillLog(database, oldKey, 20);

    const rotated = await runCli(['audit', 'rotate-key'], site.env);
    assert.equal(rotated.code, 0, rotated.stderr);
    newKey = loadOrCreateSigningKey(site.keyDir);
    assert.notEqual(newKey.keyId, oldKey.keyId);
    assert.ok(rotated.stdout.includes(`Retired key: ${oldKey.keyId}`), rotated.stdout);
    assert.ok(rotated.stdout.includes(`New key:     ${newKey.keyId}`), rotated.stdout);
    assert.match(rotated.stdout, /keep signing with the retired key until they are restarted/);
    assert.match(rotated.stdout, /Heads signed with the retired key still verify/);

    const entries = await database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', KEY_ROTATION_ACTION)
      .execute();
    assert.equal(entries.length, 1);
    assert.equal(entries[0]?.outcome, 'success');
    assert.equal(entries[0]?.actor_staff_id, null);
    assert.deepEqual(JSON.parse(entries[0]?.details ?? ''), {
      retiredKeyId: oldKey.keyId,
      newKeyId: newKey.keyId,
    });

    // The restarted server signs with the new key, the rotation's own entry among the first.
    await fillLog(database, newKey, 20);
  } finally {
    await database.close();
  }

  const verified = await runCli(['audit', 'verify', '--json'], site.env);
  assert.equal(verified.code, 0, verified.stderr);
  const report = JSON.parse(verified.stdout) as Report;
  assert.equal(report.ok, true);
  assert.equal(report.headsChecked, 4);

  const oldPem = join(site.keyDir, '..', 'old.pem');
  const newPem = join(site.keyDir, '..', 'new.pem');
  writeFileSync(oldPem, oldKey.publicKeyPem);
  writeFileSync(newPem, newKey.publicKeyPem);
  const newOnly = await runCli(['audit', 'verify', '--json', '--public-key', newPem], site.env);
  assert.equal(newOnly.code, 1);
  const problem = (JSON.parse(newOnly.stdout) as Report).problem;
  assert.equal(problem?.kind, 'HEAD_SIGNATURE');
  assert.ok(problem?.message.includes(oldKey.keyId), problem?.message);
  // Each run is recorded for the evidence pack, failed ones too.
  const recorded = await site.open();
  try {
    const runs = await recorded.db
      .selectFrom('audit_verification_runs')
      .selectAll()
      .orderBy('verified_at')
      .execute();
    assert.equal(runs.length, 2);
    assert.deepEqual(
      runs.map((r) => [Number(r.ok), Number(r.problems), Number(r.tree_size)]),
      [
        [1, 0, report.treeSize],
        [0, 1, report.treeSize],
      ],
    );
    assert.ok(runs[0]?.root_hash, 'the root of the verified tree');
  } finally {
    await recorded.close();
  }
  const both = await runCli(
    ['audit', 'verify', '--json', '--public-key', newPem, '--public-key', oldPem],
    site.env,
  );
  assert.equal(both.code, 0, both.stderr);
  const served = join(site.keyDir, '..', 'public-keys.json');
  writeFileSync(
    served,
    JSON.stringify(
      [newKey, oldKey].map((k, i) => ({
        keyId: k.keyId,
        algorithm: 'Ed25519',
        publicKeyPem: k.publicKeyPem,
        current: i === 0,
      })),
    ),
  );
  const list = await runCli(['audit', 'verify', '--json', '--public-key', served], site.env);
  assert.equal(list.code, 0, list.stderr);

  const retiredFile = join(site.keyDir, RETIRED_KEYS_DIR, `${oldKey.keyId}.pem`);
  writeFileSync(retiredFile, makeKey().publicKeyPem);
  const tampered = await runCli(['audit', 'verify', '--json'], site.env);
  assert.equal(tampered.code, 2);
  assert.ok(tampered.stderr.includes(retiredFile), tampered.stderr);
  assert.match(tampered.stderr, /not the key its name gives/);
}

describe('accord audit verify', () => {
  it('refuses a SQLite path where there is no database, and creates none', async () => {
    const missing = join(mkdtempSync(join(base, 'missing-')), 'no-such.db');
    const run = await runCli(['audit', 'verify'], {
      DATABASE_URL: `sqlite:${missing}`,
      ACCORD_KEY_DIR: join(base, 'missing-keys'),
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /there is no database at .*no-such\.db/);
    assert.equal(existsSync(missing), false);
  });

  it('refuses a database Accord was never set up in, and creates no tables in it', async () => {
    const empty = join(mkdtempSync(join(base, 'empty-')), 'empty.db');
    writeFileSync(empty, '');
    const run = await runCli(['audit', 'verify'], {
      DATABASE_URL: `sqlite:${empty}`,
      ACCORD_KEY_DIR: join(base, 'empty-keys'),
    });
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /holds no Accord audit log/);
    const opened = new DatabaseSync(empty, { readOnly: true });
    try {
      assert.deepEqual(opened.prepare('select name from sqlite_master').all(), []);
    } finally {
      opened.close();
    }
  });

  const url = process.env.ACCORD_TEST_DATABASE_URL;
  it('refuses a PostgreSQL schema Accord was never set up in, and creates no tables in it', {
    skip: url ? false : 'ACCORD_TEST_DATABASE_URL is not set',
  }, async () => {
    if (!url) return;
    const site = await postgresSite(url);
    try {
      const run = await runCli(['audit', 'verify'], site.env);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /holds no Accord audit log/);
      const database = await site.open();
      try {
        const tables = await sql<{ n: number }>`select count(*) as n from information_schema.tables
          where table_schema = current_schema()`.execute(database.db);
        assert.equal(Number(tables.rows[0]?.n), 0);
      } finally {
        await database.close();
      }
    } finally {
      await site.cleanup();
    }
  });
});

describe('accord audit rotate-key', () => {
  it('explains itself with --help, and is listed by accord --help', async () => {
    const help = await runCli(['audit', 'rotate-key', '--help'], {});
    assert.equal(help.code, 0, help.stderr);
    assert.match(help.stdout, /^accord audit rotate-key\n/);
    assert.match(help.stdout, /until they are restarted/);
    const main = await runCli(['--help'], {});
    assert.match(main.stdout, /audit rotate-key {2}retire the tree head signing key/);
  });

  it('[sqlite] rotates, logs the rotation, and heads of both keys verify', { timeout: 60_000 }, async () => {
    const site = sqliteSite();
    try {
      await rotateAndVerify(site);
    } finally {
      await site.cleanup();
    }
  });

  const url = process.env.ACCORD_TEST_DATABASE_URL;
  it('[postgres] rotates, logs the rotation, and heads of both keys verify', {
    timeout: 60_000,
    skip: url ? false : 'ACCORD_TEST_DATABASE_URL is not set',
  }, async () => {
    if (!url) return;
    const site = await postgresSite(url);
    try {
      await rotateAndVerify(site);
    } finally {
      await site.cleanup();
    }
  });
});
