/**
 * Builds a sequenced audit log of a given size in a SQLite file, fast, for bench/merkle.ts to verify:
 * entries with their leaf indexes and hashes, every perfect node, the sequencer state and one signed
 * head, exactly as the sequencer would have left them, but written in bulk on a raw connection.
 */
import { migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { openSqlite } from '../src/server/db/sqlite-adapter.ts';
import {
  ENTRY_COLUMNS,
  entryValues,
  INSERT_CHUNK,
  insertEntriesSql,
} from '../src/server/modules/audit/audit.repository.ts';
import { type AuditEvent, entryLeafHash, toRow } from '../src/server/modules/audit/audit-entry.ts';
import {
  appendLeaves,
  emptyFrontier,
  encodeFrontier,
  frontierRoot,
  toHex,
} from '../src/server/modules/audit/merkle.ts';
import { type SigningKey, signTreeHead } from '../src/server/modules/audit/tree-head.ts';

const CHUNK = 8 * INSERT_CHUNK;
const NODE_ROWS = 2000;

/** Writes `size` sequenced entries into a fresh database at `file`; returns their leaf hashes, packed. */
export async function buildLog(
  file: string,
  size: number,
  key: SigningKey,
  event: () => AuditEvent,
  progress: (message: string) => void,
): Promise<Buffer> {
  const database = await openDatabase({ kind: 'sqlite', file });
  await migrateToLatest(database);
  await database.close();
  const { raw, close } = openSqlite(file, { statementCacheSize: 0 });
  // Only the build is unsynchronised; the verification reads a finished file.
  raw.exec('PRAGMA synchronous = OFF');
  const insertEntry = raw.prepare(insertEntriesSql(INSERT_CHUNK, '?'));
  const nodeSql = (n: number) =>
    `insert into audit_tree_nodes (level, idx, hash) values ${Array.from({ length: n }, () => '(?,?,?)').join(',')}`;
  const insertNodes = raw.prepare(nodeSql(NODE_ROWS));
  const leaves = Buffer.allocUnsafe(size * 32);
  const width = ENTRY_COLUMNS.length;
  const start = new Date('2026-01-01T00:00:00.000Z').getTime();
  let frontier = emptyFrontier();
  let pendingNodes: (string | number)[] = [];
  const flushNodes = (all: boolean) => {
    while (pendingNodes.length >= NODE_ROWS * 3 || (all && pendingNodes.length > 0)) {
      const n = Math.min(NODE_ROWS, pendingNodes.length / 3);
      const statement = n === NODE_ROWS ? insertNodes : raw.prepare(nodeSql(n));
      statement.run(...pendingNodes.slice(0, n * 3));
      pendingNodes = pendingNodes.slice(n * 3);
    }
  };
  for (let from = 0; from < size; from += CHUNK) {
    const count = Math.min(CHUNK, size - from);
    const rows = Array.from({ length: count }, (_, i) => {
      const row = toRow(event(), new Date(start + from + i), `bench-${from + i}`);
      const hash = entryLeafHash(row, from + i);
      leaves.set(hash, (from + i) * 32);
      return { ...row, leaf_index: from + i, leaf_hash: toHex(hash) };
    });
    const appended = appendLeaves(
      frontier,
      rows.map((_, i) => leaves.subarray((from + i) * 32, (from + i + 1) * 32)),
    );
    frontier = appended.frontier;
    for (const node of appended.nodes) pendingNodes.push(node.level, node.index, toHex(node.hash));
    const values = entryValues(rows);
    raw.exec('BEGIN');
    for (let at = 0; at < count; at += INSERT_CHUNK) {
      const n = Math.min(INSERT_CHUNK, count - at);
      const statement = n === INSERT_CHUNK ? insertEntry : raw.prepare(insertEntriesSql(n, '?'));
      statement.run(...values.slice(at * width, (at + n) * width));
    }
    flushNodes(from + count >= size);
    raw.exec('COMMIT');
    if ((from / CHUNK) % 40 === 0) progress(`built ${from + count} of ${size} entries`);
  }
  const head = signTreeHead(
    { treeSize: size, rootHash: toHex(frontierRoot(frontier)), timestamp: new Date().toISOString() },
    key.privateKey,
  );
  raw
    .prepare(
      'insert into audit_tree_heads (tree_size, root_hash, signed_at, signature, key_id) values (?,?,?,?,?)',
    )
    .run(size, head.rootHash, head.timestamp, head.signature, head.keyId);
  raw
    .prepare('update audit_state set tree_size = ?, frontier = ?, last_head_size = ? where id = 1')
    .run(size, encodeFrontier(frontier), size);
  raw.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  close();
  return leaves;
}
