/**
 * RFC 9162 (Certificate Transparency v2, §2.1) Merkle tree hashing, frontiers and proofs.
 *
 * A node address (level, index) names the perfect subtree over leaves [index·2^level, (index+1)·2^level);
 * level 0 is a leaf. Every hash the proofs need is a fold of such perfect nodes, so a database that stores
 * each perfect node once, as it completes, can serve any proof for any past tree size from O(log n) rows.
 * Integers are plain numbers and exact up to 2^53: no 32-bit bit operators on sizes or indexes.
 *
 * This file is the module's public face: the implementation lives in merkle-hash.ts (hashing and integer
 * helpers), merkle-frontier.ts (frontiers), merkle-proof.ts (proofs) and merkle-source.ts (node sources).
 */
export {
  appendLeaf,
  appendLeaves,
  decodeFrontier,
  emptyFrontier,
  encodeFrontier,
  type FrontierAppend,
  frontierAt,
  frontierRoot,
  type MerkleFrontier,
  nodesCreatedByAppend,
  rootFromLeafHashes,
} from './merkle-frontier.ts';
export { emptyRoot, fromHex, HASH_SIZE, hashChildren, hashLeaf, sha256, toHex } from './merkle-hash.ts';
export {
  consistencyProof,
  consistencyProofNodes,
  inclusionProof,
  inclusionProofNodes,
  rangeNodes,
  rootFromInclusionProof,
  subtreeHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle-proof.ts';
export {
  memoryNodeSource,
  type NodeAddress,
  type NodeHashSource,
  type PerfectNode,
  storedNodeSource,
} from './merkle-source.ts';
