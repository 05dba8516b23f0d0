/**
 * Where audit sequencing runs. For a SQLite file or a PostgreSQL server, on a worker thread with its
 * own connection, so a pass's read of the waiting entries, their leaf hashes, the tree's nodes and the
 * head's signature never hold up a request. An in-memory SQLite database or PGlite cannot be opened
 * twice, so those sequence in process; that choice is made here, by configuration, never by falling
 * back. The passes are the same AuditSequencer's either way, under the same lock, so several
 * processes and threads may share one database and exactly one sequences at a time.
 */
import { Worker } from 'node:worker_threads';
import type { DatabaseConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
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

/**
 * Runs the sequencer on a thread with its own connection to `config`'s database. A thread that dies
 * is reported to onError; its waiting passes resolve null, as a failed pass does in process.
 */
export async function sequencerThread(
  config: DatabaseConfig,
  signer: { privateKeyPem: string; keyId: string; anchorFile: string | null },
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): Promise<SequencerHandle> {
  const onError = options.onError ?? (() => undefined);
  const waiting = new Map<number, (result: SequenceResult | null) => void>();
  let nextId = 0;
  let exited = false;
  const data: SequencerThreadData = {
    database: config,
    ...signer,
    ...(options.intervalMs === undefined ? {} : { intervalMs: options.intervalMs }),
  };
  const thread = new Worker(WORKER_URL, { workerData: data });
  const settleAll = () => {
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  await new Promise<void>((resolve, reject) => {
    thread.once('error', reject);
    thread.once('message', () => {
      thread.off('error', reject);
      resolve();
    });
  });
  thread.on('message', (reply: SequencerReply) => {
    if (reply.type === 'error') onError(threadError(reply));
    else if (reply.type === 'result') {
      waiting.get(reply.id)?.(reply.result);
      waiting.delete(reply.id);
    }
  });
  thread.on('error', (error) => onError(error));
  thread.on('exit', () => {
    exited = true;
    settleAll();
  });
  // The timer runs on the thread; it must not keep the process alive on its own, as in process.
  thread.unref();
  const send = (request: SequencerRequest & { id: number }): Promise<SequenceResult | null> => {
    if (exited) return Promise.resolve(null);
    return new Promise((resolve) => {
      waiting.set(request.id, resolve);
      thread.postMessage(request);
    });
  };
  return {
    kind: 'worker-thread',
    start: () => thread.postMessage({ type: 'start' } satisfies SequencerRequest),
    tick: (tickOptions = {}) =>
      send({ type: 'tick', id: nextId++, forceHead: tickOptions.forceHead === true }),
    async stop() {
      thread.ref();
      const gone = new Promise<void>((resolve) =>
        exited ? resolve() : thread.once('exit', () => resolve()),
      );
      const result = await send({ type: 'stop', id: nextId++ });
      await gone;
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
