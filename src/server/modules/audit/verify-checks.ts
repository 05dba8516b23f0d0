/** The separate checks of a full audit log verification (see verify.ts), each over one snapshot. */
import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { AuditStateRow } from './audit.tables.ts';
import { leafBytes } from './audit-entry.ts';
import type { AnchoredHead } from './head-anchor.ts';
import {
  decodeFrontier,
  emptyRoot,
  encodeFrontier,
  frontierAt,
  hashLeaf,
  type NodeHashSource,
  subtreeHash,
  toHex,
} from './merkle.ts';
import { type SignedTreeHead, verifyTreeHead } from './tree-head.ts';

/** Where verification first found the log disagreeing with itself. */
export interface VerifyProblem {
  kind:
    | 'ENTRY_MISSING'
    | 'ENTRY_ALTERED'
    | 'ENTRY_EXTRA'
    | 'NODE_ALTERED'
    | 'NODE_MISSING'
    | 'HEAD_SIGNATURE'
    | 'HEAD_ROOT'
    | 'HEAD_BEYOND_LOG'
    | 'ANCHOR'
    | 'STATE';
  /** The first leaf index, head size, node or entry concerned. */
  at: string;
  message: string;
}

/** Running counts a verification reports. */
export interface VerifyCounts {
  entriesChecked: number;
  headsChecked: number;
  nodesChecked: number;
}

const PAGE = 5000;

/** Reads leaves 0.. in order, checking each entry against its leaf hash; the leaf hashes, or the first problem. */
export async function checkLeaves(
  db: Db,
  treeSize: number,
  counts: VerifyCounts,
  onProgress?: (done: number, total: number) => void,
): Promise<Uint8Array[] | VerifyProblem> {
  const leaves: Uint8Array[] = [];
  let next = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_entries')
      .selectAll()
      .where('leaf_index', 'is not', null)
      .where('leaf_index', '>=', next)
      .orderBy('leaf_index')
      .limit(PAGE)
      .execute();
    for (const row of rows) {
      const index = Number(row.leaf_index);
      if (index !== next) {
        return {
          kind: 'ENTRY_MISSING',
          at: `leaf ${next}`,
          message: `Leaf ${next} is missing: the entry was deleted or moved.`,
        };
      }
      const hash = hashLeaf(leafBytes(row, index));
      if (row.leaf_hash !== toHex(hash)) {
        return {
          kind: 'ENTRY_ALTERED',
          at: `leaf ${index}`,
          message: `Entry at leaf ${index} (id ${row.id}) does not match its leaf hash: it was altered or moved.`,
        };
      }
      leaves.push(hash);
      next += 1;
      counts.entriesChecked += 1;
    }
    onProgress?.(next, treeSize);
    if (rows.length < PAGE) break;
  }
  if (next < treeSize) {
    return {
      kind: 'ENTRY_MISSING',
      at: `leaf ${next}`,
      message: `The log should hold ${treeSize} entries but ends at leaf ${next}: it was truncated.`,
    };
  }
  if (next > treeSize) {
    return {
      kind: 'ENTRY_EXTRA',
      at: `leaf ${treeSize}`,
      message: `Entries beyond the tree size ${treeSize} were inserted, from leaf ${treeSize}.`,
    };
  }
  return leaves;
}

/**
 * Every row must be a leaf in [0, treeSize) or waiting (no leaf index): a row given a negative index
 * would otherwise be skipped by every check above. Returns the number waiting, or the problem.
 */
export async function checkRowCount(db: Db, treeSize: number): Promise<number | VerifyProblem> {
  const counted = await db
    .selectFrom('audit_entries')
    .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('leaf_index').as('indexed')])
    .executeTakeFirstOrThrow();
  const pending = Number(counted.total) - Number(counted.indexed);
  if (Number(counted.total) === treeSize + pending) return pending;
  const stray = await db
    .selectFrom('audit_entries')
    .select(['id', 'leaf_index'])
    .where('leaf_index', 'is not', null)
    .where((eb) => eb.or([eb('leaf_index', '<', 0), eb('leaf_index', '>=', treeSize)]))
    .limit(1)
    .executeTakeFirst();
  return {
    kind: 'ENTRY_EXTRA',
    at: stray ? `entry ${stray.id}` : 'entries',
    message: stray
      ? `Entry ${stray.id} has leaf index ${stray.leaf_index}, outside the tree [0, ${treeSize}): it was inserted or hidden.`
      : `The log holds ${counted.total} entries, not the ${treeSize} in the tree plus ${pending} waiting.`,
  };
}

/**
 * Each head must name a trusted key (by key id) and carry its valid signature, have the empty tree's root
 * at size 0, and match the entries.
 */
export function checkHeads(
  heads: readonly SignedTreeHead[],
  tree: NodeHashSource,
  leafCount: number,
  trustedKeys: ReadonlyMap<string, KeyObject>,
  counts: VerifyCounts,
): VerifyProblem | null {
  for (const head of heads) {
    const at = `head ${head.treeSize}`;
    const publicKey = trustedKeys.get(head.keyId);
    if (!publicKey) {
      return {
        kind: 'HEAD_SIGNATURE',
        at,
        message: `The tree head of size ${head.treeSize} names key ${head.keyId}, which is not a trusted key.`,
      };
    }
    if (!verifyTreeHead(head, publicKey)) {
      return {
        kind: 'HEAD_SIGNATURE',
        at,
        message: `The signature of the tree head of size ${head.treeSize} does not verify.`,
      };
    }
    if (head.treeSize > leafCount) {
      return {
        kind: 'HEAD_BEYOND_LOG',
        at,
        message: `A signed head covers ${head.treeSize} entries but the log holds ${leafCount}: entries were removed.`,
      };
    }
    const root = head.treeSize === 0 ? toHex(emptyRoot()) : toHex(subtreeHash(tree, 0, head.treeSize));
    if (root !== head.rootHash) {
      return {
        kind: 'HEAD_ROOT',
        at,
        message: `The tree head of size ${head.treeSize} does not match the entries: history was rewritten or the head was forked.`,
      };
    }
    counts.headsChecked += 1;
  }
  return null;
}

/** The last head signed, as anchored beside the key: still stored, and matching the entries. */
export function checkAnchor(
  anchored: AnchoredHead,
  storedRoots: ReadonlyMap<number, string>,
  tree: NodeHashSource,
  leafCount: number,
): VerifyProblem | null {
  const at = `anchor ${anchored.treeSize}`;
  if (anchored.treeSize > leafCount) {
    return {
      kind: 'ANCHOR',
      at,
      message: `The last head signed covered ${anchored.treeSize} entries but the log holds ${leafCount}: entries were removed.`,
    };
  }
  const root = anchored.treeSize === 0 ? toHex(emptyRoot()) : toHex(subtreeHash(tree, 0, anchored.treeSize));
  if (storedRoots.get(anchored.treeSize) !== anchored.rootHash || root !== anchored.rootHash) {
    return {
      kind: 'ANCHOR',
      at,
      message: `The last head signed (size ${anchored.treeSize}) is missing from the database or contradicts the entries: history was rewritten.`,
    };
  }
  return null;
}

/**
 * Walks the stored nodes in (level, index) order against the exact set a tree of leafCount leaves stores:
 * every perfect node inside [0, leafCount), leaves included, 2n - popcount(n) in all. A missing one would
 * otherwise surface only as a failed proof.
 */
export async function checkNodes(
  db: Db,
  tree: NodeHashSource,
  leafCount: number,
  counts: VerifyCounts,
): Promise<VerifyProblem | null> {
  const widthAt = (level: number): number => Math.floor(leafCount / 2 ** level);
  // The next node the walk expects, or null once every expected node was seen.
  let expected: { level: number; idx: number } | null = leafCount > 0 ? { level: 0, idx: 0 } : null;
  const advance = (level: number, idx: number): { level: number; idx: number } | null => {
    if (idx + 1 < widthAt(level)) return { level, idx: idx + 1 };
    return widthAt(level + 1) > 0 ? { level: level + 1, idx: 0 } : null;
  };
  const missing = (at: { level: number; idx: number }): VerifyProblem => ({
    kind: 'NODE_MISSING',
    at: `node ${at.level}/${at.idx}`,
    message: `Stored tree node (level ${at.level}, index ${at.idx}) is missing: proofs through it cannot be served.`,
  });
  // No lower bound on the first page: a node given a negative address must be read, and refused, too.
  let last: { level: number; idx: number } | null = null;
  for (;;) {
    let query = db.selectFrom('audit_tree_nodes').selectAll();
    if (last) {
      const { level, idx } = last;
      query = query.where((eb) =>
        eb.or([eb('level', '>', level), eb.and([eb('level', '=', level), eb('idx', '>', idx)])]),
      );
    }
    const nodes = await query.orderBy('level').orderBy('idx').limit(PAGE).execute();
    for (const node of nodes) {
      const level = Number(node.level);
      const idx = Number(node.idx);
      // Stored nodes arrive in (level, index) order, so one past the expected one means the expected one is absent.
      if (expected && (level > expected.level || (level === expected.level && idx > expected.idx)))
        return missing(expected);
      const inTree = level >= 0 && idx >= 0 && idx < widthAt(level);
      if (!inTree || toHex(tree.nodeHash(level, idx)) !== node.hash) {
        return {
          kind: 'NODE_ALTERED',
          at: `node ${level}/${idx}`,
          message: `Stored tree node (level ${level}, index ${idx}) does not match the entries.`,
        };
      }
      expected = advance(level, idx);
      counts.nodesChecked += 1;
      last = { level, idx };
    }
    if (nodes.length < PAGE) break;
  }
  return expected ? missing(expected) : null;
}

/** The sequencer state must describe the recomputed tree: its frontier and the last head's size. */
export function checkState(
  state: AuditStateRow,
  tree: NodeHashSource,
  leafCount: number,
  largestHead: number,
): VerifyProblem | null {
  const problem = (message: string): VerifyProblem => ({ kind: 'STATE', at: 'state', message });
  if (state.frontier === '') {
    if (leafCount > 0)
      return problem(`The sequencer state has no frontier for ${leafCount} sequenced entries.`);
  } else {
    let stored: string;
    try {
      stored = encodeFrontier(decodeFrontier(state.frontier));
    } catch {
      return problem('The sequencer state holds a malformed frontier.');
    }
    if (stored !== encodeFrontier(frontierAt(tree, leafCount)))
      return problem('The sequencer state frontier disagrees with the entries.');
  }
  if (Number(state.last_head_size) !== largestHead)
    return problem(
      `The sequencer state says the last head covers ${state.last_head_size} entries; the largest stored head covers ${largestHead}.`,
    );
  return null;
}
