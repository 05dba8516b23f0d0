import type { KeyObject } from 'node:crypto';
import { sql } from 'kysely';
import type { Database, Db } from '../../db/database.ts';
import type { WriteGate } from '../../db/write-gate.ts';
import type { HeadAnchor } from './head-anchor.ts';
import { encodeFrontier, frontierRoot, toHex } from './merkle.ts';
import { AuditIntegrityError, checkExtendsAnchor, checkedFrontier } from './sequencer-guard.ts';
import {
  DEFAULT_BATCH,
  type PreparedPass,
  preparePass,
  waitingEntries,
  workOn,
} from './sequencer-prepare.ts';
import { signTreeHead } from './tree-head.ts';

/** The key that signs tree heads, and where the last signed head is anchored outside the database. */
export interface HeadSigner {
  privateKey: KeyObject;
  keyId: string;
  /** Without one, nothing outside the database says what was signed last (tests and tools only). */
  anchor?: HeadAnchor;
}

/** How a pass runs: at most `batch` entries, a head when `headEveryMs` has passed or `forceHead`. */
export interface PassOptions {
  batch?: number;
  headEveryMs?: number;
  forceHead?: boolean;
  /** Turns with another thread writing to the same SQLite file (db/write-gate.ts). */
  writeGate?: WriteGate;
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
 * either check fails. On SQLite the entries are read and hashed before the lock is taken
 * (`preparePass`); if another pass moved the state meanwhile, that work is set aside and done again
 * under the lock. A pass with nothing to sequence and no head to sign opens no transaction, unless a
 * head is forced.
 */
export async function sequenceOnce(
  database: Database,
  signer: HeadSigner,
  now: Date,
  options: PassOptions = {},
): Promise<SequenceResult> {
  const batch = options.batch ?? DEFAULT_BATCH;
  return sequencePrepared(database, signer, now, await preparePass(database, batch), options);
}

/**
 * `sequenceOnce` with its unlocked work already done. With a write gate, the gate is held around the
 * transaction, so that the thread waiting next is woken when it ends.
 */
export async function sequencePrepared(
  database: Database,
  signer: HeadSigner,
  now: Date,
  prepared: PreparedPass,
  options: PassOptions = {},
): Promise<SequenceResult> {
  const batch = options.batch ?? DEFAULT_BATCH;
  if (prepared.idle && options.forceHead !== true)
    return { sequenced: 0, treeSize: Number(prepared.basis.treeSize), signedHead: false };
  options.writeGate?.hold();
  let outcome: { result: SequenceResult; rootHash: string };
  try {
    outcome = await database.db.transaction().execute(async (tx) => {
      if (!(await holdSequencerLock(tx, database.engine)))
        return { result: { sequenced: 0, treeSize: -1, signedHead: false }, rootHash: '' };
      const state = await tx
        .selectFrom('audit_state')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      const frontier = await checkedFrontier(tx, state);
      const ahead = prepared.work;
      const work =
        ahead !== null &&
        prepared.basis.treeSize === String(state.tree_size) &&
        prepared.basis.frontier === state.frontier
          ? ahead
          : workOn(tx, frontier, await waitingEntries(tx, batch));
      for (const { query, rows } of work.assignments) {
        const changed = (await tx.executeQuery(query)).numAffectedRows;
        if (changed === undefined)
          throw new Error('the database did not say how many entries were sequenced');
        // Only the sequencer gives leaf indexes, and it moves the state in the same transaction.
        if (Number(changed) !== rows)
          throw new AuditIntegrityError(
            `${rows - Number(changed)} of the entries read as waiting to be sequenced no longer were (given a leaf index, or removed), though the sequencer state had not moved`,
          );
      }
      for (const query of work.nodeInserts) await tx.executeQuery(query);
      const appended = work.appended;
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
      if (work.sequenced > 0 || headDue) {
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
      return { result: { sequenced: work.sequenced, treeSize, signedHead: headDue }, rootHash: toHex(root) };
    });
  } finally {
    options.writeGate?.release();
  }
  // Only after the commit: an anchor ahead of the database would refuse every later head. A crash in
  // between leaves it one head behind, which the next head's check still accepts.
  if (outcome.result.signedHead && signer.anchor)
    await signer.anchor.write({ treeSize: outcome.result.treeSize, rootHash: outcome.rootHash });
  return outcome.result;
}

/** Runs sequencing passes on a timer until stopped; a failed pass is logged and retried. */
export class AuditSequencer {
  readonly #database: Database;
  readonly #signer: HeadSigner;
  readonly #intervalMs: number;
  readonly #onError: (error: unknown) => void;
  readonly #lockRetries: number;
  readonly #lockRetryMs: number;
  readonly #writeGate: WriteGate | undefined;
  readonly #checkpointWal: boolean;
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
      /** Turns with another thread writing to the same SQLite file (db/write-gate.ts). */
      writeGate?: WriteGate;
      /** A SQLite file: checkpoint its WAL after each pass that sequenced anything. */
      checkpointWal?: boolean;
    } = {},
  ) {
    this.#database = database;
    this.#signer = signer;
    // Short passes: each holds the write lock only briefly, and on SQLite the audit commit thread, and
    // so every request waiting for its entries to be durable, waits for that lock.
    this.#intervalMs = options.intervalMs ?? 100;
    this.#onError = options.onError ?? (() => undefined);
    this.#lockRetries = options.lockRetries ?? 40;
    this.#lockRetryMs = options.lockRetryMs ?? 50;
    this.#writeGate = options.writeGate;
    this.#checkpointWal = options.checkpointWal === true;
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
        result = await sequenceOnce(this.#database, this.#signer, new Date(), {
          ...options,
          ...(this.#writeGate === undefined ? {} : { writeGate: this.#writeGate }),
        });
      } catch (error) {
        this.#onError(error);
        return null;
      }
      if (result.sequenced > 0 && this.#checkpointWal) await this.#checkpoint();
      // Another process is sequencing; a forced head waits for it briefly so that everything is covered.
      if (result.treeSize >= 0 || options.forceHead !== true) return result;
      if (attempt >= this.#lockRetries) {
        this.#onError(new Error('no final tree head signed: another process held the sequencer lock'));
        return result;
      }
      await new Promise((resolve) => setTimeout(resolve, this.#lockRetryMs));
    }
  }

  /**
   * Copies what the WAL holds into the database file without waiting for any reader or writer
   * (PASSIVE). Run here, after a pass, the WAL stays short, so the commits requests wait for seldom
   * pass SQLite's autocheckpoint threshold, where the committing connection copies it back before
   * its commit returns and the request waiting on that commit waits for the copy.
   */
  async #checkpoint(): Promise<void> {
    try {
      await sql`pragma wal_checkpoint(passive)`.execute(this.#database.db);
    } catch (error) {
      this.#onError(error);
    }
  }

  /** Stops the timer, then runs a final pass, after any running one, that signs a head for everything sequenced. */
  async stop(): Promise<SequenceResult | null> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    return this.tick({ forceHead: true });
  }
}
