import type { KeyObject } from 'node:crypto';
import type { DatabaseHandle, Db } from '../../db/database.ts';
import type { AnchoredHead } from './head-anchor.ts';
import { memoryNodeSource } from './merkle.ts';
import { keyIdOf, type SignedTreeHead, type VerifyingKey } from './tree-head.ts';
import {
  checkAnchor,
  checkHeads,
  checkLeaves,
  checkNodes,
  checkRowCount,
  checkState,
  type VerifyCounts,
  type VerifyProblem,
} from './verify-checks.ts';

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
}

/**
 * Runs the work over one read snapshot of the database, so a log that is being appended to and
 * sequenced meanwhile is seen as of one instant, never half before and half after a pass. PostgreSQL:
 * a read-only repeatable-read transaction. SQLite: a transaction, which in WAL mode reads one snapshot
 * from its first read on (on the process's single connection it holds other queries back meanwhile).
 * A caller already in a transaction gets it used as it is.
 */
export async function inReadSnapshot<T>(database: DatabaseHandle, work: (db: Db) => Promise<T>): Promise<T> {
  if (database.db.isTransaction) return work(database.db);
  if (database.engine === 'postgres')
    return database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(work);
  return database.db.transaction().execute(work);
}

/**
 * Recomputes every leaf hash from the stored entries, every tree node from the leaves, and checks
 * every signed head (stored ones and any kept outside Accord), the anchored last head and the
 * sequencer state against the recomputed tree, all in one snapshot. A head verifies under whichever
 * of the trusted keys it names (the current key and retired ones). Stops at the first disagreement
 * and names it.
 */
export function verifyAuditLog(
  database: DatabaseHandle,
  trustedKeys: readonly VerifyingKey[],
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  // Keyed by the id computed from each key, never by the id it came labelled with.
  const keys = new Map(trustedKeys.map((k) => [keyIdOf(k.publicKey), k.publicKey] as const));
  return inReadSnapshot(database, (db) => verifySnapshot(db, keys, options));
}

async function verifySnapshot(
  db: Db,
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

  const leaves = await checkLeaves(db, treeSize, counts, options.onProgress);
  if (!Array.isArray(leaves)) return report(leaves);
  const rows = await checkRowCount(db, treeSize);
  if (typeof rows !== 'number') return report(rows);
  pending = rows;
  const tree = memoryNodeSource(leaves);

  const stored = await db.selectFrom('audit_tree_heads').selectAll().orderBy('tree_size').execute();
  const heads: SignedTreeHead[] = stored.map((h) => ({
    treeSize: Number(h.tree_size),
    rootHash: h.root_hash,
    timestamp: h.signed_at,
    signature: h.signature,
    keyId: h.key_id,
  }));
  // Signed heads come before the nodes: a rewrite is best named by the signed statement it contradicts.
  const headProblem = checkHeads(
    [...heads, ...(options.externalHeads ?? [])],
    tree,
    leaves.length,
    keys,
    counts,
  );
  if (headProblem) return report(headProblem);
  if (options.anchoredHead) {
    const roots = new Map(heads.map((h) => [h.treeSize, h.rootHash]));
    const anchorProblem = checkAnchor(options.anchoredHead, roots, tree, leaves.length);
    if (anchorProblem) return report(anchorProblem);
  }
  const nodeProblem = await checkNodes(db, tree, leaves.length, counts);
  if (nodeProblem) return report(nodeProblem);
  return report(checkState(state, tree, leaves.length, heads.at(-1)?.treeSize ?? 0));
}
