import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { makeKey } from './audit-log.fixtures.ts';
import { loadOrCreateSigningKey, SIGNING_KEY_FILE, signTreeHead, verifyTreeHead } from './tree-head.ts';
import { loadTrustedKeys, NoSigningKeyError, RETIRED_KEYS_DIR, rotateSigningKey } from './trusted-keys.ts';

const HEAD = {
  treeSize: 3,
  rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  timestamp: '2026-11-01T09:00:00.000Z',
};

const base = mkdtempSync(join(tmpdir(), 'accord-rotate-'));
after(() => rmSync(base, { recursive: true, force: true }));

describe('rotating the signing key', () => {
  test('keeps the old public key owner-only and replaces the private key', () => {
    const dir = join(base, 'rotate');
    const old = loadOrCreateSigningKey(dir);
    const rotation = rotateSigningKey(dir);
    assert.equal(rotation.retiredKeyId, old.keyId);
    assert.equal(rotation.retiredKeyFile, join(dir, RETIRED_KEYS_DIR, `${old.keyId}.pem`));
    assert.equal(readFileSync(rotation.retiredKeyFile, 'utf8'), old.publicKeyPem);
    assert.equal(statSync(rotation.retiredKeyFile).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, RETIRED_KEYS_DIR)).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir, SIGNING_KEY_FILE)).mode & 0o777, 0o600);
    assert.deepEqual(
      readdirSync(dir).sort(),
      [RETIRED_KEYS_DIR, SIGNING_KEY_FILE],
      'no temporary file is left',
    );
    assert.deepEqual(readdirSync(join(dir, RETIRED_KEYS_DIR)), [`${old.keyId}.pem`]);

    const current = loadOrCreateSigningKey(dir);
    assert.equal(current.keyId, rotation.newKeyId);
    assert.notEqual(current.keyId, old.keyId);
    // The private key now in the directory signs as the new key, and nothing in it signs as the old one.
    const signed = signTreeHead(HEAD, current.privateKey);
    assert.equal(verifyTreeHead(signed, current.publicKey), true);
    assert.equal(verifyTreeHead({ ...signed, keyId: old.keyId }, old.publicKey), false);
    assert.ok(
      !readFileSync(join(dir, SIGNING_KEY_FILE), 'utf8').includes(
        old.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      ),
    );
  });

  test('a second rotation retires the second key beside the first', () => {
    const dir = join(base, 'twice');
    const first = loadOrCreateSigningKey(dir);
    const second = rotateSigningKey(dir);
    const third = rotateSigningKey(dir);
    assert.equal(third.retiredKeyId, second.newKeyId);
    const trusted = loadTrustedKeys(dir);
    assert.deepEqual(
      trusted.map((k) => [k.keyId, k.current]),
      [[third.newKeyId, true], ...[first.keyId, second.newKeyId].sort().map((id) => [id, false])],
    );
  });

  test('refuses, creating nothing, when the directory holds no signing key', () => {
    const dir = join(base, 'empty');
    assert.throws(() => rotateSigningKey(dir), NoSigningKeyError);
    assert.throws(() => rotateSigningKey(dir), /no tree head signing key at .* to rotate/);
    assert.equal(existsSync(dir), false);
  });
});

describe('loading the trusted keys', () => {
  test('is the current key alone before any rotation, and never creates one', () => {
    const dir = join(base, 'fresh');
    assert.throws(() => loadTrustedKeys(dir), /no tree head signing key/);
    assert.equal(existsSync(join(dir, SIGNING_KEY_FILE)), false);
    const key = loadOrCreateSigningKey(dir);
    assert.deepEqual(
      loadTrustedKeys(dir).map((k) => ({ keyId: k.keyId, pem: k.publicKeyPem, current: k.current })),
      [{ keyId: key.keyId, pem: key.publicKeyPem, current: true }],
    );
  });

  test('skips a temporary file an interrupted write left behind', () => {
    const dir = join(base, 'leftover');
    const old = loadOrCreateSigningKey(dir);
    const rotation = rotateSigningKey(dir);
    writeFileSync(join(dir, RETIRED_KEYS_DIR, `${old.keyId}.pem.123.abc.tmp`), 'half a key', { mode: 0o600 });
    assert.deepEqual(
      loadTrustedKeys(dir).map((k) => [k.keyId, k.current]),
      [
        [rotation.newKeyId, true],
        [old.keyId, false],
      ],
    );
  });

  test('lists the current key once when a crashed rotation kept it as retired too', () => {
    const dir = join(base, 'crashed');
    const key = loadOrCreateSigningKey(dir);
    // A crash after keeping the public key and before replacing the private one leaves exactly this.
    mkdirSync(join(dir, RETIRED_KEYS_DIR), { mode: 0o700 });
    writeFileSync(join(dir, RETIRED_KEYS_DIR, `${key.keyId}.pem`), key.publicKeyPem, { mode: 0o600 });
    assert.deepEqual(
      loadTrustedKeys(dir).map((k) => [k.keyId, k.current]),
      [[key.keyId, true]],
    );
  });

  describe('refuses a retired key file, naming it, when it', () => {
    const setUp = (name: string): { dir: string; file: string } => {
      const dir = join(base, name);
      const old = loadOrCreateSigningKey(dir);
      rotateSigningKey(dir);
      return { dir, file: join(dir, RETIRED_KEYS_DIR, `${old.keyId}.pem`) };
    };
    const refused = (dir: string, file: string, reason: RegExp): void => {
      assert.throws(
        () => loadTrustedKeys(dir),
        (error: unknown) => {
          assert.ok(error instanceof Error);
          assert.ok(error.message.includes(file), error.message);
          assert.match(error.message, reason);
          return true;
        },
      );
    };

    test('holds another key than its name gives', () => {
      const { dir, file } = setUp('swapped');
      writeFileSync(file, makeKey().publicKeyPem);
      refused(dir, file, /not the key its name gives/);
    });

    test('is not a public key, or not Ed25519', () => {
      const { dir, file } = setUp('garbage');
      writeFileSync(file, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n');
      refused(dir, file, /not a PEM public key/);
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
      writeFileSync(file, ec.export({ type: 'spki', format: 'pem' }));
      refused(dir, file, /not an Ed25519 public key/);
    });

    test('is named for no key at all', () => {
      const { dir } = setUp('stray');
      const key = makeKey();
      const file = join(dir, RETIRED_KEYS_DIR, 'partner.pem');
      writeFileSync(file, key.publicKeyPem, { mode: 0o600 });
      refused(dir, file, /not the key its name gives/);
    });

    test('can be changed by other users, or sits in a folder that can', () => {
      const { dir, file } = setUp('loose');
      chmodSync(file, 0o666);
      refused(dir, file, /can be changed by other users/);
      chmodSync(file, 0o600);
      const folder = join(dir, RETIRED_KEYS_DIR);
      chmodSync(folder, 0o777);
      refused(dir, folder, /can be changed by other users/);
    });
  });
});
