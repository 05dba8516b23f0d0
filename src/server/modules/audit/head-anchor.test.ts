import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../../../test/crash/server-process.ts';
import { migrateToLatest, openDatabase } from '../../db/database.ts';
import { fillLog, makeKey } from './audit-log.fixtures.ts';
import { anchorFileFor, fileHeadAnchor, readAnchorFile } from './head-anchor.ts';
import {
  keyIdOf,
  loadOrCreateSigningKey,
  loadPublicKey,
  publicKeyFromPem,
  SIGNING_KEY_FILE,
} from './tree-head.ts';

const base = mkdtempSync(join(tmpdir(), 'accord-anchor-'));
after(() => rmSync(base, { recursive: true, force: true }));

describe('signed-head anchor file', () => {
  const root = (c: string) => c.repeat(64);

  test('is written owner-only, read back, and never moves back to a smaller tree', async () => {
    const file = join(base, 'keys', 'anchor.json');
    const anchor = fileHeadAnchor(file);
    assert.equal(await anchor.read(), null);
    await anchor.write({ treeSize: 16, rootHash: root('a') });
    assert.equal(statSync(file).mode & 0o777, 0o600);
    await anchor.write({ treeSize: 40, rootHash: root('b') });
    await anchor.write({ treeSize: 32, rootHash: root('c') });
    assert.deepEqual(await anchor.read(), { treeSize: 40, rootHash: root('b') });
    assert.deepEqual(readdirSync(join(base, 'keys')), ['anchor.json'], 'no temporary file is left behind');
  });

  test('an unreadable anchor is an error, not an absent one', async () => {
    const file = join(base, 'bad.json');
    writeFileSync(file, '{"treeSize": -3, "rootHash": "zz"}');
    await assert.rejects(fileHeadAnchor(file).read(), /malformed/);
    writeFileSync(file, 'not json');
    assert.throws(() => readAnchorFile(file), /not valid JSON/);
  });

  test('each database configured gets its own anchor in a shared key directory', () => {
    const dir = join(base, 'shared');
    const a = anchorFileFor(dir, { kind: 'sqlite', file: '/srv/a.db' });
    const b = anchorFileFor(dir, { kind: 'postgres', url: 'postgres://db.example:5432/accord' });
    const sameB = anchorFileFor(dir, { kind: 'postgres', url: 'postgres://other:secret@DB.example/accord' });
    assert.notEqual(a, b);
    assert.equal(b, sameB, 'credentials and the default port do not change which database it is');
    assert.match(a, /last-signed-head-[0-9a-f]{16}\.json$/);
  });
});

describe('verification keys', () => {
  test('loadPublicKey reads the existing key and never creates one', () => {
    const empty = join(base, 'no-key');
    assert.throws(() => loadPublicKey(empty), /no tree head signing key/);
    assert.equal(existsSync(join(empty, SIGNING_KEY_FILE)), false);
    const dir = join(base, 'with-key');
    const key = loadOrCreateSigningKey(dir);
    const loaded = loadPublicKey(dir);
    assert.equal(loaded.keyId, key.keyId);
    assert.equal(loaded.publicKey.type, 'public');
  });

  test('publicKeyFromPem takes an Ed25519 SPKI PEM and refuses anything else', () => {
    const key = makeKey();
    assert.equal(publicKeyFromPem(key.publicKeyPem).keyId, keyIdOf(key.publicKey));
    assert.throws(
      () => publicKeyFromPem('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'),
      /PEM/,
    );
  });
});

describe('accord audit verify', () => {
  const site = join(base, 'site');
  const env = { DATABASE_URL: `sqlite:${join(site, 'accord.db')}`, ACCORD_KEY_DIR: join(site, 'keys') };

  test('never creates a key, checks heads against --public-key, and names a foreign key id', {
    timeout: 60_000,
  }, async () => {
    const database = await openDatabase({ kind: 'sqlite', file: join(site, 'accord.db') });
    const key = makeKey();
    try {
      await migrateToLatest(database);
      await fillLog(database, key, 20);
    } finally {
      await database.close();
    }
    const missing = await runCli(['audit', 'verify', '--json'], env);
    assert.equal(missing.code, 2, missing.stderr);
    assert.match(missing.stderr, /no tree head signing key/);
    assert.equal(existsSync(join(site, 'keys', SIGNING_KEY_FILE)), false, 'verify created a key');

    const served = join(site, 'public-key.json');
    writeFileSync(
      served,
      JSON.stringify({ keyId: key.keyId, algorithm: 'Ed25519', publicKeyPem: key.publicKeyPem }),
    );
    const ok = await runCli(['audit', 'verify', '--json', '--public-key', served], env);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal((JSON.parse(ok.stdout) as { ok: boolean }).ok, true);

    const other = makeKey();
    const pem = join(site, 'other.pem');
    writeFileSync(pem, other.publicKeyPem);
    const foreign = await runCli(['audit', 'verify', '--json', '--public-key', pem], env);
    assert.equal(foreign.code, 1);
    const report = JSON.parse(foreign.stdout) as { problem: { kind: string; message: string } };
    assert.equal(report.problem.kind, 'HEAD_SIGNATURE');
    assert.ok(report.problem.message.includes(key.keyId));
    assert.equal(existsSync(join(site, 'keys', SIGNING_KEY_FILE)), false);
  });
});
