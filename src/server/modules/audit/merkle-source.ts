/**
 * Perfect-node addresses and the NodeHashSource implementations that serve their hashes to proofs:
 * one over an in-memory tree, one over nodes a database stored.
 */
import { equalHashes, HASH_SIZE, hashChildren, isSize, packHashes, slot } from './merkle-hash.ts';

/** Address of a perfect subtree: (level, index) covers leaves [index·2^level, (index+1)·2^level). */
export interface NodeAddress {
  readonly level: number;
  readonly index: number;
}

/** A complete perfect-subtree node with its hash, as a database stores it. */
export interface PerfectNode extends NodeAddress {
  readonly hash: Uint8Array;
}

/** Supplies hashes of complete perfect subtrees; backed by memory or by a table of stored nodes. */
export interface NodeHashSource {
  nodeHash(level: number, index: number): Uint8Array;
}

/** Node source over every perfect node of an in-memory tree, precomputed level by level. */
export function memoryNodeSource(
  leafHashes: readonly Uint8Array[],
): NodeHashSource & { readonly size: number } {
  const levels: Buffer[] = [packHashes(leafHashes)];
  for (let below = levels[0]; below && below.length >= 2 * HASH_SIZE; below = levels.at(-1)) {
    const count = Math.floor(below.length / (2 * HASH_SIZE));
    const level = Buffer.allocUnsafe(count * HASH_SIZE);
    for (let i = 0; i < count; i++)
      level.set(hashChildren(slot(below, 2 * i), slot(below, 2 * i + 1)), i * HASH_SIZE);
    levels.push(level);
  }
  return {
    size: leafHashes.length,
    nodeHash: (level, index) => {
      const hashes = levels[level];
      if (!hashes || !isSize(index) || (index + 1) * HASH_SIZE > hashes.length) {
        throw new RangeError(`no perfect node (${level}, ${index})`);
      }
      // A copy, so a caller mutating a proof element cannot corrupt the tree.
      return Buffer.from(slot(hashes, index));
    },
  };
}

/** Node source over stored perfect nodes, e.g. the rows a database query returned; throws on conflicting rows. */
export function storedNodeSource(nodes: Iterable<PerfectNode>): NodeHashSource {
  const byAddress = new Map<string, Uint8Array>();
  for (const node of nodes) {
    const key = `${node.level}/${node.index}`;
    const earlier = byAddress.get(key);
    // Two different hashes for one node means the store was altered: refuse rather than pick one.
    if (earlier && !equalHashes(earlier, node.hash))
      throw new RangeError(`conflicting hashes for node ${key}`);
    byAddress.set(key, node.hash);
  }
  return {
    nodeHash: (level, index) => {
      const found = byAddress.get(`${level}/${index}`);
      if (!found) throw new RangeError(`perfect node (${level}, ${index}) is not stored`);
      return Buffer.from(found);
    },
  };
}
