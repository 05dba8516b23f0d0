/**
 * The demo's generated people in batches, as flat rows ready for multi-row INSERTs. A large load
 * generates on a worker thread (person-batches-worker.ts) a batch or two ahead of the inserts, so
 * generating and writing use both cores; a small one generates in process, where starting a
 * thread would cost more than it saves. Both run the same generator over the same indexes, so the
 * rows are the same either way.
 */
import { Worker } from 'node:worker_threads';
import type { FlatRows } from './demo-load.repository.ts';
import { flattenRows } from './demo-load.repository.ts';
import type { GeneratedPerson } from './generate.ts';
import { createPersonGenerator } from './generate.ts';
import { NORTHSHIRE } from './partnership.ts';

/** People [start, start + ids.length) as flat rows per table, in the order they are inserted. */
export interface PersonBatch {
  readonly start: number;
  readonly personIds: string[];
  readonly entries: number;
  readonly tables: FlatRows[];
}

/** Which people to generate, from which seed and day, in batches of how many. */
export interface PersonBatchOptions {
  readonly total: number;
  readonly seed: number;
  readonly today: Date;
  readonly batchSize: number;
  /** Generate on a worker thread; by default only for large loads. */
  readonly onThread?: boolean;
}

// Below this many people the load generates in process.
const WORKER_FROM_PEOPLE = 5000;
// Batches the worker may have made and not yet had taken: bounds the memory held ahead.
const BATCHES_AHEAD = 2;

const WORKER_URL = new URL('./person-batches-worker.ts', import.meta.url);

/** Makes people [start, end) and lays their rows out flat: people, care teams, entries, versions. */
export function makePersonBatch(
  make: (index: number) => GeneratedPerson,
  start: number,
  end: number,
): PersonBatch {
  const batch: GeneratedPerson[] = [];
  for (let index = start; index < end; index++) batch.push(make(index));
  const entries = batch.flatMap((p) => p.entries);
  return {
    start,
    personIds: batch.map((p) => p.person.id),
    entries: entries.length,
    tables: [
      flattenRows(
        'people',
        batch.map((p) => p.person),
      ),
      flattenRows(
        'care_team_memberships',
        batch.flatMap((p) => p.memberships),
      ),
      flattenRows('record_entries', entries),
      flattenRows(
        'record_entry_versions',
        batch.flatMap((p) => p.versions),
      ),
    ],
  };
}

/** The generator the demo uses for a seed and day. */
export function demoPersonGenerator(seed: number, today: Date): (index: number) => GeneratedPerson {
  return createPersonGenerator({ seed, today, partnership: NORTHSHIRE });
}

/** Batches made in process, one when asked for. */
async function* inProcess(options: PersonBatchOptions): AsyncGenerator<PersonBatch> {
  const make = demoPersonGenerator(options.seed, options.today);
  for (let start = 0; start < options.total; start += options.batchSize)
    yield makePersonBatch(make, start, Math.min(options.total, start + options.batchSize));
}

/** A message from the generating thread. */
export type BatchReply = { ok: true; batch: PersonBatch } | { ok: false; message: string };

/** Batches made on a worker thread, which stays at most BATCHES_AHEAD batches ahead of the reader. */
async function* onWorker(options: PersonBatchOptions): AsyncGenerator<PersonBatch> {
  const worker = new Worker(WORKER_URL, {
    workerData: {
      total: options.total,
      seed: options.seed,
      today: options.today.toISOString(),
      batchSize: options.batchSize,
    },
  });
  const ready: BatchReply[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on('message', (reply: BatchReply) => {
    ready.push(reply);
    notify();
  });
  worker.on('error', (error) => {
    failure = new Error(`the demo generator thread failed: ${error.message}`);
    notify();
  });
  worker.on('exit', () => {
    failure ??= new Error('the demo generator thread stopped');
    notify();
  });
  try {
    for (let asked = 0; asked < BATCHES_AHEAD; asked++) worker.postMessage('more');
    for (let start = 0; start < options.total; start += options.batchSize) {
      while (ready.length === 0) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const reply = ready.shift() as BatchReply;
      if (!reply.ok) throw new Error(`the demo generator thread failed: ${reply.message}`);
      worker.postMessage('more');
      yield reply.batch;
    }
  } finally {
    worker.removeAllListeners('exit');
    await worker.terminate();
  }
}

/** The demo's people in batches of flat rows, in index order. */
export function personBatches(options: PersonBatchOptions): AsyncGenerator<PersonBatch> {
  return (options.onThread ?? options.total >= WORKER_FROM_PEOPLE) ? onWorker(options) : inProcess(options);
}
