/**
 * Throughput of the audit log's Merkle core on this machine; prints one JSON object.
 * Run with `node bench/merkle.ts`. Rates are per second; each loop stops after a fixed time budget.
 *
 * Also `accord audit verify` at scale against its peer in the same run: a sequenced SQLite log of
 * VERIFY_SIZE entries (default 1,000,000) is verified in a child process, which reports entries per
 * second and its peak RSS, beside the raw RFC 9162 root build rate over the same leaves. The walk on one
 * thread (what PostgreSQL and in-memory databases use) runs alternately with it, VERIFY_ROUNDS times each
 * (default 2); the best run of each is reported. VERIFY_SIZE=0 skips it.
 */

import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, hash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { keyIdOf, type SigningKey } from '../src/server/modules/audit/tree-head.ts';
import { buildLog } from './audit-log-build.ts';
import { merkleBuildRate, merkleFromStoredLeafDataRate } from './audit-peers.ts';

const TREE_SIZE = 1_000_000;
const VERIFY_SIZE = Number(process.env.VERIFY_SIZE ?? 1_000_000);
const VERIFY_RSS_TARGET_MB = 200;
const VERIFY_ROUNDS = Number(process.env.VERIFY_ROUNDS ?? 2);
// Each mode's figure is the best of its rounds: there must be at least one.
if (!Number.isSafeInteger(VERIFY_ROUNDS) || VERIFY_ROUNDS < 1)
  throw new Error(`VERIFY_ROUNDS must be a positive integer, not ${process.env.VERIFY_ROUNDS}`);
const VERIFY_HEAP_FLAGS = ['--max-semi-space-size=2', '--max-old-space-size=96'];
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

/** Builds a log of `size` entries, verifies it in a child process, and builds the same leaves' root here. */
async function verifyAtScale(size: number) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const key: SigningKey = { privateKey, publicKey, keyId: keyIdOf(publicKey), publicKeyPem };
  const dir = mkdtempSync(join(tmpdir(), 'accord-bench-verify-'));
  try {
    const file = join(dir, 'audit.db');
    writeFileSync(join(dir, 'key.pem'), publicKeyPem);
    const progress = (m: string) => process.stderr.write(`bench/merkle: ${m}\n`);
    const packed = await buildLog(
      file,
      size,
      key,
      () => ({
        action: 'record.view',
        outcome: 'permit',
        actor: { staffId: crypto.randomUUID(), organisationId: crypto.randomUUID(), roles: ['care_manager'] },
        personId: crypto.randomUUID(),
        categories: ['CRISIS_PLAN', 'RISK_SUMMARY'],
        purpose: 'DIRECT_CARE',
        reasons: ['PERMIT_CARE_TEAM'],
      }),
      progress,
    );
    const leaves = Array.from({ length: size }, (_, i) => packed.subarray(i * 32, (i + 1) * 32));
    type Child = {
      mode: string;
      ok: boolean;
      entriesPerSecond: number;
      peakRssMB: number;
      getrusageMaxRssMB: number;
      mainThreadCpuSeconds: number;
      processCpuSeconds: number;
      seconds: number;
      entries: number;
    };
    const verifyIn = (mode: 'reader-thread' | 'one-thread'): Child => {
      progress(`verifying in a child process (${mode})`);
      return JSON.parse(
        execFileSync(
          process.execPath,
          // The heap flags bin/accord.js gives `accord audit verify`.
          [
            ...VERIFY_HEAP_FLAGS,
            join(import.meta.dirname, 'verify-child.ts'),
            file,
            join(dir, 'key.pem'),
            mode,
          ],
          { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
        ),
      ) as Child;
    };
    // `accord audit verify` on a SQLite file (reads on a second thread) alternating with the walk on one
    // thread, VERIFY_ROUNDS times each: on a shared machine the best of each is the figure to compare.
    const runs: Child[] = [];
    for (let round = 0; round < VERIFY_ROUNDS; round++)
      runs.push(verifyIn('reader-thread'), verifyIn('one-thread'));
    const best = (mode: string) =>
      runs
        .filter((run) => run.mode === mode)
        .reduce((a, b) => (b.entriesPerSecond > a.entriesPerSecond ? b : a));
    const child = best('reader-thread');
    const oneThread = best('one-thread');
    if (runs.some((run) => !run.ok)) throw new Error('the built log did not verify');
    const merkle = merkleBuildRate(leaves);
    const fromLeafData = merkleFromStoredLeafDataRate(file);
    return {
      entries: child.entries,
      seconds: child.seconds,
      entriesPerSecond: child.entriesPerSecond,
      // The children's own high-water mark (VmHWM, reset at exec), the largest of the reader-thread runs;
      // getrusage's includes this parent at spawn.
      peakRssMB: Math.max(...runs.filter((run) => run.mode === child.mode).map((run) => run.peakRssMB)),
      getrusageMaxRssMB: child.getrusageMaxRssMB,
      nodeFlags: VERIFY_HEAP_FLAGS,
      peakRssTargetMB: VERIFY_RSS_TARGET_MB,
      peer: {
        // The root over the leaf hashes already computed: no entry is hashed.
        rawMerkleBuildLeavesPerSecond: merkle,
        // The Merkle tree hash from the entries' leaf data (made outside the clock): leaves hashed, then the root.
        merkleFromLeafDataLeavesPerSecond: fromLeafData,
      },
      overRawMerkleBuild: Math.round((child.entriesPerSecond / merkle) * 100) / 100,
      overMerkleFromLeafData: Math.round((child.entriesPerSecond / fromLeafData) * 100) / 100,
      // CPU seconds of the best run: the walk's thread, and the process (the reader thread most of the rest).
      mainThreadCpuSeconds: child.mainThreadCpuSeconds,
      processCpuSeconds: child.processCpuSeconds,
      oneThread: {
        entriesPerSecond: oneThread.entriesPerSecond,
        peakRssMB: oneThread.peakRssMB,
        cpuSeconds: oneThread.mainThreadCpuSeconds,
        overRawMerkleBuild: Math.round((oneThread.entriesPerSecond / merkle) * 100) / 100,
        overMerkleFromLeafData: Math.round((oneThread.entriesPerSecond / fromLeafData) * 100) / 100,
      },
      readerThreadOverOneThread:
        Math.round((child.entriesPerSecond / oneThread.entriesPerSecond) * 100) / 100,
      runs: runs.map((run) => ({
        mode: run.mode,
        entriesPerSecond: run.entriesPerSecond,
        peakRssMB: run.peakRssMB,
      })),
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      target: 0.5,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const output = { ...report, verifyAtScale: VERIFY_SIZE > 0 ? await verifyAtScale(VERIFY_SIZE) : null };
process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
