/**
 * The verification reader thread (see verify-reader.ts): its own SQLite connection to the file, one
 * DEFERRED read transaction for its whole life, so every read it answers comes from one snapshot. It
 * reads entry pages ahead in leaf order while credit lasts, each with the canonical JSON of its entries,
 * their stored leaf hashes and the digests of the stored nodes the page completes, and answers the
 * other queries of the verification (state, heads, counts) between pages.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteReadSnapshot } from '../../db/sqlite-read-snapshot.ts';
import { LEAF_BREAK_GLASS_AT } from './audit-entry.ts';
import { LEAF_PAGE_SQL, PAGE_TEXT_BUDGET, rangesCompleted, WALK_PAGE } from './verify-pages.ts';
import type { ReaderPage, ReaderReply, ReaderRequest } from './verify-reader.ts';

const { file, credit: initialCredit } = workerData as { file: string; credit: number };
const port = parentPort;
if (!port) throw new Error('the verification reader must run in a worker thread');

const snapshot = openSqliteReadSnapshot(file);
const leafPage = snapshot.prepareArrays(LEAF_PAGE_SQL);
// The stored nodes of one index range of one level, by index, as arrays: on this connection reading the
// rows themselves costs less than folding them into nodeDigests' aggregate.
const nodeRange = snapshot.prepareArrays(
  'select hash from audit_tree_nodes where level = ? and idx >= ? and idx <= ? order by idx',
);

/**
 * The page of entries from leaf `from`, as one buffer handed over without copying (see ReaderPage):
 * rows up to the first gap in the leaf indexes, or until their text passes PAGE_TEXT_BUDGET, then, when
 * there is no gap, the stored nodes of every range of the tree the page completes. Rows are read one by
 * one, so a page of large entries stops before the rest of them are read.
 */
function readPage(from: number): ReaderPage {
  const texts: string[] = [];
  const storedHex: unknown[] = [];
  let capacity = 0;
  let textBytes = 0;
  let read = 0;
  let gap: number | null = null;
  for (const row of leafPage.iterate(from, WALK_PAGE)) {
    const values = row as unknown as unknown[];
    read += 1;
    const index = from + texts.length;
    if (Number(values[1]) !== index) {
      gap = index;
      break;
    }
    storedHex.push(values.pop());
    values[1] = index;
    values[LEAF_BREAK_GLASS_AT] = Number(values[LEAF_BREAK_GLASS_AT]);
    const text = JSON.stringify(values);
    texts.push(text);
    const length = Buffer.byteLength(text, 'utf8');
    // Sized exactly: the buffer's size counts as external memory, and overstating it brings collections on.
    capacity += 65 + 1 + length;
    textBytes += length;
    if (textBytes >= PAGE_TEXT_BUDGET) break;
  }
  const ranges = gap === null ? rangesCompleted(from, from + texts.length) : [];
  const nodes = ranges.map((r) => nodeRange.all(r.level, r.from, r.to) as unknown as unknown[][]);
  for (const range of nodes)
    for (const [hash] of range) capacity += typeof hash === 'string' ? Buffer.byteLength(hash, 'utf8') : 0;

  const bytes = pageBuffer(capacity);
  const count = texts.length;
  for (const [i, hash] of storedHex.entries()) {
    // Exactly 64 bytes from 64 code units only when every one is ASCII: then the slot holds the text as it is.
    const exact =
      typeof hash === 'string' && hash.length === 64 && bytes.write(hash, i * 64, 64, 'utf8') === 64;
    bytes[count * 64 + i] = exact ? 1 : 0;
  }
  let at = count * 65;
  for (const text of texts) {
    bytes[at] = 0;
    at += 1 + bytes.write(text, at + 1, 'utf8');
  }
  const textEnd = at;
  const digests = nodes.map((range) => {
    let shortest = Number.POSITIVE_INFINITY;
    let longest = 0;
    const start = at;
    for (const [hash] of range) {
      // A stored value that is not text never matches: its length is reported as -1.
      const length = typeof hash === 'string' ? hash.length : -1;
      shortest = Math.min(shortest, length);
      longest = Math.max(longest, length);
      if (typeof hash === 'string') at += bytes.write(hash, at, 'utf8');
    }
    return { count: range.length, shortest: range.length === 0 ? 0 : shortest, longest, bytes: at - start };
  });
  return {
    type: 'page',
    from,
    count,
    // More may follow: the page read as many rows as it asks for, or stopped at the budget.
    full: gap === null && (read === WALK_PAGE || textBytes >= PAGE_TEXT_BUDGET),
    gap,
    bytes: bytes.buffer as ArrayBuffer,
    textEnd,
    ranges,
    digests,
  };
}

// Buffers the walk handed back, to be filled again: at most one a page in flight.
const spare: ArrayBuffer[] = [];

/** A buffer of at least `capacity` bytes: a spare one when it is large enough, else a new one. */
function pageBuffer(capacity: number): Buffer {
  const reused = spare.pop();
  if (reused && reused.byteLength >= capacity) return Buffer.from(reused);
  // A little room over the page's needs, so the next pages, much the same size, fit in it.
  return Buffer.from(new ArrayBuffer(Math.ceil(capacity * 1.25)));
}

let credit = initialCredit;
let creditArrived: (() => void) | null = null;
let closed = false;

/** Reads pages ahead while credit lasts, yielding between pages so queries are answered meanwhile. */
async function pump(): Promise<void> {
  for (let from = 0; ; ) {
    while (credit === 0) await new Promise<void>((resolve) => (creditArrived = resolve));
    // The walk may stop early (at a problem) and close the connection while pages are still to come.
    if (closed) return;
    credit -= 1;
    let page: ReaderPage;
    try {
      page = readPage(from);
    } catch (error) {
      port?.postMessage({ type: 'page-failed', message: messageOf(error) } satisfies ReaderReply);
      return;
    }
    port?.postMessage(page satisfies ReaderReply, [page.bytes]);
    if (page.gap !== null || !page.full) return;
    from += page.count;
    await nextTurn();
    if (closed) return;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : 'the verification read failed';
}

port.on('message', (message: ReaderRequest) => {
  if (message.type === 'credit') {
    spare.push(message.buffer);
    credit += 1;
    creditArrived?.();
    creditArrived = null;
    return;
  }
  if (message.type === 'close') {
    closed = true;
    snapshot.close();
    port.close();
    return;
  }
  let reply: ReaderReply;
  try {
    reply = { type: 'rows', id: message.id, rows: snapshot.query(message.sql, message.parameters) };
  } catch (error) {
    reply = { type: 'failed', id: message.id, message: messageOf(error) };
  }
  port.postMessage(reply);
});

void pump();
