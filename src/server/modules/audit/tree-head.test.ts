import assert from 'node:assert/strict';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import {
  keyIdOf,
  loadOrCreateSigningKey,
  SIGNING_KEY_FILE,
  type SignedTreeHead,
  serializeTreeHead,
  signTreeHead,
  type TreeHead,
  verifyTreeHead,
} from './tree-head.ts';

// RFC 8032 §7.1 test 1 seed and public key, so the key id can be checked against a hand-built SPKI.
const SEED = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
const PUBLIC_KEY = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';
const SPKI_ED25519_PREFIX = '302a300506032b6570032100';

const HEAD: TreeHead = {
  treeSize: 8,
  rootHash: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  timestamp: '2025-01-31T09:30:00.000Z',
};

function fixedKey(): { privateKey: KeyObject; publicKey: KeyObject } {
  const der = Buffer.from(PKCS8_ED25519_PREFIX + SEED, 'hex');
  const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

function flipBase64Byte(signature: string, index: number): string {
  const bytes = Buffer.from(signature, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('tree head serialisation', () => {
  test('follows the documented version 1 layout', () => {
    const millis = Date.parse(HEAD.timestamp).toString(16).padStart(16, '0');
    const expected = [
      Buffer.from('accord-sth').toString('hex'),
      '00',
      '01',
      '0000000000000008',
      millis,
      HEAD.rootHash,
    ].join('');
    assert.equal(Buffer.from(serializeTreeHead(HEAD)).toString('hex'), expected);
  });

  test('rejects every non-canonical spelling', () => {
    const bad: TreeHead[] = [
      { ...HEAD, treeSize: -1 },
      { ...HEAD, treeSize: 1.5 },
      { ...HEAD, treeSize: 2 ** 53 },
      { ...HEAD, rootHash: HEAD.rootHash.toUpperCase() },
      { ...HEAD, rootHash: HEAD.rootHash.slice(2) },
      { ...HEAD, timestamp: '2025-01-31T09:30:00Z' },
      { ...HEAD, timestamp: '2025-01-31T10:30:00.000+01:00' },
      { ...HEAD, timestamp: '1969-12-31T23:59:59.999Z' },
      { ...HEAD, timestamp: 'yesterday' },
    ];
    for (const head of bad) assert.throws(() => serializeTreeHead(head), RangeError, JSON.stringify(head));
  });
});

describe('signing and verifying tree heads', () => {
  const { privateKey, publicKey } = fixedKey();
  const signed = signTreeHead(HEAD, privateKey);

  test('round-trips, deterministically, under a key id that is the SHA-256 of the SPKI', () => {
    assert.equal(verifyTreeHead(signed, publicKey), true);
    const spki = Buffer.from(SPKI_ED25519_PREFIX + PUBLIC_KEY, 'hex');
    assert.equal(signed.keyId, createHash('sha256').update(spki).digest('hex'));
    assert.equal(keyIdOf(publicKey), signed.keyId);
    // Pinned: a change here invalidates every tree head partners already hold.
    assert.equal(
      signed.signature,
      'NjUxNA/q6GiRIiTb2aDSC8cKJ28btzLt/wPSu4RdZ/oL159aQSg7Glw15TM/WMNM5dSuVAttm+rMiG7w1A07BA==',
    );
    assert.deepEqual(Object.keys(signed).sort(), ['keyId', 'rootHash', 'signature', 'timestamp', 'treeSize']);
  });

  test('fails after any change to size, root, timestamp, signature or key id', () => {
    const altered: SignedTreeHead[] = [
      { ...signed, treeSize: 9 },
      { ...signed, treeSize: 7 },
      { ...signed, rootHash: `${signed.rootHash.slice(0, -1)}9` },
      { ...signed, timestamp: '2025-01-31T09:30:00.001Z' },
      { ...signed, signature: flipBase64Byte(signed.signature, 0) },
      { ...signed, signature: flipBase64Byte(signed.signature, 63) },
      { ...signed, keyId: '00'.repeat(32) },
    ];
    for (const head of altered) assert.equal(verifyTreeHead(head, publicKey), false, JSON.stringify(head));
  });

  test('fails under another key', () => {
    const other = generateKeyPairSync('ed25519');
    assert.equal(verifyTreeHead(signed, other.publicKey), false);
    // Even with the key id rewritten to match, the signature is still not the other key's.
    assert.equal(verifyTreeHead({ ...signed, keyId: keyIdOf(other.publicKey) }, other.publicKey), false);
  });

  test('never throws on malformed heads or keys', () => {
    const malformed: unknown[] = [
      null,
      {},
      { ...signed, signature: 'not base64!' },
      { ...signed, signature: `${signed.signature}AAAA` },
      { ...signed, signature: ` ${signed.signature}` },
      { ...signed, signature: 42 },
      { ...signed, rootHash: signed.rootHash.toUpperCase() },
      { ...signed, timestamp: '2025-01-31T09:30:00Z' },
      { ...signed, treeSize: '8' },
    ];
    const call = verifyTreeHead as (head: unknown, key: unknown) => boolean;
    for (const head of malformed) assert.equal(call(head, publicKey), false, JSON.stringify(head));
    assert.equal(call(signed, privateKey), false);
    assert.equal(call(signed, generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey), false);
    assert.equal(call(signed, null), false);
  });

  test('signing refuses a non-canonical head and a key that is not an Ed25519 private key', () => {
    assert.throws(
      () => signTreeHead({ ...HEAD, rootHash: HEAD.rootHash.toUpperCase() }, privateKey),
      RangeError,
    );
    assert.throws(() => signTreeHead(HEAD, publicKey), TypeError);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.throws(() => signTreeHead(HEAD, ec.privateKey), TypeError);
  });
});

describe('signing key storage', () => {
  const base = mkdtempSync(join(tmpdir(), 'accord-keys-'));
  after(() => rmSync(base, { recursive: true, force: true }));

  test('creates an owner-only directory and key file, then reuses the key', () => {
    const dir = join(base, 'data', 'keys');
    const first = loadOrCreateSigningKey(dir);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(join(dir, SIGNING_KEY_FILE)).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(dir), [SIGNING_KEY_FILE]);

    const second = loadOrCreateSigningKey(dir);
    assert.equal(second.keyId, first.keyId);
    assert.equal(second.publicKeyPem, first.publicKeyPem);
    assert.equal(first.keyId, keyIdOf(first.publicKey));
    assert.match(first.publicKeyPem, /^-----BEGIN PUBLIC KEY-----\n/);
    assert.equal(verifyTreeHead(signTreeHead(HEAD, first.privateKey), second.publicKey), true);
  });

  test('different directories get different keys', () => {
    const a = loadOrCreateSigningKey(join(base, 'a'));
    const b = loadOrCreateSigningKey(join(base, 'b'));
    assert.notEqual(a.keyId, b.keyId);
  });

  test('refuses a key file that other users can read', () => {
    const dir = join(base, 'loose');
    loadOrCreateSigningKey(dir);
    chmodSync(join(dir, SIGNING_KEY_FILE), 0o644);
    assert.throws(() => loadOrCreateSigningKey(dir), /accessible to other users/);
  });

  test('refuses a key file that is not Ed25519', () => {
    const dir = join(base, 'wrong-type');
    loadOrCreateSigningKey(dir);
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(join(dir, SIGNING_KEY_FILE), ec.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    assert.throws(() => loadOrCreateSigningKey(dir), /not an Ed25519 key/);
  });
});
