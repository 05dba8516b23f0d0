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
import { type AuditEvent, toRow } from '../src/server/modules/audit/audit-entry.ts';
import { rootFromLeafHashes } from '../src/server/modules/audit/merkle.ts';

/** Rows per transaction of the raw peer: the writer's largest batch. */
export const RAW_BATCH = 2000;

const perSecond = (count: number, ms: number) => Math.round(count / (ms / 1000));

/** A batch's values with fresh ids: the rest of each row is the template's. */
function batchMaker(event: () => AuditEvent): () => EntryValue[] {
  const values = entryValues(Array.from({ length: RAW_BATCH }, () => toRow(event(), new Date(), null)));
  const idAt = ENTRY_COLUMNS.indexOf('id');
  return () => {
    for (let r = 0; r < RAW_BATCH; r++) values[r * ENTRY_COLUMNS.length + idAt] = crypto.randomUUID();
    return values;
  };
}

/** Runs `batch` until the budget is spent; rows per second. */
async function timed(budgetMs: number, batch: () => Promise<void> | void): Promise<number> {
  await batch();
  let rows = 0;
  const start = performance.now();
  while (performance.now() - start < budgetMs) {
    await batch();
    rows += RAW_BATCH;
  }
  return perSecond(rows, performance.now() - start);
}

/**
 * Durable rows per second inserting straight through node:sqlite on a connection of its own (WAL,
 * synchronous=FULL): one transaction of RAW_BATCH rows in INSERT_CHUNK-row prepared statements.
 */
export async function rawSqliteInsertRate(file: string, event: () => AuditEvent, budgetMs: number) {
  const { raw, close } = openSqlite(file, { statementCacheSize: 0 });
  const statement = raw.prepare(insertEntriesSql(INSERT_CHUNK, '?'));
  const next = batchMaker(event);
  const width = ENTRY_COLUMNS.length;
  try {
    return await timed(budgetMs, () => {
      const values = next();
      raw.exec('BEGIN IMMEDIATE');
      for (let at = 0; at < RAW_BATCH; at += INSERT_CHUNK)
        statement.run(...values.slice(at * width, (at + INSERT_CHUNK) * width));
      raw.exec('COMMIT');
    });
  } finally {
    close();
  }
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
