import type { DatabaseHandle, Db } from '../../db/database.ts';
import { AppError } from '../../http/errors.ts';
import { insertEntries } from './audit.repository.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { type AuditCommitter, transactionCommitter } from './audit-committer.ts';
import { type AuditEvent, toRow } from './audit-entry.ts';

interface Waiter {
  rows: AuditEntryRow[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * The audit log cannot take an entry now: too many wait for their commit (the table is locked or the
 * database is down), or shutdown gave up on them. The request fails closed: unlogged, it is not answered.
 */
export class AuditUnavailableError extends AppError {
  constructor(message: string) {
    super('INTERNAL', 503, message);
    this.name = 'AuditUnavailableError';
  }
}

/**
 * Appends audit entries. Entries that record a change go into the change's own transaction
 * (`appendInTransaction`); entries that record a read are group-committed (`append`): concurrent
 * requests' entries share one transaction and one fsync, and each request is answered only after
 * the commit that holds its entries. If that commit fails, every waiting request fails. The queue is
 * bounded: past `maxQueued` waiting entries new appends are refused rather than held without limit.
 * As many commits are in flight as the committer runs at once (one, or two on PostgreSQL); a batch
 * takes what waits when a commit can start. Group commits run on the given committer (see
 * audit-committer.ts: a worker thread or a dedicated connection in the server); without one, in
 * process on `database`.
 */
export class AuditWriter {
  readonly #committer: AuditCommitter;
  readonly #maxBatch: number;
  readonly #maxQueued: number;
  #queue: Waiter[] = [];
  #deadline: number | null = null;
  #closed = false;
  #queued = 0;
  // Commits in flight: at most the committer's concurrency.
  readonly #inFlight = new Set<Promise<void>>();
  #scheduled = false;

  constructor(
    database: DatabaseHandle,
    options: { maxBatch?: number; maxQueued?: number; committer?: AuditCommitter } = {},
  ) {
    this.#committer = options.committer ?? transactionCommitter(database);
    this.#maxBatch = options.maxBatch ?? 2000;
    this.#maxQueued = options.maxQueued ?? 50_000;
  }

  /** Writes events in the caller's transaction; they commit or roll back with it. */
  async appendInTransaction(
    tx: Db,
    events: readonly AuditEvent[],
    at: Date,
    requestId: string | null,
  ): Promise<void> {
    await insertEntries(
      tx,
      events.map((e) => toRow(e, at, requestId)),
    );
  }

  /** Group-commits events; resolves once they are durably stored, rejects with AuditUnavailableError when full. */
  append(events: readonly AuditEvent[], at: Date, requestId: string | null): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    if (this.#closed)
      return Promise.reject(
        new AuditUnavailableError('The server is shutting down; the request was not carried out.'),
      );
    if (this.#queued + events.length > this.#maxQueued)
      return Promise.reject(
        new AuditUnavailableError(
          'The audit log cannot record this request right now, so it was refused. Try again shortly.',
        ),
      );
    const rows = events.map((e) => toRow(e, at, requestId));
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ rows, resolve, reject });
      this.#queued += rows.length;
      this.#schedule();
    });
  }

  /**
   * Waits until everything queued is committed: true then. A deadline (epoch ms) bounds this drain and every
   * later one: if entries still wait when it passes, they fail, new appends are refused, and drain returns false,
   * so a locked audit table cannot hang shutdown.
   */
  async drain(options: { deadline?: number } = {}): Promise<boolean> {
    if (options.deadline !== undefined)
      this.#deadline = Math.min(this.#deadline ?? Infinity, options.deadline);
    let timer: NodeJS.Timeout | undefined;
    const expired =
      this.#deadline === null
        ? null
        : new Promise<'expired'>((resolve) => {
            timer = setTimeout(() => resolve('expired'), Math.max(0, (this.#deadline ?? 0) - Date.now()));
          });
    try {
      while (this.#inFlight.size > 0 || this.#queue.length > 0) {
        if (this.#closed) return false;
        const step = this.#inFlight.size > 0 ? Promise.race(this.#inFlight) : this.#flush();
        if ((await (expired ? Promise.race([step, expired]) : step)) === 'expired') {
          this.#abandon();
          return false;
        }
      }
      return !this.#closed;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Where group commits run. */
  get committer(): AuditCommitter['kind'] {
    return this.#committer.kind;
  }

  /** Refuses new appends and releases the committer's thread or connection; call after drain. */
  async close(): Promise<void> {
    if (this.#queue.length > 0 || this.#inFlight.size > 0) await this.drain();
    this.#closed = true;
    await this.#committer.close();
  }

  #abandon(): void {
    this.#closed = true;
    const waiting = this.#queue;
    this.#queue = [];
    this.#queued = 0;
    const error = new AuditUnavailableError('The server is shutting down; the request was not carried out.');
    for (const w of waiting) w.reject(error);
  }

  #schedule(): void {
    if (this.#inFlight.size >= this.#committer.concurrency || this.#scheduled) return;
    this.#scheduled = true;
    // One turn of the event loop lets requests arriving together join the same commit.
    setImmediate(() => {
      this.#scheduled = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    if (this.#inFlight.size >= this.#committer.concurrency || this.#queue.length === 0) return;
    const batch: Waiter[] = [];
    let count = 0;
    while (this.#queue.length > 0 && count < this.#maxBatch) {
      const next = this.#queue.shift();
      if (!next) break;
      batch.push(next);
      count += next.rows.length;
    }
    this.#queued -= count;
    // Never rejects: a failed commit fails its own requests.
    const commit = (async () => {
      try {
        await this.#committer.commit(batch.flatMap((w) => w.rows));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    })();
    this.#inFlight.add(commit);
    await commit;
    this.#inFlight.delete(commit);
    if (this.#queue.length > 0) this.#schedule();
  }
}
