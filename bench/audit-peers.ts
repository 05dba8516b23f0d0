/**
 * The peers bench/audit.ts and bench/merkle.ts measure Accord against, in the same run: the raw durable
 * multi-row insert rate of each engine (no Accord code on the path but the statement text), and the raw
 * RFC 9162 root build rate over a given set of leaves.
 */
import pg from 'pg';
import { openSqlite } from '../src/server/db/sqlite-adapter.ts';
import {
  ENTRY_COLUMNS,
  type EntryValue,
  entryValues,
  INSERT_CHUNK,
  insertEntriesSql,
} from '../src/server/modules/audit/audit.repository.ts';
import type { AuditEntryRow } from '../src/server/modules/audit/audit.tables.ts';
import { type AuditEvent, auditEntryId, leafBytes, toRow } from '../src/server/modules/audit/audit-entry.ts';
import { hashLeaf, rootFromLeafHashes } from '../src/server/modules/audit/merkle.ts';

/** Rows per transaction of the raw peer: the writer's largest batch. */
export const RAW_BATCH = 2000;

const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));

/** A batch's values with fresh ids (made as the writer makes them): the rest of each row is the template's. */
function batchMaker(event: () => AuditEvent, size = RAW_BATCH): () => EntryValue[] {
  const values = entryValues(Array.from({ length: size }, () => toRow(event(), new Date(), null)));
  const idAt = ENTRY_COLUMNS.indexOf('id');
  return () => {
    for (let r = 0; r < size; r++) values[r * ENTRY_COLUMNS.length + idAt] = auditEntryId();
    return values;
  };
}

/** Runs `batch` until the budget is spent; rows per second. */
async function timed(budgetMs: number, batch: () => Promise<void> | void, size = RAW_BATCH): Promise<number> {
  await batch();
  let rows = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    await batch();
    rows += size;
  }
  return perSecond(rows, performance.now() - start);
}

/** How the raw SQLite peer shapes its inserts: rows a transaction, rows a statement, connection pragmas. */
export interface RawSqliteShape {
  rowsPerTransaction: number;
  rowsPerStatement: number;
  /** Pragmas run on the peer's connection after it opens, e.g. `cache_size = -65536`. */
  pragmas: readonly string[];
}

/** The shapes the bench tries; the best is the peer. The first is the one measured before. */
export const RAW_SQLITE_SHAPES: readonly RawSqliteShape[] = [
  { rowsPerTransaction: RAW_BATCH, rowsPerStatement: INSERT_CHUNK, pragmas: [] },
  // The commit thread's own connection: a 64 MB page cache.
  { rowsPerTransaction: RAW_BATCH, rowsPerStatement: INSERT_CHUNK, pragmas: ['cache_size = -65536'] },
  {
    rowsPerTransaction: RAW_BATCH,
    rowsPerStatement: INSERT_CHUNK,
    pragmas: ['cache_size = -65536', 'wal_autocheckpoint = 10000'],
  },
  {
    rowsPerTransaction: 10_000,
    rowsPerStatement: INSERT_CHUNK,
    pragmas: ['cache_size = -65536', 'wal_autocheckpoint = 10000'],
  },
  {
    rowsPerTransaction: RAW_BATCH,
    rowsPerStatement: 1,
    pragmas: ['cache_size = -65536', 'wal_autocheckpoint = 10000'],
  },
];

/**
 * Durable rows per second inserting straight through node:sqlite on a connection of its own (WAL,
 * synchronous=FULL): one transaction of `rowsPerTransaction` rows in prepared `rowsPerStatement`-row
 * statements, on a connection with the shape's pragmas.
 */
export async function rawSqliteInsertRate(
  file: string,
  event: () => AuditEvent,
  budgetMs: number,
  shape: RawSqliteShape = RAW_SQLITE_SHAPES[0] as RawSqliteShape,
) {
  const { raw, close } = openSqlite(file, { statementCacheSize: 0 });
  for (const pragma of shape.pragmas) raw.exec(`PRAGMA ${pragma}`);
  const { rowsPerTransaction: size, rowsPerStatement: chunk } = shape;
  const statement = raw.prepare(insertEntriesSql(chunk, '?'));
  const next = batchMaker(event, size);
  const width = ENTRY_COLUMNS.length;
  try {
    return await timed(
      budgetMs,
      () => {
        const values = next();
        raw.exec('BEGIN IMMEDIATE');
        for (let at = 0; at < size; at += chunk)
          statement.run(...values.slice(at * width, (at + chunk) * width));
        raw.exec('COMMIT');
      },
      size,
    );
  } finally {
    close();
  }
}

/**
 * The floor under one durable commit on this file: milliseconds for a one-row transaction (WAL,
 * synchronous=FULL), median of `count`. At most `writers` requests can share a commit when each waits
 * for its own, so `writers / latency` bounds any group commit on this disk.
 */
export function durableCommitLatencyMs(file: string, event: () => AuditEvent, count = 50): number {
  const { raw, close } = openSqlite(file, { statementCacheSize: 0 });
  const statement = raw.prepare(insertEntriesSql(1, '?'));
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const values = entryValues([toRow(event(), new Date(), null)]);
      const start = performance.now();
      statement.run(...values);
      times.push(performance.now() - start);
    }
  } finally {
    close();
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 1000) / 1000;
}

/** The same through a bare pg client in the given schema: BEGIN, INSERT_CHUNK-row statements, COMMIT. */
export async function rawPostgresInsertRate(
  url: string,
  schema: string,
  event: () => AuditEvent,
  budgetMs: number,
) {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const text = insertEntriesSql(INSERT_CHUNK, '$');
  const next = batchMaker(event);
  const width = ENTRY_COLUMNS.length;
  try {
    return await timed(budgetMs, async () => {
      const values = next();
      await client.query('BEGIN');
      for (let at = 0; at < RAW_BATCH; at += INSERT_CHUNK)
        await client.query({
          name: 'raw-insert',
          text,
          values: values.slice(at * width, (at + INSERT_CHUNK) * width),
        });
      await client.query('COMMIT');
    });
  } finally {
    await client.end();
  }
}

/** Median milliseconds of a one-row autocommit INSERT on PostgreSQL: the floor under one durable commit. */
export async function postgresCommitLatencyMs(
  url: string,
  schema: string,
  event: () => AuditEvent,
  count = 50,
): Promise<number> {
  const client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await client.connect();
  const text = insertEntriesSql(1, '$');
  const times: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const values = entryValues([toRow(event(), new Date(), null)]);
      const start = performance.now();
      await client.query({ name: 'one-row', text, values });
      times.push(performance.now() - start);
    }
  } finally {
    await client.end();
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 1000) / 1000;
}

/** Leaves per second building the RFC 9162 root of these leaves, best of three. */
export function merkleBuildRate(leafHashes: readonly Uint8Array[]): number {
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    rootFromLeafHashes(leafHashes);
    best = Math.max(best, perSecond(leafHashes.length, performance.now() - start));
  }
  return best;
}

/**
 * Leaves per second computing the RFC 9162 Merkle tree hash of the entries from their leaf data (each
 * entry's canonical bytes, already in memory): every leaf hashed, SHA-256(0x00 || data), then the root
 * built. This is the least any verifier that recomputes the leaves must do; best of three.
 */
export function merkleFromLeafDataRate(leafData: readonly Uint8Array[]): number {
  let best = 0;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    rootFromLeafHashes(leafData.map(hashLeaf));
    best = Math.max(best, perSecond(leafData.length, performance.now() - start));
  }
  return best;
}

/** The leaf data of every sequenced entry in a SQLite file, in leaf order, a page at a time. */
export function* leafDataPages(file: string, pageSize = 10_000): Generator<Uint8Array[]> {
  const { raw, close } = openSqlite(file, { statementCacheSize: 0 });
  const page = raw.prepare(
    'select * from audit_entries where leaf_index is not null and leaf_index >= ? order by leaf_index limit ?',
  );
  try {
    for (let from = 0; ; from += pageSize) {
      const rows = page.all(from, pageSize) as unknown as AuditEntryRow[];
      if (rows.length === 0) return;
      yield rows.map((row, i) => leafBytes(row, from + i));
      if (rows.length < pageSize) return;
    }
  } finally {
    close();
  }
}

/**
 * merkleFromLeafDataRate for a log too large to hold its leaf data at once: the leaf data is made a page
 * at a time outside the clock; hashing each page's leaves and building the root are timed. One round.
 */
export function merkleFromStoredLeafDataRate(file: string): number {
  const leafHashes: Uint8Array[] = [];
  let ms = 0;
  for (const data of leafDataPages(file)) {
    const start = performance.now();
    for (const leaf of data) leafHashes.push(hashLeaf(leaf));
    ms += performance.now() - start;
  }
  const start = performance.now();
  rootFromLeafHashes(leafHashes);
  ms += performance.now() - start;
  return perSecond(leafHashes.length, ms);
}
