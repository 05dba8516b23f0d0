/**
 * The part of a sequencing pass that needs no lock. On SQLite the lock is the file's one write lock,
 * which the audit commit thread, and every request waiting for its entries to be durable, waits for:
 * the waiting entries are read and hashed, the tree's new nodes built and the statements that store
 * them compiled before it is taken, and the lock is held only to store the result (sequencer.ts).
 */
import type { CompiledQuery } from 'kysely';
import { sql } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import { nodeInserts } from './audit.repository.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { entryLeafHash } from './audit-entry.ts';
import { appendLeaves, type FrontierAppend, type MerkleFrontier, toHex } from './merkle.ts';
import { checkedFrontier } from './sequencer-guard.ts';

/** How many waiting entries one pass takes at most. */
export const DEFAULT_BATCH = 5000;

/** Leaf assignments go in statements of this many entries. */
const ASSIGN_CHUNK = 500;

/** The entries a pass stores and the tree they make, as statements ready to run. */
export interface PassWork {
  readonly sequenced: number;
  readonly appended: FrontierAppend;
  /** Leaf assignments, each statement with the number of entries it must find still waiting. */
  readonly assignments: readonly { readonly query: CompiledQuery; readonly rows: number }[];
  readonly nodeInserts: readonly CompiledQuery[];
}

/**
 * What a pass worked out before it took the lock, against the sequencer state as it read it. Entries
 * never change once written and only the sequencer moves the state, so the work stands if the state
 * is unchanged once the lock is held.
 */
export interface PreparedPass {
  /** The sequencer state the work extends: used only if the state under the lock is still this. */
  readonly basis: { readonly treeSize: string; readonly frontier: string };
  /** Nothing waits and every sequenced entry is under a signed head: a pass has nothing to do. */
  readonly idle: boolean;
  /** The work itself; null when it is left to be done under the lock (PostgreSQL, see preparePass). */
  readonly work: PassWork | null;
}

/** The waiting entries' leaves on the frontier, the nodes they complete, and the statements storing both. */
export function workOn(db: Db, frontier: MerkleFrontier, pending: readonly AuditEntryRow[]): PassWork {
  const leafHashes = pending.map((row, offset) => entryLeafHash(row, frontier.size + offset));
  const appended = appendLeaves(frontier, leafHashes);
  return {
    sequenced: pending.length,
    appended,
    assignments: leafAssignments(
      db,
      pending.map((row, offset) => ({
        id: row.id,
        index: frontier.size + offset,
        hash: toHex(leafHashes[offset] ?? new Uint8Array()),
      })),
    ),
    nodeInserts: nodeInserts(db, appended.nodes),
  };
}

/** The entries waiting for a leaf index, in arrival order. */
export function waitingEntries(db: Db, batch: number): Promise<AuditEntryRow[]> {
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where('leaf_index', 'is', null)
    .orderBy('recorded_at')
    .orderBy('id')
    .limit(batch)
    .execute();
}

/**
 * Reads the sequencer state and checks it against the stored nodes (an integrity failure is thrown
 * here, so it is reported on every pass, however quiet the log), then works out the pass's work if
 * it is to be done ahead: on SQLite. On PostgreSQL the advisory lock holds up no one, and a process
 * that loses it would have read and hashed for nothing, so there the work is done under the lock.
 */
export async function preparePass(database: Database, batch = DEFAULT_BATCH): Promise<PreparedPass> {
  const { db } = database;
  const state = await db
    .selectFrom('audit_state')
    .select(['tree_size', 'frontier', 'last_head_size'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  const frontier = await checkedFrontier(db, state);
  const basis = { treeSize: String(state.tree_size), frontier: state.frontier };
  const unsigned = frontier.size !== Number(state.last_head_size);
  if (database.engine !== 'sqlite') {
    const waiting = await db
      .selectFrom('audit_entries')
      .select('id')
      .where('leaf_index', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return { basis, idle: waiting === undefined && !unsigned, work: null };
  }
  const pending = await waitingEntries(db, batch);
  return { basis, idle: pending.length === 0 && !unsigned, work: workOn(db, frontier, pending) };
}

/**
 * Statements that set leaf index and hash of many entries, one per chunk (a row-at-a-time update
 * made sequencing round-trip bound on PostgreSQL), each only where the entry still waits. Written to
 * run unchanged on both engines. The wait is tested through coalesce: SQLite would otherwise walk the
 * waiting entries by the leaf-index index and scan the values for each, where the primary key finds
 * each entry at once.
 */
function leafAssignments(
  db: Db,
  leaves: readonly { id: string; index: number; hash: string }[],
): PassWork['assignments'] {
  const statements: { query: CompiledQuery; rows: number }[] = [];
  for (let at = 0; at < leaves.length; at += ASSIGN_CHUNK) {
    const chunk = leaves.slice(at, at + ASSIGN_CHUNK);
    const values = sql.join(chunk.map((l) => sql`(${l.id}, ${String(l.index)}, ${l.hash})`));
    const query = sql`with v(id, idx, hash) as (values ${values})
      update audit_entries set leaf_index = cast(v.idx as bigint), leaf_hash = v.hash
      from v where audit_entries.id = v.id and coalesce(audit_entries.leaf_index, -1) < 0`.compile(db);
    statements.push({ query, rows: chunk.length });
  }
  return statements;
}
