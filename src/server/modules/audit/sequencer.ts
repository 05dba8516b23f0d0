import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import { insertNodes } from './audit.repository.ts';
import { entryLeafHash } from './audit-entry.ts';
import type { HeadAnchor } from './head-anchor.ts';
import { appendLeaves, encodeFrontier, frontierRoot, toHex } from './merkle.ts';
import { checkExtendsAnchor, checkedFrontier } from './sequencer-guard.ts';
import { signTreeHead } from './tree-head.ts';

/** The key that signs tree heads, and where the last signed head is anchored outside the database. */
export interface HeadSigner {
  privateKey: KeyObject;
  keyId: string;
  /** Without one, nothing outside the database says what was signed last (tests and tools only). */
  anchor?: HeadAnchor;
}

/** What one sequencing pass did; treeSize is -1 when another process held the sequencer lock. */
export interface SequenceResult {
  sequenced: number;
  treeSize: number;
  signedHead: boolean;
}

// Arbitrary constant naming Accord's sequencer lock among PostgreSQL advisory locks. The second key is the
// schema's hash: advisory locks are global to a database, and Accord schemas sharing one must not block each other.
const SEQUENCER_LOCK = 0x41_43_43_44;

/** Takes the sequencer lock for the rest of the transaction; false when another session holds it. */
export async function holdSequencerLock(tx: Db, engine: Database['engine']): Promise<boolean> {
  // SQLite has one writer per database file: the transaction itself is the lock.
  if (engine === 'sqlite') return true;
  const result = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(cast(${SEQUENCER_LOCK} as integer),
    hashtext(coalesce(current_schema(), ''))) as locked`.execute(tx);
  return result.rows[0]?.locked === true;
}

/**
 * One pass: gives waiting entries their leaf indexes in arrival order, stores their leaf hashes and
 * every completed tree node, and signs a tree head when the tree grew and the last head is old
 * enough. All in one transaction, under the sequencer lock, so several processes can share a
 * database and exactly one sequences at a time. The stored frontier is checked against the stored
 * nodes before it is extended, and a head is signed only if the tree extends the anchored one; the
 * anchor moves forward once the head has committed. Throws AuditIntegrityError, signing nothing, when
 * either check fails.
 */
export async function sequenceOnce(
  database: Database,
  signer: HeadSigner,
  now: Date,
  options: { batch?: number; headEveryMs?: number; forceHead?: boolean } = {},
): Promise<SequenceResult> {
  const batch = options.batch ?? 5000;
  const outcome = await database.db.transaction().execute(async (tx) => {
    if (!(await holdSequencerLock(tx, database.engine)))
      return { result: { sequenced: 0, treeSize: -1, signedHead: false }, rootHash: '' };
    const state = await tx
      .selectFrom('audit_state')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirstOrThrow();
    const frontier = await checkedFrontier(tx, state);
    const pending = await tx
      .selectFrom('audit_entries')
      .selectAll()
      .where('leaf_index', 'is', null)
      .orderBy('recorded_at')
      .orderBy('id')
      .limit(batch)
      .execute();
    const leafHashes = pending.map((row, offset) => entryLeafHash(row, frontier.size + offset));
    const appended = appendLeaves(frontier, leafHashes);
    await assignLeaves(
      tx,
      pending.map((row, offset) => ({
        id: row.id,
        index: frontier.size + offset,
        hash: toHex(leafHashes[offset] ?? new Uint8Array()),
      })),
    );
    await insertNodes(tx, appended.nodes);
    const treeSize = appended.frontier.size;
    const root = frontierRoot(appended.frontier);
    const lastHead = await tx
      .selectFrom('audit_tree_heads')
      .select(['signed_at'])
      .orderBy('tree_size', 'desc')
      .limit(1)
      .executeTakeFirst();
    const headDue =
      treeSize > Number(state.last_head_size) &&
      (options.forceHead === true ||
        !lastHead ||
        now.getTime() - Date.parse(lastHead.signed_at) >= (options.headEveryMs ?? 2000));
    if (headDue) {
      if (signer.anchor) await checkExtendsAnchor(tx, signer.anchor, treeSize, root);
      const head = signTreeHead(
        { treeSize, rootHash: toHex(root), timestamp: now.toISOString() },
        signer.privateKey,
      );
      await tx
        .insertInto('audit_tree_heads')
        .values({
          tree_size: treeSize,
          root_hash: head.rootHash,
          signed_at: head.timestamp,
          signature: head.signature,
          key_id: head.keyId,
        })
        .execute();
    }
    if (pending.length > 0 || headDue) {
      await tx
        .updateTable('audit_state')
        .set({
          tree_size: treeSize,
          frontier: encodeFrontier(appended.frontier),
          last_head_size: headDue ? treeSize : Number(state.last_head_size),
        })
        .where('id', '=', 1)
        .execute();
    }
    return { result: { sequenced: pending.length, treeSize, signedHead: headDue }, rootHash: toHex(root) };
  });
  // Only after the commit: an anchor ahead of the database would refuse every later head. A crash in
  // between leaves it one head behind, which the next head's check still accepts.
  if (outcome.result.signedHead && signer.anchor)
    await signer.anchor.write({ treeSize: outcome.result.treeSize, rootHash: outcome.rootHash });
  return outcome.result;
}

/**
 * Sets leaf index and hash of many entries with one statement per chunk (a row-at-a-time update
 * made sequencing round-trip bound on PostgreSQL). Written to run unchanged on both engines.
 */
async function assignLeaves(
  tx: Db,
  leaves: readonly { id: string; index: number; hash: string }[],
): Promise<void> {
  for (let at = 0; at < leaves.length; at += 500) {
    const chunk = leaves.slice(at, at + 500);
    const values = sql.join(chunk.map((l) => sql`(${l.id}, ${String(l.index)}, ${l.hash})`));
    await sql`with v(id, idx, hash) as (values ${values})
      update audit_entries set leaf_index = cast(v.idx as bigint), leaf_hash = v.hash
      from v where audit_entries.id = v.id`.execute(tx);
  }
}

/** Runs sequencing passes on a timer until stopped; a failed pass is logged and retried. */
export class AuditSequencer {
  readonly #database: Database;
  readonly #signer: HeadSigner;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #lockRetries: number;
  readonly #lockRetryMs: number;
  #timer: NodeJS.Timeout | null = null;
  // Passes of one process run one after another: a timer pass holding the lock must not make the
  // final forced pass give up as if another process held it.
  #chain: Promise<unknown> = Promise.resolve();
  #queued = 0;

  constructor(
    database: Database,
    signer: HeadSigner,
    options: {
      intervalMs?: number;
      onError?: (error: unknown) => void;
      /** How often a forced pass retries while another process holds the lock (default 40). */
      lockRetries?: number;
      lockRetryMs?: number;
    } = {},
  ) {
    this.#database = database;
    this.#signer = signer;
    this.#intervalMs = options.intervalMs ?? 250;
    this.#onError = options.onError ?? (() => undefined);
    this.#lockRetries = options.lockRetries ?? 40;
    this.#lockRetryMs = options.lockRetryMs ?? 50;
  }

  /** Starts the timer. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      // A timer pass behind a running one would only repeat it.
      if (this.#queued === 0) void this.tick();
    }, this.#intervalMs);
    this.#timer.unref();
  }

  /** One pass after any running or queued one; null when it failed (the error went to onError). */
  tick(options: { forceHead?: boolean } = {}): Promise<SequenceResult | null> {
    this.#queued += 1;
    const run = this.#chain.then(() => this.#pass(options));
    this.#chain = run
      .finally(() => {
        this.#queued -= 1;
      })
      .catch(() => undefined);
    return run;
  }

  async #pass(options: { forceHead?: boolean }): Promise<SequenceResult | null> {
    for (let attempt = 0; ; attempt += 1) {
      let result: SequenceResult;
      try {
        result = await sequenceOnce(this.#database, this.#signer, new Date(), options);
      } catch (error) {
        this.#onError(error);
        return null;
      }
      // Another process is sequencing; a forced head waits for it briefly so that everything is covered.
      if (result.treeSize >= 0 || options.forceHead !== true) return result;
      if (attempt >= this.#lockRetries) {
        this.#onError(new Error('no final tree head signed: another process held the sequencer lock'));
        return result;
      }
      await new Promise((resolve) => setTimeout(resolve, this.#lockRetryMs));
    }
  }

  /** Stops the timer, then runs a final pass, after any running one, that signs a head for everything sequenced. */
  async stop(): Promise<SequenceResult | null> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    return this.tick({ forceHead: true });
  }
}
