/**
 * Signed tree heads: an Ed25519 signature over (tree size, root hash, time). A partner who keeps one outside
 * Accord can later demand a consistency proof from it and so detect any rewritten history.
 *
 * Signed bytes, version 1 (60 bytes, integers unsigned big-endian):
 *   offset  0, 10 bytes  ASCII "accord-sth": domain separation, so no other signed message can pass as a head
 *   offset 10,  1 byte   0x00, ending the prefix
 *   offset 11,  1 byte   layout version, 0x01
 *   offset 12,  8 bytes  tree size
 *   offset 20,  8 bytes  timestamp, milliseconds since 1970-01-01T00:00:00Z
 *   offset 28, 32 bytes  root hash (RFC 9162 MTH)
 * Each field has exactly one accepted text form (lower-case hex, Date#toISOString), so no head has two
 * spellings that share a signature.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file.ts';

/** The unsigned statement: the log had treeSize entries with this root at this time. */
export interface TreeHead {
  readonly treeSize: number;
  /** Lower-case hex of the 32-byte root hash. */
  readonly rootHash: string;
  /** ISO-8601 UTC exactly as Date#toISOString writes it, e.g. 2025-01-31T09:30:00.000Z. */
  readonly timestamp: string;
}

/** A tree head with its Ed25519 signature (base64) and the signing key's id. */
export interface SignedTreeHead extends TreeHead {
  readonly signature: string;
  /** Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo of the signing key. */
  readonly keyId: string;
}

/** The log's signing key pair, loaded from (or first created in) the key directory. */
export interface SigningKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly keyId: string;
  readonly publicKeyPem: string;
}

/** Layout version written at offset 11 of the signed bytes. */
export const TREE_HEAD_VERSION = 1;

/** File name of the PKCS#8 PEM private key inside the key directory. */
export const SIGNING_KEY_FILE = 'tree-head-signing-key.pem';

const PREFIX = Buffer.from('accord-sth\0', 'ascii');
const SIGNED_LENGTH = PREFIX.length + 1 + 8 + 8 + 32;
const ED25519_SIGNATURE_LENGTH = 64;

/** The canonical bytes a tree head signature covers; throws RangeError for a non-canonical head. */
export function serializeTreeHead(head: TreeHead): Uint8Array {
  const { treeSize, rootHash, timestamp } = head;
  if (!Number.isSafeInteger(treeSize) || treeSize < 0)
    throw new RangeError('treeSize must be a whole number >= 0');
  if (typeof rootHash !== 'string' || !/^[0-9a-f]{64}$/.test(rootHash)) {
    throw new RangeError('rootHash must be 64 lower-case hex characters');
  }
  const millis = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  if (!(millis >= 0) || new Date(millis).toISOString() !== timestamp) {
    throw new RangeError('timestamp must be UTC in Date#toISOString form, not before 1970');
  }
  const bytes = Buffer.alloc(SIGNED_LENGTH);
  PREFIX.copy(bytes, 0);
  bytes.writeUInt8(TREE_HEAD_VERSION, PREFIX.length);
  bytes.writeBigUInt64BE(BigInt(treeSize), PREFIX.length + 1);
  bytes.writeBigUInt64BE(BigInt(millis), PREFIX.length + 9);
  bytes.write(rootHash, PREFIX.length + 17, 'hex');
  return bytes;
}

/** Signs a tree head with the log's Ed25519 private key; throws for a non-canonical head or another key type. */
export function signTreeHead(head: TreeHead, privateKey: KeyObject): SignedTreeHead {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new TypeError('tree heads are signed with an Ed25519 private key');
  }
  const signature = sign(null, serializeTreeHead(head), privateKey).toString('base64');
  const { treeSize, rootHash, timestamp } = head;
  return { treeSize, rootHash, timestamp, signature, keyId: keyIdOf(createPublicKey(privateKey)) };
}

/** True only if the head is canonical, names this key and carries its valid signature; never throws. */
export function verifyTreeHead(signed: SignedTreeHead, publicKey: KeyObject): boolean {
  try {
    if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ed25519') return false;
    if (signed.keyId !== keyIdOf(publicKey) || typeof signed.signature !== 'string') return false;
    const signature = Buffer.from(signed.signature, 'base64');
    // Buffer's base64 decoder skips junk; re-encoding pins the one accepted spelling.
    if (signature.length !== ED25519_SIGNATURE_LENGTH || signature.toString('base64') !== signed.signature)
      return false;
    return verify(null, serializeTreeHead(signed), publicKey, signature);
  } catch {
    return false;
  }
}

/** Hex SHA-256 of the key's DER SubjectPublicKeyInfo: names the key in heads and to partners. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/**
 * Loads the log's Ed25519 key from dir, creating dir (0700) and the key file (0600) on first use.
 * The key lives outside the database so that whoever can rewrite the database cannot re-sign history.
 */
export function loadOrCreateSigningKey(dir: string): SigningKey {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, SIGNING_KEY_FILE);
  if (!existsSync(file)) createKeyFile(file);
  return loadKeyFile(file);
}

/** The public half of the log's key, for verification only. */
export interface VerifyingKey {
  readonly publicKey: KeyObject;
  readonly keyId: string;
  readonly publicKeyPem: string;
}

/**
 * The public key of the existing signing key in dir; never creates one. Verifying against a freshly made
 * key would report every real head as forged, and leave a key behind that no head was signed with.
 */
export function loadPublicKey(dir: string): VerifyingKey {
  const file = join(dir, SIGNING_KEY_FILE);
  if (!existsSync(file)) {
    throw new Error(
      `no tree head signing key at ${file}; set ACCORD_KEY_DIR to the server's key directory or give its public key with --public-key`,
    );
  }
  const { publicKey, keyId, publicKeyPem } = loadKeyFile(file);
  return { publicKey, keyId, publicKeyPem };
}

/** Parses an Ed25519 public key in PEM SubjectPublicKeyInfo form (as GET /api/v1/audit/public-key serves it). */
export function publicKeyFromPem(pem: string): VerifyingKey {
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('not a PEM public key');
  }
  if (publicKey.type !== 'public' || publicKey.asymmetricKeyType !== 'ed25519')
    throw new Error('not an Ed25519 public key');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { publicKey, keyId: keyIdOf(publicKey), publicKeyPem };
}

function createKeyFile(file: string): void {
  const { privateKey } = generateKeyPairSync('ed25519');
  // Never replaces: a concurrent first start keeps whichever key was written first.
  writeFileAtomically(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), {
    replace: false,
  });
}

function loadKeyFile(file: string): SigningKey {
  // Like ssh, refuse a private key others can read: anyone holding it could sign a rewritten history.
  if (process.platform !== 'win32' && (statSync(file).mode & 0o077) !== 0) {
    throw new Error(`tree head signing key ${file} is accessible to other users; restrict it with chmod 600`);
  }
  const privateKey = createPrivateKey(readFileSync(file));
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`tree head signing key ${file} is not an Ed25519 key`);
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem };
}
