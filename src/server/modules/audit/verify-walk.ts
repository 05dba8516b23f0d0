/**
 * One pass over the sequenced log in leaf order, in keyset pages, with memory bounded by a page: each
 * entry is checked against its leaf hash, the leaves are appended to a running frontier (so the root at
 * any size is at hand the moment the walk reaches it), and every perfect node the page completes is
 * compared with the stored node at its address.
 */
import type { Db } from '../../db/database.ts';
import { type LeafPageReader, nodeDigests, nodesInRanges, type RangeDigest } from './audit.repository.ts';
import { LEAF_BREAK_GLASS_AT, leafHashOfValues } from './audit-entry.ts';
import {
  appendLeaves,
  emptyFrontier,
  emptyRoot,
  frontierRoot,
  type MerkleFrontier,
  type PerfectNode,
  toHex,
} from './merkle.ts';
import type { VerifyCounts, VerifyProblem } from './verify-checks.ts';
import { type NodeRange, WALK_PAGE } from './verify-pages.ts';

export { WALK_PAGE };

/** A stored node that disagrees with the entries: the first one by (level, index) is what gets reported. */
export interface NodeIssue {
  kind: 'NODE_MISSING' | 'NODE_ALTERED';
  level: number;
  idx: number;
}

/** What the walk found: the leaves it read, the final frontier, and the first node issue, if any. */
export interface LeafWalk {
  leafCount: number;
  frontier: MerkleFrontier;
  nodeIssue: NodeIssue | null;
}

/** Where the walk stops to report a root: the smallest size wanted after `after`, and the root there. */
export interface RootHooks {
  nextCut(after: number): Promise<number | null>;
  onRoot(size: number, rootHex: string): Promise<void>;
  onProgress?: (done: number, total: number) => void;
}

/** The stored nodes' digests (see nodeDigests) for these ranges, read ahead with the page. */
export interface PrefetchedDigests {
  ranges: NodeRange[];
  digests: RangeDigest[];
}

/** One page of checked entries: their leaf hashes, whether the page was full, and any digests read ahead. */
export interface WalkPage {
  hashes: Buffer[];
  full: boolean;
  digests?: PrefetchedDigests;
}

/**
 * Pages of checked entries in leaf order: given the next leaf index, the page from it (each entry
 * checked against its stored leaf hash and counted), or the first entry problem.
 */
export type LeafSource = (from: number, counts: VerifyCounts) => Promise<WalkPage | VerifyProblem>;

function sameRanges(a: readonly NodeRange[], b: readonly NodeRange[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => r.level === b[i]?.level && r.from === b[i]?.from && r.to === b[i]?.to)
  );
}

/** The issue first in (level, index) order. */
export function firstIssue(a: NodeIssue | null, b: NodeIssue | null): NodeIssue | null {
  if (!a || !b) return a ?? b;
  return a.level < b.level || (a.level === b.level && a.idx <= b.idx) ? a : b;
}

/**
 * Whether the stored nodes at the created addresses are exactly the created ones, compared range by
 * range as one concatenation each: a page costs a row per level, not a row per node. `created` is in
 * (level, index) order and `ranges` are its consecutive runs.
 */
async function nodesAgree(
  db: Db,
  created: readonly PerfectNode[],
  ranges: readonly NodeRange[],
  prefetched: PrefetchedDigests | undefined,
): Promise<boolean> {
  // Digests read ahead are used only for exactly these ranges; otherwise they are read now.
  const digests =
    prefetched && sameRanges(prefetched.ranges, ranges) ? prefetched.digests : await nodeDigests(db, ranges);
  let at = 0;
  for (const [i, range] of ranges.entries()) {
    const digest = digests[i];
    const count = range.to - range.from + 1;
    if (!digest || digest.count !== count) return false;
    // Every stored text exactly 64 characters: then equal concatenations mean equal hashes, one by one.
    if (digest.shortest !== 64 || digest.longest !== 64) return false;
    const hashes = created.slice(at, at + count).map((node) => node.hash);
    if (digest.hashes !== Buffer.concat(hashes).toString('hex')) return false;
    at += count;
  }
  return at === created.length;
}

/** Compares the nodes a page completed with those stored at the same addresses; the first issue. */
async function compareNodes(
  db: Db,
  created: PerfectNode[],
  counts: VerifyCounts,
  prefetched: PrefetchedDigests | undefined,
): Promise<NodeIssue | null> {
  created.sort((a, b) => a.level - b.level || a.index - b.index);
  const ranges: NodeRange[] = [];
  for (const node of created) {
    const last = ranges.at(-1);
    if (last && last.level === node.level && last.to + 1 === node.index) last.to = node.index;
    else ranges.push({ level: node.level, from: node.index, to: node.index });
  }
  if (await nodesAgree(db, created, ranges, prefetched)) {
    counts.nodesChecked += created.length;
    return null;
  }
  // Something differs: read the nodes one by one to name the first that does, as always.
  const stored = await nodesInRanges(db, ranges);
  // Both lists are in (level, index) order and `stored` can only hold addresses `created` has.
  let s = 0;
  for (const node of created) {
    const row = stored[s];
    if (!row || row.level !== node.level || row.idx !== node.index)
      return { kind: 'NODE_MISSING', level: node.level, idx: node.index };
    s += 1;
    if (row.hash !== toHex(node.hash)) return { kind: 'NODE_ALTERED', level: node.level, idx: node.index };
    counts.nodesChecked += 1;
  }
  return null;
}

/**
 * The leaf source over a page reader on this thread: reads one page of entries from leaf `from` and
 * checks each against its leaf hash. The rows are dropped when it returns, before the walk's next query,
 * so they die young instead of being carried into the old generation of the heap.
 */
export function pagesFrom(readLeaves: LeafPageReader): LeafSource {
  return async (from, counts) => {
    const rows = await readLeaves(from, WALK_PAGE);
    const hashes: Buffer[] = [];
    for (const values of rows) {
      const index = from + hashes.length;
      if (Number(values[1]) !== index) return entryMissing(index);
      // [version, leaf index, ...fields, stored leaf hash]: hash what precedes the stored hash.
      const stored = values.pop();
      values[1] = index;
      values[LEAF_BREAK_GLASS_AT] = Number(values[LEAF_BREAK_GLASS_AT]);
      const hash = leafHashOfValues(values);
      if (stored !== hash.toString('hex')) return entryAltered(index, values[2]);
      hashes.push(hash);
      counts.entriesChecked += 1;
    }
    return { hashes, full: rows.length === WALK_PAGE };
  };
}

/** The problem for a leaf index the entries skip. */
export function entryMissing(index: number): VerifyProblem {
  return {
    kind: 'ENTRY_MISSING',
    at: `leaf ${index}`,
    message: `Leaf ${index} is missing: the entry was deleted or moved.`,
  };
}

/** The problem for an entry that does not match its stored leaf hash. */
export function entryAltered(index: number, id: unknown): VerifyProblem {
  return {
    kind: 'ENTRY_ALTERED',
    at: `leaf ${index}`,
    message: `Entry at leaf ${index} (id ${idText(id)}) does not match its leaf hash: it was altered or moved.`,
  };
}

/** An entry's stored id as printed: text as it is, a blob (an id rewritten to bytes) as a hex literal. */
function idText(id: unknown): string {
  if (id instanceof Uint8Array) return `x'${Buffer.from(id).toString('hex')}'`;
  return typeof id === 'object' && id !== null ? JSON.stringify(id) : String(id);
}

/**
 * Reads leaves 0.. in order and checks each entry; returns the walk, or the first entry problem (a gap,
 * an altered entry, a log shorter or longer than `treeSize`).
 */
export async function walkLeaves(
  db: Db,
  pages: LeafSource,
  treeSize: number,
  counts: VerifyCounts,
  hooks: RootHooks,
): Promise<LeafWalk | VerifyProblem> {
  let frontier = emptyFrontier();
  let nodeIssue: NodeIssue | null = null;
  let cut = await hooks.nextCut(-1);
  if (cut === 0) {
    await hooks.onRoot(0, toHex(emptyRoot()));
    cut = await hooks.nextCut(0);
  }
  for (;;) {
    const page = await pages(frontier.size, counts);
    if ('kind' in page) return page;
    const { hashes, full } = page;
    // Append in segments that end at each size a root is wanted for.
    const created: PerfectNode[] = [];
    const end = frontier.size + hashes.length;
    let from = 0;
    while (from < hashes.length) {
      const stop = cut !== null && cut <= end ? cut - frontier.size : hashes.length;
      const appended = appendLeaves(frontier, hashes.slice(from, from + stop));
      frontier = appended.frontier;
      for (const node of appended.nodes) created.push(node);
      from += stop;
      if (cut !== null && frontier.size === cut) {
        await hooks.onRoot(cut, toHex(frontierRoot(frontier)));
        cut = await hooks.nextCut(cut);
      }
    }
    nodeIssue = firstIssue(nodeIssue, await compareNodes(db, created, counts, page.digests));
    hooks.onProgress?.(frontier.size, treeSize);
    if (!full) break;
  }
  const next = frontier.size;
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
  return { leafCount: next, frontier, nodeIssue };
}
