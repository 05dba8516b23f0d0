/**
 * RFC 9162 (Certificate Transparency v2) Merkle tree checks done in the browser with SubtleCrypto, so an
 * IG lead need not take the server's word that an entry is in the signed log. Pure apart from hashing;
 * works in Node too (globalThis.crypto). Sizes and indexes are plain numbers, exact up to 2^53, so no
 * 32-bit shift operators are used on them.
 */

/** Bytes backed by a plain ArrayBuffer, as SubtleCrypto takes them. */
export type Bytes = Uint8Array<ArrayBuffer>;

/** SHA-256 of the bytes. */
export async function sha256(data: Bytes): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
}

function prefixed(prefix: number, ...parts: Bytes[]): Bytes {
  const out = new Uint8Array(1 + parts.reduce((n, p) => n + p.length, 0));
  out[0] = prefix;
  let at = 1;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** RFC 9162 leaf hash: SHA-256(0x00 || data). */
export function hashLeaf(data: Bytes): Promise<Bytes> {
  return sha256(prefixed(0x00, data));
}

/** RFC 9162 interior node hash: SHA-256(0x01 || left || right). */
export function hashChildren(left: Bytes, right: Bytes): Promise<Bytes> {
  return sha256(prefixed(0x01, left, right));
}

/** Bytes of a lower- or upper-case hex string, or null when it is not hex. */
export function hexToBytes(hex: string): Bytes | null {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Lower-case hex of the bytes. */
export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Constant-shape comparison of two hashes. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

const isIndex = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/**
 * The root an inclusion proof implies (RFC 9162 §2.1.3.2 steps 1-4), or null when the proof's shape
 * does not fit the leaf index and tree size.
 */
export async function rootFromInclusionProof(
  leafHash: Bytes,
  leafIndex: number,
  treeSize: number,
  proof: readonly Bytes[],
): Promise<Bytes | null> {
  if (leafHash.length !== 32 || !isIndex(leafIndex) || !isIndex(treeSize) || leafIndex >= treeSize)
    return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (p.length !== 32 || sn === 0) return null;
    if (isOdd(fn) || fn === sn) {
      r = await hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** RFC 9162 §2.1.3.2 step 5: does the proof put this leaf hash at this index of the tree with this root? */
export async function verifyInclusion(
  leafHash: Bytes,
  leafIndex: number,
  treeSize: number,
  proof: readonly Bytes[],
  root: Bytes,
): Promise<boolean> {
  const computed = await rootFromInclusionProof(leafHash, leafIndex, treeSize, proof);
  return computed !== null && root.length === 32 && equalBytes(computed, root);
}
