/** The separate checks of a full audit log verification (see verify.ts), each over one snapshot. */
import type { KeyObject } from 'node:crypto';
import type { Db } from '../../db/database.ts';
import type { AuditStateRow } from './audit.tables.ts';
import type { AnchoredHead } from './head-anchor.ts';
import { decodeFrontier, encodeFrontier, type MerkleFrontier } from './merkle.ts';
import { type SignedTreeHead, verifyTreeHead } from './tree-head.ts';
import type { NodeIssue } from './verify-walk.ts';

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
 * A head must name a trusted key (by key id) and carry its valid signature, cover no more than the log
 * holds, and have the root of the entries it covers (`root`, hex; the empty tree's at size 0).
 */
export function checkHead(
  head: SignedTreeHead,
  root: string | undefined,
  leafCount: number,
  trustedKeys: ReadonlyMap<string, KeyObject>,
): VerifyProblem | null {
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
  if (root !== head.rootHash) {
    return {
      kind: 'HEAD_ROOT',
      at,
      message: `The tree head of size ${head.treeSize} does not match the entries: history was rewritten or the head was forked.`,
    };
  }
  return null;
}

/**
 * The last head signed, as anchored beside the key: still stored (`storedRoot`, the stored head's root at
 * its size) and matching the entries (`root`, the entries' root at its size).
 */
export function checkAnchor(
  anchored: AnchoredHead,
  storedRoot: string | undefined,
  root: string | undefined,
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
  if (storedRoot !== anchored.rootHash || root !== anchored.rootHash) {
    return {
      kind: 'ANCHOR',
      at,
      message: `The last head signed (size ${anchored.treeSize}) is missing from the database or contradicts the entries: history was rewritten.`,
    };
  }
  return null;
}

/** The report for a stored node that disagrees with the entries. */
export function nodeProblem(issue: NodeIssue): VerifyProblem {
  const { level, idx } = issue;
  return issue.kind === 'NODE_MISSING'
    ? {
        kind: 'NODE_MISSING',
        at: `node ${level}/${idx}`,
        message: `Stored tree node (level ${level}, index ${idx}) is missing: proofs through it cannot be served.`,
      }
    : {
        kind: 'NODE_ALTERED',
        at: `node ${level}/${idx}`,
        message: `Stored tree node (level ${level}, index ${idx}) does not match the entries.`,
      };
}

/** The sequencer state must describe the recomputed tree: its frontier and the last head's size. */
export function checkState(
  state: AuditStateRow,
  frontier: MerkleFrontier,
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
    if (stored !== encodeFrontier(frontier))
      return problem('The sequencer state frontier disagrees with the entries.');
  }
  if (Number(state.last_head_size) !== largestHead)
    return problem(
      `The sequencer state says the last head covers ${state.last_head_size} entries; the largest stored head covers ${largestHead}.`,
    );
  return null;
}
