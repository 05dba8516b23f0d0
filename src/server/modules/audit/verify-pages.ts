/**
 * What the walk's pages are, shared by the walk and the verification reader thread; it imports no
 * database driver or query builder, so the thread loads little besides node:sqlite.
 */
import { LEAF_FIELDS, LEAF_VERSION } from './audit-entry.ts';

/** Entries read per page; nodes completed by a page are read in the same rhythm. */
export const WALK_PAGE = 512;

/**
 * Bytes of canonical JSON after which the verification reader thread ends a page early, however few
 * entries it holds: entries are unbounded text (`details`, `reasons`), and a page of 512 large ones
 * would not fit the reader's small heap. A page of ordinary entries (a few hundred bytes each) is far
 * below it, so pages stay WALK_PAGE long; a page always holds at least one entry.
 */
export const PAGE_TEXT_BUDGET = 2 * 1024 * 1024;

/**
 * A keyset page of sequenced entries from leaf `from` on (bound as from, limit), in leaf order, each row
 * [LEAF_VERSION, leaf_index, ...LEAF_FIELDS, leaf_hash]: the canonical leaf values, then the stored hash.
 */
export const LEAF_PAGE_SQL = `select ${LEAF_VERSION}, leaf_index, ${LEAF_FIELDS.join(', ')}, leaf_hash from audit_entries
  where leaf_index is not null and leaf_index >= ? order by leaf_index limit ?`;

/** An index range of one level of the tree. */
export interface NodeRange {
  level: number;
  from: number;
  to: number;
}

/**
 * The index ranges, one a level and in level order, of the perfect nodes (leaves included) that
 * appending leaves [from, to) completes: node j of level l is completed by leaf (j + 1) * 2^l - 1.
 */
export function rangesCompleted(from: number, to: number): NodeRange[] {
  const ranges: NodeRange[] = [];
  for (let level = 0, width = 1; width <= to; level += 1, width *= 2) {
    const first = Math.floor(from / width);
    const last = Math.floor(to / width) - 1;
    if (first <= last) ranges.push({ level, from: first, to: last });
  }
  return ranges;
}
