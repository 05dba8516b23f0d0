/**
 * Runs the audit log's group commits for a SQLite file on a worker thread with its own connection, so a
 * commit's inserts and fsync never block the event loop. One batch is in flight at a time (the writer
 * sends the next only after the last is answered). If the thread dies, the batches it held fail, and the
 * next commit starts a new thread.
 */
import { Worker } from 'node:worker_threads';
import { freeWriteGate, writeGateBuffer } from '../../db/write-gate.ts';
import { type EntryValue, entryValues } from './audit.repository.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import type { AuditCommitter } from './audit-committer.ts';

/** A message to the commit thread. */
export type CommitRequest = { type: 'commit'; id: number; values: EntryValue[] } | { type: 'close' };

/** What the commit thread is started with. */
export interface CommitThreadData {
  readonly file: string;
  readonly gate: SharedArrayBuffer;
}

/** The commit thread's answer to one batch. */
export type CommitReply =
  | { id: number; ok: true }
  | { id: number; ok: false; message: string; code: string | null };

/** A commit the thread refused or could not finish; carries SQLite's error code when there was one. */
export class AuditCommitError extends Error {
  /** SQLite's error code, e.g. ERR_SQLITE_ERROR, or null when the thread itself failed. */
  readonly code: string | null;

  constructor(message: string, code: string | null) {
    super(message);
    this.name = 'AuditCommitError';
    this.code = code;
  }
}

interface InFlight {
  resolve: () => void;
  reject: (error: unknown) => void;
}

const WORKER_URL = new URL('./audit-commit-worker.ts', import.meta.url);

/** A committer whose transactions run on a worker thread holding its own connection to `file`. */
export function sqliteWorkerCommitter(file: string): AuditCommitter {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 0;
  const inFlight = new Map<number, InFlight>();

  const failAll = (error: unknown): void => {
    const waiting = [...inFlight.values()];
    inFlight.clear();
    for (const w of waiting) w.reject(error);
  };

  // Turns with the sequencing thread at the file's write lock (db/write-gate.ts).
  const gate = writeGateBuffer(file);

  const start = (): Worker => {
    const thread = new Worker(WORKER_URL, { workerData: { file, gate } satisfies CommitThreadData });
    const id = thread.threadId;
    thread.on('message', (reply: CommitReply) => {
      const waiter = inFlight.get(reply.id);
      if (!waiter) return;
      inFlight.delete(reply.id);
      // An idle thread must not keep the process alive; one with a commit in flight must.
      if (inFlight.size === 0) thread.unref();
      if (reply.ok) waiter.resolve();
      else waiter.reject(new AuditCommitError(reply.message, reply.code));
    });
    thread.on('error', (error) => {
      if (worker === thread) worker = null;
      failAll(new AuditCommitError(`the audit commit thread failed: ${error.message}`, null));
    });
    thread.on('exit', () => {
      freeWriteGate(gate, id);
      if (worker === thread) worker = null;
      failAll(new AuditCommitError('the audit commit thread stopped', null));
    });
    thread.unref();
    return thread;
  };

  // Started now, so the first request does not wait for the thread to load and open the file.
  worker = start();
  return {
    kind: 'worker-thread',
    // The thread commits one batch at a time, in the order sent.
    concurrency: 1,
    commit(rows: readonly AuditEntryRow[]): Promise<void> {
      if (closed) return Promise.reject(new AuditCommitError('the audit committer is closed', null));
      worker ??= start();
      const thread = worker;
      const id = nextId++;
      const values = entryValues(rows);
      return new Promise<void>((resolve, reject) => {
        inFlight.set(id, { resolve, reject });
        thread.ref();
        thread.postMessage({ type: 'commit', id, values } satisfies CommitRequest);
      });
    },
    async close(): Promise<void> {
      closed = true;
      const thread = worker;
      worker = null;
      if (!thread) return;
      const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
      thread.ref();
      thread.postMessage({ type: 'close' } satisfies CommitRequest);
      await exited;
    },
  };
}
