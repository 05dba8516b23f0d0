/**
 * The keys a log's heads may be signed with: the current signing key and the keys it replaced. Rotation
 * keeps a retired key's PUBLIC half in `retired/<keyId>.pem` beside the current key, so the heads it
 * signed still verify, and removes its private half, so nobody can sign with it again.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomically } from './atomic-file.ts';
import {
  keyIdOf,
  loadPublicKey,
  publicKeyFromPem,
  SIGNING_KEY_FILE,
  type VerifyingKey,
} from './tree-head.ts';

/** Folder inside the key directory holding the public keys of retired signing keys. */
export const RETIRED_KEYS_DIR = 'retired';

/** A key whose heads verify; `current` for the key in the key directory that signs new heads. */
export interface TrustedKey extends VerifyingKey {
  readonly current: boolean;
}

/** What a rotation did: the key it retired (and where its public key now lives) and the key that replaced it. */
export interface KeyRotation {
  readonly retiredKeyId: string;
  readonly retiredKeyFile: string;
  readonly newKeyId: string;
}

/** The key directory holds no signing key to rotate. */
export class NoSigningKeyError extends Error {
  constructor(file: string) {
    super(`no tree head signing key at ${file} to rotate; set ACCORD_KEY_DIR to the server's key directory`);
    this.name = 'NoSigningKeyError';
  }
}

/**
 * Retires the signing key in dir and puts a new one in its place. Refuses when dir holds no signing key:
 * there is nothing to retire, and a key made here would be one no server had signed with.
 */
export function rotateSigningKey(dir: string): KeyRotation {
  const file = join(dir, SIGNING_KEY_FILE);
  if (!existsSync(file)) throw new NoSigningKeyError(file);
  const retired = loadPublicKey(dir);
  const retiredKeyFile = join(dir, RETIRED_KEYS_DIR, `${retired.keyId}.pem`);
  // The public half is kept before the private half is replaced: a crash in between leaves the old key
  // current (and trusted twice), never heads that no trusted key verifies.
  writeFileAtomically(retiredKeyFile, retired.publicKeyPem);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileAtomically(file, privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  return { retiredKeyId: retired.keyId, retiredKeyFile, newKeyId: keyIdOf(publicKey) };
}

/**
 * Every key whose heads verify: the current signing key in dir (never created here) first, then each
 * retired key. Throws naming the file for a retired key that is not an Ed25519 public key, is not named
 * after its key id, or can be changed by other users: a trusted key someone could swap is no check at all.
 */
export function loadTrustedKeys(dir: string): TrustedKey[] {
  const current = loadPublicKey(dir);
  const keys: TrustedKey[] = [{ ...current, current: true }];
  const retiredDir = join(dir, RETIRED_KEYS_DIR);
  if (!existsSync(retiredDir)) return keys;
  refuseWritableByOthers(retiredDir, 'the folder of retired keys');
  for (const name of readdirSync(retiredDir).sort()) {
    // A write interrupted before its rename: never a key that was retired.
    if (name.endsWith('.tmp')) continue;
    const key = readRetiredKey(join(retiredDir, name), name);
    if (key.keyId !== current.keyId) keys.push({ ...key, current: false });
  }
  return keys;
}

function readRetiredKey(file: string, name: string): VerifyingKey {
  if (!statSync(file).isFile()) throw new Error(`retired key ${file} is not a file`);
  refuseWritableByOthers(file, 'retired key');
  let key: VerifyingKey;
  try {
    key = publicKeyFromPem(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`retired key ${file} is ${error instanceof Error ? error.message : 'unreadable'}`);
  }
  if (name !== `${key.keyId}.pem`) {
    throw new Error(
      `retired key ${file} holds key ${key.keyId}, not the key its name gives: it was altered or misnamed`,
    );
  }
  return key;
}

function refuseWritableByOthers(path: string, what: string): void {
  if (process.platform !== 'win32' && (statSync(path).mode & 0o022) !== 0) {
    throw new Error(`${what} ${path} can be changed by other users; restrict it with chmod go-w`);
  }
}
