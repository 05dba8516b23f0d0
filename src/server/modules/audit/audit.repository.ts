import type { Db } from '../../db/database.ts';
import type { AuditEntryRow, AuditTreeHeadRow } from './audit.tables.ts';
import { fromHex, type PerfectNode, toHex } from './merkle.ts';

// 26 columns a row: 400 rows stay well under both engines' bound-parameter limits.
const INSERT_CHUNK = 400;

/** Inserts audit rows in multi-row statements, inside whatever transaction `db` is. */
export async function insertEntries(db: Db, rows: readonly AuditEntryRow[]): Promise<void> {
  for (let at = 0; at < rows.length; at += INSERT_CHUNK) {
    await db
      .insertInto('audit_entries')
      .values(rows.slice(at, at + INSERT_CHUNK))
      .execute();
  }
}

/** Stores completed perfect nodes of the tree. */
export async function insertNodes(db: Db, nodes: readonly PerfectNode[]): Promise<void> {
  const rows = nodes.map((n) => ({ level: n.level, idx: n.index, hash: toHex(n.hash) }));
  for (let at = 0; at < rows.length; at += 2000) {
    await db
      .insertInto('audit_tree_nodes')
      .values(rows.slice(at, at + 2000))
      .execute();
  }
}

/** Loads the stored perfect nodes at the given addresses. */
export async function loadNodes(
  db: Db,
  addresses: readonly { level: number; index: number }[],
): Promise<PerfectNode[]> {
  if (addresses.length === 0) return [];
  const rows = await db
    .selectFrom('audit_tree_nodes')
    .select(['level', 'idx', 'hash'])
    .where((eb) => eb.or(addresses.map((a) => eb.and([eb('level', '=', a.level), eb('idx', '=', a.index)]))))
    .execute();
  return rows.map((r) => ({ level: Number(r.level), index: Number(r.idx), hash: fromHex(r.hash) }));
}

/** Signed tree heads, newest first. */
export function listHeads(db: Db, limit: number): Promise<AuditTreeHeadRow[]> {
  return db.selectFrom('audit_tree_heads').selectAll().orderBy('tree_size', 'desc').limit(limit).execute();
}

/** The signed head of exactly this size, if one was issued. */
export function findHead(db: Db, treeSize: number): Promise<AuditTreeHeadRow | undefined> {
  return db.selectFrom('audit_tree_heads').selectAll().where('tree_size', '=', treeSize).executeTakeFirst();
}
