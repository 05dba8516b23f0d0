import type { SignedTreeHeadDto } from '../../contracts/audit.ts';
import { type Bytes, hexToBytes } from './merkle-verify.ts';

const PREFIX = new TextEncoder().encode('accord-sth\0');
const LAYOUT_VERSION = 1;

/**
 * The bytes a tree head's Ed25519 signature covers (layout 1 of src/server/modules/audit/tree-head.ts):
 * "accord-sth\0", version byte, tree size and timestamp (ms) as unsigned 64-bit big-endian, root hash.
 * Null for a head with no single canonical spelling.
 */
export function treeHeadBytes(
  head: Pick<SignedTreeHeadDto, 'treeSize' | 'rootHash' | 'timestamp'>,
): Bytes | null {
  const millis = Date.parse(head.timestamp);
  const root = /^[0-9a-f]{64}$/.test(head.rootHash) ? hexToBytes(head.rootHash) : null;
  if (!root || !Number.isSafeInteger(head.treeSize) || head.treeSize < 0) return null;
  if (!(millis >= 0) || new Date(millis).toISOString() !== head.timestamp) return null;
  const out = new Uint8Array(PREFIX.length + 1 + 8 + 8 + 32);
  const view = new DataView(out.buffer);
  out.set(PREFIX, 0);
  out[PREFIX.length] = LAYOUT_VERSION;
  view.setBigUint64(PREFIX.length + 1, BigInt(head.treeSize));
  view.setBigUint64(PREFIX.length + 9, BigInt(millis));
  out.set(root, PREFIX.length + 17);
  return out;
}

function base64ToBytes(text: string): Bytes | null {
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** The DER bytes of a PEM public key (SubjectPublicKeyInfo). */
export function pemToDer(pem: string): Bytes | null {
  const body = pem.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, '');
  return base64ToBytes(body);
}

/** What checking a head's signature found; `unsupported` when this browser has no Ed25519. */
export type SignatureCheck = 'valid' | 'invalid' | 'unsupported';

/** Checks a signed tree head against the log's published Ed25519 public key; never throws. */
export async function verifyTreeHeadSignature(
  head: SignedTreeHeadDto,
  publicKeyPem: string,
): Promise<SignatureCheck> {
  const message = treeHeadBytes(head);
  const signature = base64ToBytes(head.signature);
  const der = pemToDer(publicKeyPem);
  if (!message || !signature || signature.length !== 64 || !der) return 'invalid';
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('spki', der, { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return 'unsupported';
  }
  try {
    return (await crypto.subtle.verify({ name: 'Ed25519' }, key, signature, message)) ? 'valid' : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** A public key as /audit/public-keys publishes it. */
export interface PublishedKey {
  readonly keyId: string;
  readonly publicKeyPem: string;
}

/**
 * Checks a signed tree head against the published key it names; a head naming no published key is
 * `invalid`, as no key the log trusts vouches for it. Never throws.
 */
export function verifyTreeHeadWithKeys(
  head: SignedTreeHeadDto,
  keys: readonly PublishedKey[],
): Promise<SignatureCheck> {
  const key = keys.find((k) => k.keyId === head.keyId);
  return key ? verifyTreeHeadSignature(head, key.publicKeyPem) : Promise.resolve('invalid');
}
