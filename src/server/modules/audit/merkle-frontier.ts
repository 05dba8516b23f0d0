/**
 * RFC 9162 Merkle frontiers: the roots of the perfect subtrees covering [0, size), kept so that
 * appending a leaf costs O(log n) hashing and reads no old leaves.
 */
import {
  emptyRoot,
  foldRight,
  fromHex,
  HASH_SIZE,
  half,
  hashChildren,
  isHash,
  isOdd,
  isSize,
  packHashes,
  popcount,
  slot,
  toHex,
} from './merkle-hash.ts';
import { rangeNodes } from './merkle-proof.ts';
import type { NodeHashSource, PerfectNode } from './merkle-source.ts';

/** Roots of the perfect subtrees covering [0, size), largest first; popcount(size) hashes. */
export interface MerkleFrontier {
  readonly size: number;
  readonly hashes: readonly Uint8Array[];
}

/** A frontier after appending, with every perfect node the append completed (the leaves included). */
export interface FrontierAppend {
  readonly frontier: MerkleFrontier;
  readonly nodes: PerfectNode[];
}

/** MTH(D[0:n]) of the leaf hashes, built level by level in one buffer (the odd last node moves up). */
export function rootFromLeafHashes(leafHashes: readonly Uint8Array[]): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot();
  const work = packHashes(leafHashes);
  let count = leafHashes.length;
  while (count > 1) {
    const pairs = Math.floor(count / 2);
    // Writing node i over slot i is safe: slots 2i and 2i+1 were already read.
    for (let i = 0; i < pairs; i++) {
      work.set(hashChildren(slot(work, 2 * i), slot(work, 2 * i + 1)), i * HASH_SIZE);
    }
    if (count % 2 === 1) work.copyWithin(pairs * HASH_SIZE, (count - 1) * HASH_SIZE, count * HASH_SIZE);
    count = pairs + (count % 2);
  }
  return Buffer.from(slot(work, 0));
}

/** The frontier of the empty tree. */
export function emptyFrontier(): MerkleFrontier {
  return { size: 0, hashes: [] };
}

/** The frontier after appending one leaf hash: O(log n) hashing, no old leaves read. */
export function appendLeaf(frontier: MerkleFrontier, leafHash: Uint8Array): MerkleFrontier {
  const hashes = [...frontier.hashes];
  pushLeaf(hashes, frontier.size, leafHash, undefined);
  return { size: frontier.size + 1, hashes };
}

/** Appends leaf hashes at index frontier.size onwards, returning the new frontier and every node completed. */
export function appendLeaves(frontier: MerkleFrontier, leafHashes: readonly Uint8Array[]): FrontierAppend {
  const hashes = [...frontier.hashes];
  const nodes: PerfectNode[] = [];
  for (const [offset, leafHash] of leafHashes.entries()) {
    pushLeaf(hashes, frontier.size + offset, leafHash, nodes);
  }
  return { frontier: { size: frontier.size + leafHashes.length, hashes }, nodes };
}

/** Perfect nodes (leaves included) that appending these leaf hashes completes, for a database to store. */
export function nodesCreatedByAppend(
  frontier: MerkleFrontier,
  leafHashes: readonly Uint8Array[],
): PerfectNode[] {
  return appendLeaves(frontier, leafHashes).nodes;
}

/** MTH of the tree the frontier describes: its hashes folded right to left. */
export function frontierRoot(frontier: MerkleFrontier): Uint8Array {
  return foldRight(frontier.hashes) ?? emptyRoot();
}

/** Frontier of the tree of the given size, read from stored perfect nodes (e.g. to rebuild after a crash). */
export function frontierAt(source: NodeHashSource, size: number): MerkleFrontier {
  const hashes = size === 0 ? [] : rangeNodes(0, size).map((node) => source.nodeHash(node.level, node.index));
  return { size, hashes };
}

/** Text form of a frontier for a database column: "<size>:<hex of the hashes, largest subtree first>". */
export function encodeFrontier(frontier: MerkleFrontier): string {
  return `${frontier.size}:${frontier.hashes.map(toHex).join('')}`;
}

/** Parses encodeFrontier's text; throws RangeError if the size and the number of hashes disagree. */
export function decodeFrontier(text: string): MerkleFrontier {
  const match = /^(0|[1-9][0-9]{0,15}):((?:[0-9a-f]{64})*)$/.exec(text);
  const size = Number(match?.[1]);
  const hex = match?.[2] ?? '';
  if (!match || !isSize(size) || hex.length !== 2 * HASH_SIZE * popcount(size)) {
    throw new RangeError('malformed Merkle frontier');
  }
  const hashes: Uint8Array[] = [];
  for (let at = 0; at < hex.length; at += 2 * HASH_SIZE)
    hashes.push(fromHex(hex.slice(at, at + 2 * HASH_SIZE)));
  return { size, hashes };
}

function pushLeaf(
  hashes: Uint8Array[],
  index: number,
  leafHash: Uint8Array,
  created: PerfectNode[] | undefined,
): void {
  if (!isHash(leafHash)) throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes`);
  let node = leafHash;
  let level = 0;
  let at = index;
  created?.push({ level, index: at, hash: node });
  // Each trailing 1 bit of the index is a completed left sibling on the frontier to merge with.
  while (isOdd(at)) {
    const left = hashes.pop();
    if (!left) throw new RangeError('frontier does not match its size');
    node = hashChildren(left, node);
    level += 1;
    at = half(at);
    created?.push({ level, index: at, hash: node });
  }
  hashes.push(node);
}
