/**
 * Verification's reads on a second thread, for a SQLite file: a worker with its own connection holds
 * one read transaction, so every read (state, heads, entries, nodes) comes from the same snapshot, and
 * reads entry pages ahead while this thread hashes the entries and builds the tree. At most READ_AHEAD
 * pages are in flight or waiting (the reader stops until a page is taken), so memory stays bounded.
 */
import { hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/database.ts';
import { remoteSqliteDb } from '../../db/remote-sqlite-db.ts';
import type { VerifyProblem } from './verify-checks.ts';
import type { NodeRange } from './verify-pages.ts';
import { entryAltered, entryMissing, type LeafSource, type WalkPage } from './verify-walk.ts';

/** Pages the reader may hold ready beyond the one being checked: enough to keep both threads busy. */
export const READ_AHEAD = 4;

/** A message to the reader thread. */
export type ReaderRequest =
  | { type: 'query'; id: number; sql: string; parameters: readonly unknown[] }
  | { type: 'credit'; buffer: ArrayBuffer }
  | { type: 'close' };

/**
 * A page read ahead: `count` entries from leaf `from` up to the first `gap` in the leaf indexes (null
 * when none), and the stored nodes the page completes, all in `bytes`: a 64-byte slot an entry holding
 * its stored leaf hash text, then a byte an entry that is 1 where the slot holds that text exactly (64
 * ASCII characters), then each entry's canonical JSON in UTF-8 after a 0x00 byte, up to `textEnd`, then
 * the stored node hashes of each range in `ranges`, by index, concatenated as UTF-8 text,
 * `digests[i].bytes` long for range i, with their count and shortest and longest text.
 */
export interface ReaderPage {
  type: 'page';
  from: number;
  count: number;
  full: boolean;
  gap: number | null;
  bytes: ArrayBuffer;
  textEnd: number;
  ranges: NodeRange[];
  digests: { count: number; shortest: number; longest: number; bytes: number }[];
}

/** A message from the reader thread. */
export type ReaderReply =
  | ReaderPage
  | { type: 'page-failed'; message: string }
  | { type: 'rows'; id: number; rows: unknown[] }
  | { type: 'failed'; id: number; message: string };

/** The reads of one verification: a query handle and the entry pages, both in the reader's snapshot. */
export interface SnapshotReader {
  readonly db: Db;
  readonly pages: LeafSource;
  /** Pages read ahead and waiting to be taken: never more than READ_AHEAD. */
  waiting(): number;
  /** Ends the read transaction and the thread. */
  close(): Promise<void>;
}

const WORKER_URL = new URL('./verify-reader-worker.ts', import.meta.url);

function closedError(): Error {
  return new Error('the verification reader is closed');
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** Starts a reader thread on the SQLite file and opens its read transaction. */
export function openSnapshotReader(file: string): SnapshotReader {
  const thread = new Worker(WORKER_URL, {
    workerData: { file, credit: READ_AHEAD },
    // Its live data is a few pages, each bounded by PAGE_TEXT_BUDGET as well as by WALK_PAGE rows, so
    // large entries make shorter pages, not a larger heap: a small heap keeps the garbage it leaves from
    // growing the process.
    resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 },
  });
  const queries = new Map<number, Waiter<unknown[]>>();
  const ready: ReaderPage[] = [];
  let pageWaiter: Waiter<ReaderPage> | null = null;
  let failure: Error | null = null;
  let closing = false;
  let nextId = 0;

  const fail = (error: Error): void => {
    failure ??= error;
    for (const waiter of queries.values()) waiter.reject(failure);
    queries.clear();
    pageWaiter?.reject(failure);
    pageWaiter = null;
  };
  thread.on('message', (reply: ReaderReply) => {
    if (reply.type === 'page') {
      if (pageWaiter) {
        pageWaiter.resolve(reply);
        pageWaiter = null;
      } else ready.push(reply);
    } else if (reply.type === 'page-failed') {
      fail(new Error(reply.message));
    } else {
      const waiter = queries.get(reply.id);
      queries.delete(reply.id);
      if (reply.type === 'rows') waiter?.resolve(reply.rows);
      else waiter?.reject(new Error(reply.message));
    }
  });
  thread.on('error', (error: Error & { code?: string }) =>
    fail(
      error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? new Error(
            'the verification reader thread ran out of memory: a single audit entry is larger than its heap allows',
            { cause: error },
          )
        : error,
    ),
  );
  // Kept from the start: a thread that failed to open the file has exited before close() is called.
  // Whatever is still waiting when it exits can never be answered, closed or not.
  const exited = new Promise<void>((resolve) =>
    thread.once('exit', () => {
      fail(closing ? closedError() : new Error('the verification reader thread stopped'));
      resolve();
    }),
  );

  const nextPage = (): Promise<ReaderPage> => {
    if (closing) return Promise.reject(failure ?? closedError());
    const page = ready.shift();
    if (page) return Promise.resolve(page);
    if (failure) return Promise.reject(failure);
    return new Promise((resolve, reject) => {
      pageWaiter = { resolve, reject };
    });
  };

  const db = remoteSqliteDb((sql, parameters) => {
    // After close() nothing would answer a query posted to the thread.
    if (closing) return Promise.reject(failure ?? closedError());
    if (failure) return Promise.reject(failure);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      queries.set(id, { resolve, reject });
      thread.postMessage({ type: 'query', id, sql, parameters } satisfies ReaderRequest);
    });
  });

  const pages: LeafSource = async (from, counts) => {
    const page = await nextPage();
    if (page.from !== from) throw new Error(`the reader sent leaf ${page.from} where ${from} was due`);
    const checked = checkPage(page, counts);
    // Nothing checked refers into the page's buffer (hashes and texts are copies): it goes back to be
    // filled again, with the credit for one more page, so pages cost no new memory as the walk goes on.
    thread.postMessage({ type: 'credit', buffer: page.bytes } satisfies ReaderRequest, [page.bytes]);
    return checked;
  };

  return {
    db,
    pages,
    waiting: () => ready.length,
    async close(): Promise<void> {
      if (closing) return;
      closing = true;
      thread.postMessage({ type: 'close' } satisfies ReaderRequest);
      await exited;
    },
  };
}

// The ASCII codes of the lowercase hex digits: a hash prints as these, two a byte.
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/** Whether the 64 bytes at `at` are the lowercase hex text of `hash`, compared without building strings. */
function hexMatches(hash: Buffer, bytes: Buffer, at: number): boolean {
  for (let k = 0; k < 32; k++) {
    const byte = hash[k] ?? 0;
    if (bytes[at + 2 * k] !== HEX_DIGITS[byte >> 4] || bytes[at + 2 * k + 1] !== HEX_DIGITS[byte & 15])
      return false;
  }
  return true;
}

/**
 * Hashes each entry of a page read ahead and checks it against its stored leaf hash, as the walk on
 * one thread does: the same problems, in the same order, with the same counts.
 */
function checkPage(page: ReaderPage, counts: { entriesChecked: number }): WalkPage | VerifyProblem {
  const bytes = Buffer.from(page.bytes);
  const { count, textEnd } = page;
  const hashes: Buffer[] = [];
  let start = count * 65;
  for (let i = 0; i < count; i++) {
    const next = bytes.indexOf(0, start + 1);
    const end = next === -1 || next > textEnd ? textEnd : next;
    // SHA-256(0x00 || canonical JSON): the bytes the walk on one thread hashes from the same text.
    const leaf = hash('sha256', bytes.subarray(start, end), 'buffer');
    if (bytes[count * 64 + i] !== 1 || !hexMatches(leaf, bytes, i * 64)) {
      const values = JSON.parse(bytes.toString('utf8', start + 1, end)) as unknown[];
      return entryAltered(page.from + i, fromLeafJson(values[2]));
    }
    hashes.push(leaf);
    counts.entriesChecked += 1;
    start = end;
  }
  if (page.gap !== null) return entryMissing(page.gap);
  let at = textEnd;
  const digests = page.digests.map((d) => {
    const hashes = bytes.toString('utf8', at, at + d.bytes);
    at += d.bytes;
    return { count: d.count, shortest: d.shortest, longest: d.longest, hashes };
  });
  return { hashes, full: page.full, digests: { ranges: page.ranges, digests } };
}

/**
 * A stored value as it was before its trip through the canonical JSON: SQLite gives text, numbers, null
 * or a blob, and a blob (a Uint8Array) comes back from JSON as an object of its bytes by position.
 */
function fromLeafJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Uint8Array.from(Object.values(value as Record<string, number>));
}
