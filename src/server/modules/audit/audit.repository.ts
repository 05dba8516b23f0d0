import { CompiledQuery, sql } from 'kysely';
import { type DatabaseHandle, type Db, prepareOnPostgres, sqliteArrayRows } from '../../db/database.ts';
import type { AuditEntryRow, AuditTreeHeadRow } from './audit.tables.ts';
import { LEAF_FIELDS, LEAF_VERSION } from './audit-entry.ts';
import { fromHex, type PerfectNode, toHex } from './merkle.ts';
import { LEAF_PAGE_SQL } from './verify-pages.ts';

/** The columns of an audit entry, in the order `entryValues` lays them out. */
export const ENTRY_COLUMNS = [
  'id',
  'leaf_index',
  'leaf_hash',
  'recorded_at',
  'request_id',
  'action',
  'outcome',
  'actor_staff_id',
  'actor_org_id',
  'actor_roles',
  'person_id',
  'categories',
  'purpose',
  'owner_org_id',
  'recipient_org_id',
  'reasons',
  'agreement_id',
  'consent_id',
  'consent_provision_id',
  'exception_id',
  'break_glass_grant_id',
  'break_glass',
  'target_type',
  'target_id',
  'details',
] as const satisfies readonly (keyof AuditEntryRow)[];

// Every column of the row, none twice: a column left out here would silently be stored as null.
const allColumns: Exclude<keyof AuditEntryRow, (typeof ENTRY_COLUMNS)[number]> extends never ? true : never =
  true;
void allColumns;

/** A value bound to an insert: what both engines' drivers take. */
export type EntryValue = string | number | null;

// 25 columns a row: 400 rows (10,000 parameters) stay well under both engines' bound-parameter limits.
/** Rows per multi-row INSERT statement. */
export const INSERT_CHUNK = 400;

/** The rows' values flattened in ENTRY_COLUMNS order, ready to bind (and cheap to pass to another thread). */
export function entryValues(rows: readonly AuditEntryRow[]): EntryValue[] {
  const values: EntryValue[] = new Array(rows.length * ENTRY_COLUMNS.length);
  let at = 0;
  for (const row of rows) for (const column of ENTRY_COLUMNS) values[at++] = row[column];
  return values;
}

const insertTexts = new Map<string, string>();

/**
 * The largest INSERT run as a named statement on PostgreSQL below INSERT_CHUNK. Parsing and planning
 * an unnamed multi-row INSERT of 25 parameters a row took as long as storing it; each named size
 * costs every connection that runs it about 7 KB a row, so only sizes 1 to 64 and INSERT_CHUNK are
 * named (about 19 MB at most a connection), and PostgreSQL batches are cut into those sizes.
 */
export const NAMED_INSERT_ROWS = 64;

/**
 * The row counts of the statements that insert `count` rows: chunks of INSERT_CHUNK, and on
 * PostgreSQL (`$`) the rest in chunks of NAMED_INSERT_ROWS, so that every statement is a named one.
 */
export function insertChunks(count: number, style: '?' | '$'): number[] {
  const chunks: number[] = [];
  let left = count;
  while (left >= INSERT_CHUNK) {
    chunks.push(INSERT_CHUNK);
    left -= INSERT_CHUNK;
  }
  const step = style === '$' ? NAMED_INSERT_ROWS : INSERT_CHUNK;
  while (left > 0) {
    const size = Math.min(step, left);
    chunks.push(size);
    left -= size;
  }
  return chunks;
}

/**
 * The text of a multi-row INSERT of `count` rows, with `?` (SQLite) or `$n` (PostgreSQL) placeholders.
 * Built once per size and style: building and compiling the statement through the query builder cost
 * more per row than the database spent storing it. On SQLite the adapter prepares each text once per
 * connection; on PostgreSQL sizes up to NAMED_INSERT_ROWS, and INSERT_CHUNK, are named statements.
 */
export function insertEntriesSql(count: number, style: '?' | '$'): string {
  const key = `${style}${count}`;
  const kept = insertTexts.get(key);
  if (kept) return kept;
  const width = ENTRY_COLUMNS.length;
  const tuples: string[] = [];
  for (let r = 0; r < count; r++) {
    const marks =
      style === '?'
        ? Array.from({ length: width }, () => '?')
        : Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`);
    tuples.push(`(${marks.join(',')})`);
  }
  const text = `insert into audit_entries (${ENTRY_COLUMNS.join(',')}) values ${tuples.join(',')}`;
  insertTexts.set(key, text);
  if (style === '$' && (count <= NAMED_INSERT_ROWS || count === INSERT_CHUNK)) prepareOnPostgres(text);
  return text;
}

function placeholderStyle(db: Db): '?' | '$' {
  return sql`${0}`.compile(db).sql.startsWith('$') ? '$' : '?';
}

/** Inserts audit rows in multi-row statements (`insertChunks`), inside whatever transaction `db` is. */
export async function insertEntries(db: Db, rows: readonly AuditEntryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const style = placeholderStyle(db);
  const values = entryValues(rows);
  const width = ENTRY_COLUMNS.length;
  let at = 0;
  for (const count of insertChunks(rows.length, style)) {
    await db.executeQuery(
      CompiledQuery.raw(insertEntriesSql(count, style), values.slice(at * width, (at + count) * width)),
    );
    at += count;
  }
}

/** The statements that store completed perfect nodes of the tree, compiled for `db`'s engine. */
export function nodeInserts(db: Db, nodes: readonly PerfectNode[]): CompiledQuery[] {
  const rows = nodes.map((n) => ({ level: n.level, idx: n.index, hash: toHex(n.hash) }));
  const statements: CompiledQuery[] = [];
  for (let at = 0; at < rows.length; at += 2000) {
    statements.push(
      db
        .insertInto('audit_tree_nodes')
        .values(rows.slice(at, at + 2000))
        .compile(),
    );
  }
  return statements;
}

/** Stores completed perfect nodes of the tree. */
export async function insertNodes(db: Db, nodes: readonly PerfectNode[]): Promise<void> {
  for (const statement of nodeInserts(db, nodes)) await db.executeQuery(statement);
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

/** Sequenced entries from leaf index `from` on, in leaf order (a keyset page: no offset to skip over). */
export function entryPage(db: Db, from: number, limit: number): Promise<AuditEntryRow[]> {
  return db
    .selectFrom('audit_entries')
    .selectAll()
    .where('leaf_index', 'is not', null)
    .where('leaf_index', '>=', from)
    .orderBy('leaf_index')
    .limit(limit)
    .execute();
}

/**
 * Reads a keyset page of sequenced entries from leaf `from` on, in leaf order, each as an array
 * [LEAF_VERSION, leaf_index, ...LEAF_FIELDS, leaf_hash]: the entry's canonical leaf values followed by
 * its stored leaf hash.
 */
export type LeafPageReader = (from: number, limit: number) => Promise<unknown[][]>;

/**
 * The leaf page reader for `db` (the handle or a snapshot of it taken through `database`). On SQLite one
 * prepared statement on the handle's own connection returns arrays, with no row object built and no
 * query compiled a page: reading rows was most of verification's time. Elsewhere, the query builder.
 */
export function leafPageReader(database: DatabaseHandle, db: Db): LeafPageReader {
  const arrays = sqliteArrayRows(database, LEAF_PAGE_SQL);
  if (arrays) return async (from, limit) => arrays(from, limit);
  return async (from, limit) =>
    (await entryPage(db, from, limit)).map((row) => [
      LEAF_VERSION,
      row.leaf_index,
      ...LEAF_FIELDS.map((field) => row[field]),
      row.leaf_hash,
    ]);
}

/** Stored signed heads larger than `after` (all when null), smallest first. */
export function headPage(db: Db, after: number | null, limit: number): Promise<AuditTreeHeadRow[]> {
  let query = db.selectFrom('audit_tree_heads').selectAll();
  if (after !== null) query = query.where('tree_size', '>', after);
  return query.orderBy('tree_size').limit(limit).execute();
}

/** Stored nodes whose address lies in one of the index ranges, by (level, index). */
export async function nodesInRanges(
  db: Db,
  ranges: readonly { level: number; from: number; to: number }[],
): Promise<{ level: number; idx: number; hash: string }[]> {
  if (ranges.length === 0) return [];
  const rows = await db
    .selectFrom('audit_tree_nodes')
    .select(['level', 'idx', 'hash'])
    .where((eb) =>
      eb.or(
        ranges.map((r) =>
          eb.and([eb('level', '=', r.level), eb('idx', '>=', r.from), eb('idx', '<=', r.to)]),
        ),
      ),
    )
    .orderBy('level')
    .orderBy('idx')
    .execute();
  return rows.map((r) => ({ level: Number(r.level), idx: Number(r.idx), hash: r.hash }));
}

/** What the stored nodes in one index range of one level add up to: see nodeDigests. */
export interface RangeDigest {
  /** Rows found. */
  count: number;
  /** Shortest and longest stored hash text: both 64 for well-formed hex SHA-256. */
  shortest: number;
  longest: number;
  /** The stored hashes concatenated in index order. */
  hashes: string;
}

/**
 * For each range, in the order given, the stored nodes whose address lies in it, folded into one row: how
 * many, the extremes of their text lengths and their hashes concatenated in index order. Comparing this
 * with the expected nodes' hashes checks a page of nodes without materialising a row per node; with
 * every length exactly 64 and the count right, equal concatenations mean every node is equal.
 */
export async function nodeDigests(
  db: Db,
  ranges: readonly { level: number; from: number; to: number }[],
): Promise<RangeDigest[]> {
  if (ranges.length === 0) return [];
  // One aggregate per range, each a range scan of the primary key (an OR of the ranges gathered every
  // row into a row set and grouped it in a temporary B-tree first). string_agg with ORDER BY: PostgreSQL,
  // and SQLite from 3.44.
  const parts = ranges.map(
    (r, i) => sql`select ${sql.lit(i)} as part, count(*) as n, min(length(hash)) as shortest,
      max(length(hash)) as longest, string_agg(hash, '' order by idx) as hashes
      from audit_tree_nodes where level = ${r.level} and idx >= ${r.from} and idx <= ${r.to}`,
  );
  const { rows } = await sql<{
    part: number;
    n: number;
    shortest: number | null;
    longest: number | null;
    hashes: string | null;
  }>`${sql.join(parts, sql` union all `)}`.execute(db);
  const digests: RangeDigest[] = ranges.map(() => ({ count: 0, shortest: 0, longest: 0, hashes: '' }));
  for (const r of rows) {
    digests[Number(r.part)] = {
      count: Number(r.n),
      shortest: Number(r.shortest),
      longest: Number(r.longest),
      hashes: r.hashes ?? '',
    };
  }
  return digests;
}

/**
 * The first stored node, by (level, index), that no tree of `leafCount` leaves has: a negative address, a
 * level above the root, or an index past its level's width.
 */
export async function firstNodeOutside(
  db: Db,
  leafCount: number,
): Promise<{ level: number; idx: number } | undefined> {
  const row = await db
    .selectFrom('audit_tree_nodes')
    .select(['level', 'idx'])
    .where((eb) => {
      const outside = [eb('level', '<', 0), eb('idx', '<', 0)];
      let level = 0;
      for (let width = leafCount; width > 0; width = Math.floor(width / 2), level += 1)
        outside.push(eb.and([eb('level', '=', level), eb('idx', '>=', width)]));
      outside.push(eb('level', '>=', level));
      return eb.or(outside);
    })
    .orderBy('level')
    .orderBy('idx')
    .limit(1)
    .executeTakeFirst();
  return row ? { level: Number(row.level), idx: Number(row.idx) } : undefined;
}

/**
 * Runs the work over one read snapshot of the database, so a log that is being appended to and
 * sequenced meanwhile is seen as of one instant, never half before and half after a pass. PostgreSQL:
 * a read-only repeatable-read transaction. SQLite: a deferred transaction on one connection, which in
 * WAL mode reads one snapshot from its first read on and, unlike the application's write transactions,
 * takes no write lock, so the audit commit thread keeps committing meanwhile. A caller already in a
 * transaction gets it used as it is.
 */
export async function inReadSnapshot<T>(database: DatabaseHandle, work: (db: Db) => Promise<T>): Promise<T> {
  if (database.db.isTransaction) return work(database.db);
  if (database.engine === 'postgres')
    return database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(work);
  return database.db.connection().execute(async (db) => {
    await sql`begin deferred`.execute(db);
    try {
      const result = await work(db);
      await sql`commit`.execute(db);
      return result;
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  });
}
