/**
 * Throughput of the audit log's Merkle core on this machine; prints one JSON object.
 * Run with `node bench/merkle.ts`. Rates are per second; each loop stops after a fixed time budget.
 */

import { hash, randomBytes } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import {
  appendLeaf,
  consistencyProof,
  emptyFrontier,
  frontierRoot,
  hashLeaf,
  inclusionProof,
  memoryNodeSource,
  rootFromLeafHashes,
  subtreeHash,
  verifyConsistency,
  verifyInclusion,
} from '../src/server/modules/audit/merkle.ts';

const TREE_SIZE = 1_000_000;
const BUDGET_MS = 300;

/** Calls fn(i) for i = 0, 1, ... until the budget is spent; returns calls per second. */
function rate(fn: (i: number) => void, budgetMs = BUDGET_MS): number {
  // Warm up first so the JIT-compiled code, not the interpreter, is what gets timed.
  for (let i = 0; i < 2_000; i++) fn(i);
  const start = performance.now();
  let calls = 0;
  // Check the clock every 256 calls so reading it does not dominate cheap operations.
  while (performance.now() - start < budgetMs) {
    for (let i = 0; i < 256; i++) fn(calls++);
  }
  return Math.round(calls / ((performance.now() - start) / 1000));
}

/** Runs fn once over `count` items and returns items per second with the result. */
function once<T>(count: number, fn: () => T): { perSecond: number; result: T } {
  const start = performance.now();
  const result = fn();
  return { perSecond: Math.round(count / ((performance.now() - start) / 1000)), result };
}

function randomLeafHashes(count: number): Uint8Array[] {
  // Random bytes stand in for leaf hashes: building the tree must not pay for hashing entries here.
  const pool = randomBytes(count * 32);
  return Array.from({ length: count }, (_, i) => pool.subarray(i * 32, (i + 1) * 32));
}

function randomIndex(i: number, size: number): number {
  return (i * 2_654_435_761) % size;
}

const input64 = randomBytes(64);
const sha256PerSecond = rate(() => hash('sha256', input64, 'buffer'));
const leafHashesPerSecond = rate(() => hashLeaf(input64));

const leaves = randomLeafHashes(TREE_SIZE);
const built = once(TREE_SIZE, () => rootFromLeafHashes(leaves));
const appended = once(TREE_SIZE, () => frontierRoot(leaves.reduce(appendLeaf, emptyFrontier())));
const source = once(TREE_SIZE, () => memoryNodeSource(leaves));
const tree = source.result;
const root = subtreeHash(tree, 0, TREE_SIZE);

const proofs = Array.from({ length: 1024 }, (_, i) => {
  const index = randomIndex(i, TREE_SIZE);
  return { index, proof: inclusionProof(tree, index, TREE_SIZE) };
});
const firstSize = 654_321;
const firstRoot = subtreeHash(tree, 0, firstSize);
const consistency = consistencyProof(tree, firstSize, TREE_SIZE);

const report = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  treeSize: TREE_SIZE,
  sha256PerSecond64ByteInputs: sha256PerSecond,
  leafHashesPerSecond64ByteEntries: leafHashesPerSecond,
  rootFromLeafHashesLeavesPerSecond: built.perSecond,
  frontierAppendLeavesPerSecond: appended.perSecond,
  memoryNodeSourceBuildLeavesPerSecond: source.perSecond,
  rootsAgree: Buffer.compare(built.result, appended.result) === 0 && Buffer.compare(built.result, root) === 0,
  inclusionProofsPerSecond: rate((i) => inclusionProof(tree, randomIndex(i, TREE_SIZE), TREE_SIZE)),
  inclusionVerificationsPerSecond: rate((i) => {
    const item = proofs[i % proofs.length];
    if (!item) return;
    const leaf = leaves[item.index];
    if (!leaf || !verifyInclusion(leaf, item.index, TREE_SIZE, item.proof, root))
      throw new Error('bad proof');
  }),
  consistencyProofsPerSecond: rate((i) =>
    consistencyProof(tree, 1 + randomIndex(i, TREE_SIZE - 1), TREE_SIZE),
  ),
  consistencyVerificationsPerSecond: rate(() => {
    if (!verifyConsistency(firstSize, TREE_SIZE, firstRoot, root, consistency)) throw new Error('bad proof');
  }),
};

process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
