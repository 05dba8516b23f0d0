/**
 * Where audit sequencing runs. For a SQLite file or a PostgreSQL server, on a worker thread with its
 * own connection, so a pass's read of the waiting entries, their leaf hashes, the tree's nodes and the
 * head's signature never hold up a request. An in-memory SQLite database cannot be opened twice, so it
 * sequences in process; that choice is made here, by configuration, never by falling back. (PGlite,
 * which tests open directly, has no configuration and uses AuditSequencer itself.) The passes are the
 * same AuditSequencer's either way, under the same lock, so several processes and threads may share
 * one database and exactly one sequences at a time.
 */
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { freeWriteGate, writeGateBuffer } from '../../db/write-gate.ts';
import { fileHeadAnchor } from './head-anchor.ts';
import { AuditSequencer, type SequenceResult } from './sequencer.ts';
import { AuditIntegrityError } from './sequencer-guard.ts';
import type { SigningKey } from './tree-head.ts';

/** What the server needs of a sequencer, in process or on its thread. */
export interface SequencerHandle {
  /** Where passes run, for logs and benchmarks. */
  readonly kind: 'in-process' | 'worker-thread';
  /** Starts the timer. */
  start(): void;
  /** One pass after any running one; null when it failed (the error went to onError). */
  tick(options?: { forceHead?: boolean }): Promise<SequenceResult | null>;
  /** Stops the timer and runs a final pass that signs a head for everything sequenced. */
  stop(): Promise<SequenceResult | null>;
}

/** What the thread is started with: plain data, the key as PKCS #8 PEM in memory only. */
export interface SequencerThreadData {
  readonly database: DatabaseConfig;
  readonly privateKeyPem: string;
  readonly keyId: string;
  readonly anchorFile: string | null;
  readonly intervalMs?: number;
  /** For a SQLite file: turns with the audit commit thread at its write lock (db/write-gate.ts). */
  readonly writeGate?: SharedArrayBuffer;
}

/** A message to the sequencing thread. */
export type SequencerRequest =
  | { type: 'start' }
  | { type: 'tick'; id: number; forceHead: boolean }
  | { type: 'stop'; id: number };

/** The thread's messages: ready once open, a pass's result, or a failed pass's error. */
export type SequencerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: SequenceResult | null }
  | { type: 'error'; integrity: boolean; name: string; message: string };

/** A failed pass reported by the sequencing thread, rebuilt on this side with its kind. */
function threadError(reply: Extract<SequencerReply, { type: 'error' }>): Error {
  const error = reply.integrity ? new AuditIntegrityError('') : new Error();
  // The message was composed on the thread already; the kind alone is restored here.
  error.message = reply.message;
  error.name = reply.name;
  return error;
}

const WORKER_URL = new URL('./sequencer-worker.ts', import.meta.url);

/** How long after an unexpected stop a new sequencing thread is started. */
const RESTART_MS = 1_000;

/** How long a new thread may take to open its connection before it is given up. */
const OPEN_TIMEOUT_MS = 60_000;

/**
 * Starts a sequencing thread and resolves once its connection is open; rejects, with the thread
 * ended, if it fails, exits or has not opened within OPEN_TIMEOUT_MS.
 */
async function spawn(data: SequencerThreadData): Promise<Worker> {
  const thread = new Worker(WORKER_URL, { workerData: data });
  let timer: NodeJS.Timeout | undefined;
  let failed: (error: unknown) => void = () => undefined;
  let ended: () => void = () => undefined;
  let opened: () => void = () => undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      failed = reject;
      ended = () => reject(new Error('the audit sequencing thread ended before it opened'));
      opened = resolve;
      thread.once('error', failed);
      thread.once('exit', ended);
      thread.once('message', opened);
      timer = setTimeout(
        () => reject(new Error('the audit sequencing thread did not open its connection in time')),
        OPEN_TIMEOUT_MS,
      );
    });
  } catch (error) {
    await thread.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
    // Only these listeners: the thread's own bookkeeping listens on it too.
    thread.off('error', failed);
    thread.off('exit', ended);
    thread.off('message', opened);
  }
  return thread;
}

/**
 * Runs the sequencer on a thread with its own connection to `config`'s database. The first thread
 * must open, or this rejects. A thread that stops unexpectedly is reported to onError, its waiting
 * passes resolve null (as a failed pass does in process), and another is started, so sequencing does
 * not end with one thread; passes asked for meanwhile resolve null.
 */
export async function sequencerThread(
  config: DatabaseConfig,
  signer: { privateKeyPem: string; keyId: string; anchorFile: string | null },
  options: {
    intervalMs?: number;
    onError?: (error: unknown) => void;
    /** Called with each thread as it is started (a test stops one this way). */
    onThread?: (thread: Worker) => void;
  } = {},
): Promise<SequencerHandle> {
  const onError = options.onError ?? (() => undefined);
  const waiting = new Map<number, (result: SequenceResult | null) => void>();
  let nextId = 0;
  let started = false;
  let stopping = false;
  const writeGate = config.kind === 'sqlite' ? writeGateBuffer(config.file) : undefined;
  const data: SequencerThreadData = {
    database: config,
    ...signer,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
    ...(writeGate === undefined ? {} : { writeGate }),
  };
  let thread: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();

  const settleAll = () => {
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  const adopt = (worker: Worker) => {
    thread = worker;
    const id = worker.threadId;
    options.onThread?.(worker);
    exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('message', (reply: SequencerReply) => {
      if (reply.type === 'error') onError(threadError(reply));
      else if (reply.type === 'result') {
        waiting.get(reply.id)?.(reply.result);
        waiting.delete(reply.id);
        // A thread with a pass awaited keeps the process alive; an idle one must not.
        if (waiting.size === 0 && !stopping) worker.unref();
      }
    });
    worker.on('error', (error) => onError(error));
    worker.on('exit', () => {
      if (writeGate !== undefined) freeWriteGate(writeGate, id);
      thread = null;
      settleAll();
      if (stopping) return;
      onError(new Error('the audit sequencing thread stopped; another is being started'));
      setTimeout(() => void restart(), RESTART_MS).unref();
    });
    // The timer runs on the thread; it must not keep the process alive on its own, as in process.
    worker.unref();
    if (started) worker.postMessage({ type: 'start' } satisfies SequencerRequest);
  };
  const restart = async () => {
    if (stopping) return;
    try {
      const worker = await spawn(data);
      if (stopping) await worker.terminate();
      else adopt(worker);
    } catch (error) {
      onError(error);
      setTimeout(() => void restart(), RESTART_MS).unref();
    }
  };
  adopt(await spawn(data));

  const send = (request: SequencerRequest & { id: number }): Promise<SequenceResult | null> => {
    const worker = thread;
    if (!worker) return Promise.resolve(null);
    return new Promise((resolve) => {
      waiting.set(request.id, resolve);
      worker.ref();
      worker.postMessage(request);
    });
  };
  return {
    kind: 'worker-thread',
    start: () => {
      started = true;
      thread?.postMessage({ type: 'start' } satisfies SequencerRequest);
    },
    tick: (tickOptions = {}) =>
      send({ type: 'tick', id: nextId++, forceHead: tickOptions.forceHead === true }),
    async stop() {
      if (stopping) return null;
      stopping = true;
      // Between a thread's unexpected end and its replacement, one is started for the final pass:
      // the head over everything sequenced is signed at stop, as in process.
      if (!thread) {
        try {
          adopt(await spawn(data));
        } catch (error) {
          onError(error);
          onError(new Error('no final tree head signed: the audit sequencing thread could not be started'));
          return null;
        }
      }
      const result = await send({ type: 'stop', id: nextId++ });
      await exited;
      return result;
    },
  };
}

/**
 * The sequencer for a configured database: on its own thread for a SQLite file or PostgreSQL, in
 * process on the application's handle for an in-memory SQLite database. Heads are signed with
 * `signingKey` and anchored in `anchorFile` (null: no anchor, for tools and tests).
 */
export async function openAuditSequencer(
  config: DatabaseConfig,
  database: Database,
  head: { signingKey: SigningKey; anchorFile: string | null },
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Promise<SequencerHandle> {
  const { signingKey, anchorFile } = head;
  if (config.kind === 'sqlite' && config.file === ':memory:') {
    const inProcess = new AuditSequencer(
      database,
      { ...signingKey, ...(anchorFile === null ? {} : { anchor: fileHeadAnchor(anchorFile) }) },
      options,
    );
    return {
      kind: 'in-process',
      start: () => inProcess.start(),
      tick: (tickOptions) => inProcess.tick(tickOptions),
      stop: () => inProcess.stop(),
    };
  }
  const privateKeyPem = signingKey.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return sequencerThread(config, { privateKeyPem, keyId: signingKey.keyId, anchorFile }, options);
}
