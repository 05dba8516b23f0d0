/**
 * The audit commit thread (see audit-commit-worker-client.ts): its own SQLite connection to the file,
 * WAL and synchronous=FULL like the application's, one transaction per batch, multi-row INSERTs from
 * statements prepared once per size. Replies to each batch only after COMMIT returned, i.e. after fsync.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from '../../db/sqlite-adapter.ts';
import { openWriteGate } from '../../db/write-gate.ts';
import { ENTRY_COLUMNS, type EntryValue, INSERT_CHUNK, insertEntriesSql } from './audit.repository.ts';
import type { CommitReply, CommitRequest, CommitThreadData } from './audit-commit-worker-client.ts';

const { file, gate: gateBuffer } = workerData as CommitThreadData;
const gate = openWriteGate(gateBuffer);
const port = parentPort;
if (!port) throw new Error('the audit commit worker must run in a worker thread');

const { raw } = openSqlite(file, { statementCacheSize: 0 });
// The entries' indexes are written all over (person, actor): with SQLite's default 2 MB page cache a
// 2,000-entry batch evicts and rereads index pages mid-transaction. 64 MB keeps them.
raw.exec('PRAGMA cache_size = -65536');
// wal_autocheckpoint stays at its default (1,000 pages) like the application's connection: a larger
// threshold here alone would leave the WAL long, and the application's next write commit past 1,000
// pages would then run the checkpoint itself, on the event loop.
const statements = new Map<number, ReturnType<typeof raw.prepare>>();
const width = ENTRY_COLUMNS.length;

function insertStatement(count: number): ReturnType<typeof raw.prepare> {
  let statement = statements.get(count);
  if (!statement) {
    statement = raw.prepare(insertEntriesSql(count, '?'));
    statements.set(count, statement);
  }
  return statement;
}

function commit(values: readonly EntryValue[]): void {
  gate.hold();
  try {
    write(values);
  } finally {
    gate.release();
  }
}

function write(values: readonly EntryValue[]): void {
  const rows = values.length / width;
  // One statement is atomic by itself and, in autocommit, durable when it returns.
  if (rows <= INSERT_CHUNK) {
    insertStatement(rows).run(...values);
    return;
  }
  // IMMEDIATE takes the write lock up front, waiting (busy_timeout) for the application's connection.
  raw.exec('BEGIN IMMEDIATE');
  try {
    for (let at = 0; at < rows; at += INSERT_CHUNK) {
      const count = Math.min(INSERT_CHUNK, rows - at);
      insertStatement(count).run(...values.slice(at * width, (at + count) * width));
    }
    raw.exec('COMMIT');
  } catch (error) {
    if (raw.isTransaction) raw.exec('ROLLBACK');
    throw error;
  }
}

port.on('message', (message: CommitRequest) => {
  if (message.type === 'close') {
    raw.close();
    port.close();
    return;
  }
  let reply: CommitReply;
  try {
    commit(message.values);
    reply = { id: message.id, ok: true };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    reply = {
      id: message.id,
      ok: false,
      message: error instanceof Error ? error.message : 'audit commit failed',
      code: typeof code === 'string' ? code : null,
    };
  }
  port.postMessage(reply);
});
