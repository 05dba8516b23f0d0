/**
 * RFC 9162 hashing primitives and the small exact-integer helpers the Merkle tree is built on.
 *
 * Integers are plain numbers and exact up to 2^53: no 32-bit bit operators on sizes or indexes.
 */
import { hash, timingSafeEqual } from 'node:crypto';

/** Bytes in every leaf and node hash (SHA-256). */
export const HASH_SIZE = 32;

const TWO_32 = 2 ** 32;

/** SHA-256 of the given bytes. */
export function sha256(data: Uint8Array): Uint8Array {
  return hash('sha256', data, 'buffer');
}

/** RFC 9162 leaf hash: SHA-256(0x00 || data); the prefix stops a leaf passing for an interior node. */
export function hashLeaf(data: Uint8Array): Uint8Array {
  const input = Buffer.allocUnsafe(1 + data.length);
  input[0] = 0x00;
  input.set(data, 1);
  return sha256(input);
}

/** RFC 9162 interior node hash: SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  const input = Buffer.allocUnsafe(1 + left.length + right.length);
  input[0] = 0x01;
  input.set(left, 1);
  input.set(right, 1 + left.length);
  return sha256(input);
}

/** Root of the empty tree: SHA-256 of no bytes. */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/** Lower-case hex of the bytes. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/** Bytes of a hex string; throws RangeError on odd length or non-hex characters. */
export function fromHex(hex: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new RangeError('invalid hex string');
  return Buffer.from(hex, 'hex');
}

/** Right fold of the hashes, hashChildren(h0, hashChildren(h1, …)); undefined for no hashes. */
export function foldRight(hashes: readonly Uint8Array[]): Uint8Array | undefined {
  return hashes.reduceRight<Uint8Array | undefined>((acc, h) => (acc ? hashChildren(h, acc) : h), undefined);
}

/** The hashes concatenated into one buffer; throws RangeError if any is not HASH_SIZE bytes. */
export function packHashes(hashes: readonly Uint8Array[]): Buffer {
  const packed = Buffer.allocUnsafe(hashes.length * HASH_SIZE);
  hashes.forEach((h, i) => {
    if (!isHash(h)) throw new RangeError(`leaf hash ${i} must be ${HASH_SIZE} bytes`);
    packed.set(h, i * HASH_SIZE);
  });
  return packed;
}

/** The i-th hash of a packed buffer, as a view (not a copy). */
export function slot(packed: Buffer, i: number): Buffer {
  return packed.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
}

/** Whether the value is a Uint8Array of exactly HASH_SIZE bytes. */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

/** Whether the value is an array whose every element is a hash. */
export function isHashList(value: unknown): value is readonly Uint8Array[] {
  return Array.isArray(value) && value.every(isHash);
}

/** Constant-time equality of two hashes; false when their lengths differ. */
export function equalHashes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether the value is a safe non-negative integer, usable as a tree size or index. */
export function isSize(value: unknown): value is number {
  return Number.isSafeInteger(value) && typeof value === 'number' && value >= 0;
}

/** Whether x is odd. */
export function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** floor(x / 2), exact beyond 32 bits. */
export function half(x: number): number {
  return Math.floor(x / 2);
}

/** floor(log2(x)) for a positive integer x below 2^53. */
export function floorLog2(x: number): number {
  return x < TWO_32 ? 31 - Math.clz32(x) : 63 - Math.clz32(Math.floor(x / TWO_32));
}

/** Whether x is a positive power of two. */
export function isPow2(x: number): boolean {
  return x > 0 && 2 ** floorLog2(x) === x;
}

/** The smallest power of two >= x, for x >= 1. */
export function ceilPow2(x: number): number {
  return isPow2(x) ? x : 2 ** (floorLog2(x) + 1);
}

/** RFC 9162's k: the largest power of two smaller than n, for n >= 2. */
export function splitPoint(n: number): number {
  return 2 ** floorLog2(n - 1);
}

/** Number of 1 bits in x, exact beyond 32 bits. */
export function popcount(x: number): number {
  let count = 0;
  for (let rest = x; rest > 0; rest = half(rest)) count += rest % 2;
  return count;
}
