import type { KeyObject } from 'node:crypto';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import { firstNodeOutside, inReadSnapshot, leafPageReader } from './audit.repository.ts';
import type { AnchoredHead } from './head-anchor.ts';
import { emptyRoot, toHex } from './merkle.ts';
import { keyIdOf, type SignedTreeHead, type VerifyingKey } from './tree-head.ts';
import {
  checkAnchor,
  checkHead,
  checkRowCount,
  checkState,
  nodeProblem,
  type VerifyCounts,
  type VerifyProblem,
} from './verify-checks.ts';
import { StoredHeads } from './verify-heads.ts';
import { openSnapshotReader } from './verify-reader.ts';
import { firstIssue, type LeafSource, pagesFrom, walkLeaves } from './verify-walk.ts';

export type { VerifyProblem } from './verify-checks.ts';

/** The outcome of recomputing the whole log. */
export interface VerifyReport {
  ok: boolean;
  treeSize: number;
  entriesChecked: number;
  headsChecked: number;
  nodesChecked: number;
  pending: number;
  problem: VerifyProblem | null;
}

/** What to check besides the database's own contents. */
export interface VerifyOptions {
  /** Signed heads kept outside Accord (by partners, or saved by the operator). */
  externalHeads?: readonly SignedTreeHead[];
  /** The last head this server signed, as anchored beside its key (see head-anchor.ts). */
  anchoredHead?: AnchoredHead | null;
  onProgress?: (done: number, total: number) => void;
  /**
   * The SQLite file the handle is open on, to read it on a second thread: every read of the
   * verification (state, entries, nodes, heads) then runs there, in one read transaction on a connection
   * of its own, while this thread hashes the entries and builds the tree. Only for a file (an in-memory
   * database cannot be opened twice) and a handle not inside a transaction.
   */
  readerThreadFile?: string;
}

/**
 * Recomputes every leaf hash from the stored entries, every tree node from the leaves, and checks
 * every signed head (stored ones and any kept outside Accord), the anchored last head and the
 * sequencer state against the recomputed tree, all in one read snapshot. A head verifies under
 * whichever of the trusted keys it names (the current key and retired ones). Streams the log in leaf
 * order, so memory stays bounded at any size. Stops at the first disagreement and names it: entries
 * first, then signed heads, the anchor, the stored nodes and the sequencer state.
 */
export function verifyAuditLog(
  database: DatabaseHandle,
  trustedKeys: readonly VerifyingKey[],
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  // Keyed by the id computed from each key, never by the id it came labelled with.
  const keys = new Map(trustedKeys.map((k) => [keyIdOf(k.publicKey), k.publicKey] as const));
  const file = options.readerThreadFile;
  if (file !== undefined) {
    if (database.engine !== 'sqlite' || database.db.isTransaction || file === ':memory:')
      return Promise.reject(new Error('a reader thread verifies a SQLite file, outside any transaction'));
    return verifyOnReaderThread(file, keys, options);
  }
  return inReadSnapshot(database, (db) =>
    verifySnapshot(db, pagesFrom(leafPageReader(database, db)), keys, options),
  );
}

async function verifyOnReaderThread(
  file: string,
  keys: ReadonlyMap<string, KeyObject>,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const reader = openSnapshotReader(file);
  try {
    return await verifySnapshot(reader.db, reader.pages, keys, options);
  } finally {
    await reader.close();
  }
}

async function verifySnapshot(
  db: Db,
  readLeaves: LeafSource,
  keys: ReadonlyMap<string, KeyObject>,
  options: VerifyOptions,
): Promise<VerifyReport> {
  const state = await db.selectFrom('audit_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const treeSize = Number(state.tree_size);
  const counts: VerifyCounts = { entriesChecked: 0, headsChecked: 0, nodesChecked: 0 };
  let pending = 0;
  const report = (problem: VerifyProblem | null): VerifyReport => ({
    ok: problem === null,
    treeSize,
    ...counts,
    pending,
    problem,
  });

  const externals = options.externalHeads ?? [];
  const anchored = options.anchoredHead ?? null;
  // Sizes whose root is kept for the checks after the walk: a handful, whatever the log's size.
  const kept = [...new Set([...externals.map((h) => h.treeSize), ...(anchored ? [anchored.treeSize] : [])])]
    .filter((size) => Number.isSafeInteger(size) && size >= 0)
    .sort((a, b) => a - b);
  const roots = new Map<number, string>();
  const stored = new StoredHeads(db);
  // Signed heads come before the nodes: a rewrite is best named by the signed statement it contradicts.
  let headProblem: VerifyProblem | null = null;
  let largestHead = 0;
  let anchoredStoredRoot: string | undefined;
  const checkStored = (head: SignedTreeHead, root: string | undefined, leafCount: number): void => {
    largestHead = head.treeSize;
    if (anchored && head.treeSize === anchored.treeSize) anchoredStoredRoot = head.rootHash;
    if (headProblem) return;
    headProblem = checkHead(head, root, leafCount, keys);
    if (!headProblem) counts.headsChecked += 1;
  };

  const walk = await walkLeaves(db, readLeaves, treeSize, counts, {
    nextCut: async (after) => {
      // A head below any size the walk reaches (a negative one) has no root: it is checked without one.
      for (
        let size = await stored.peekSize();
        size !== null && size <= after;
        size = await stored.peekSize()
      ) {
        const head = await stored.take();
        if (head) checkStored(head, undefined, Math.max(0, after));
      }
      const nextStored = await stored.peekSize();
      const nextKept = kept.find((size) => size > after) ?? null;
      if (nextStored === null || nextKept === null) return nextStored ?? nextKept;
      return Math.min(nextStored, nextKept);
    },
    onRoot: async (size, root) => {
      if (kept.includes(size)) roots.set(size, root);
      while ((await stored.peekSize()) === size) {
        const head = await stored.take();
        if (head) checkStored(head, root, size);
      }
    },
    onProgress: options.onProgress,
  });
  if ('kind' in walk) return report(walk);
  const { leafCount } = walk;
  const rows = await checkRowCount(db, treeSize);
  if (typeof rows !== 'number') return report(rows);
  pending = rows;
  // Heads beyond the log were never reached by the walk.
  for (let head = await stored.take(); head; head = await stored.take())
    checkStored(head, undefined, leafCount);
  if (headProblem) return report(headProblem);

  const rootAt = (size: number): string | undefined => (size === 0 ? toHex(emptyRoot()) : roots.get(size));
  for (const head of externals) {
    const problem = checkHead(head, rootAt(head.treeSize), leafCount, keys);
    if (problem) return report(problem);
    counts.headsChecked += 1;
  }
  if (anchored) {
    const problem = checkAnchor(anchored, anchoredStoredRoot, rootAt(anchored.treeSize), leafCount);
    if (problem) return report(problem);
  }
  const outside = await firstNodeOutside(db, leafCount);
  const issue = firstIssue(walk.nodeIssue, outside ? { kind: 'NODE_ALTERED', ...outside } : null);
  if (issue) return report(nodeProblem(issue));
  return report(checkState(state, walk.frontier, leafCount, largestHead));
}
