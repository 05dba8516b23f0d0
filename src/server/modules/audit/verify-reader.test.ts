/**
 * Verification of a SQLite file with its reads on a second thread: every report, problem or not, is the
 * one the walk on one thread makes of the same file, and the whole verification reads one snapshot while
 * the log is appended to and sequenced meanwhile.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Database, migrateToLatest, openDatabase } from '../../db/database.ts';
import { openSqlite } from '../../db/sqlite-adapter.ts';
import { makeKey, shiftNodeText } from './audit-log.fixtures.ts';
import { AuditWriter } from './audit-writer.ts';
import { popcount } from './merkle-hash.ts';
import { sequenceOnce } from './sequencer.ts';
import { type VerifyOptions, type VerifyReport, verifyAuditLog } from './verify.ts';
import { openSnapshotReader, READ_AHEAD } from './verify-reader.ts';
import { WALK_PAGE } from './verify-walk.ts';

// More pages than the reader holds ahead, so some are read after a write made while the walk runs.
const PAGES = READ_AHEAD + 4;
const SIZE = PAGES * WALK_PAGE + 123;
const FIRST_HEAD = 3 * WALK_PAGE + 17;
const ALTERED = 5 * WALK_PAGE + 3;
const LATE_LEAF = 6 * WALK_PAGE + 40;
const EXTRA = 700;

describe('verification with a reader thread [sqlite file]', () => {
  const key = makeKey();
  let dir = '';
  let pristine = '';
  let copies = 0;

  async function appendAndSequence(database: Database, count: number, at: Date, batches: number[]) {
    const writer = new AuditWriter(database);
    for (let done = 0; done < count; done += 1000) {
      const events = Array.from({ length: Math.min(1000, count - done) }, (_, i) => ({
        action: 'record.view' as const,
        outcome: (done + i) % 7 === 0 ? ('deny' as const) : ('permit' as const),
        personId: crypto.randomUUID(),
        details: { note: `é ☃ 𝄞 "${done + i}"\n` },
      }));
      await writer.append(events, new Date(at.getTime() + done), `page-${done}`);
    }
    for (const [i, batch] of batches.entries())
      await sequenceOnce(database, key, new Date(at.getTime() + 60_000 * (i + 1)), {
        batch,
        forceHead: true,
      });
  }

  /** A copy of the pristine log in a file of its own, open. */
  async function copyOf(source = pristine): Promise<{ file: string; database: Database }> {
    const file = join(dir, `copy-${copies++}.db`);
    const { raw, close } = openSqlite(source);
    raw.prepare('vacuum into ?').run(file);
    close();
    return { file, database: await openDatabase({ kind: 'sqlite', file }) };
  }

  /** Verifies the file both ways and checks the reports are the same; returns the reader thread's. */
  async function bothWays(
    file: string,
    database: Database,
    options: VerifyOptions = {},
  ): Promise<VerifyReport> {
    const progress: number[] = [];
    const threaded = await verifyAuditLog(database, [key], {
      ...options,
      readerThreadFile: file,
      onProgress: (done) => progress.push(done),
    });
    const oneProgress: number[] = [];
    const one = await verifyAuditLog(database, [key], {
      ...options,
      onProgress: (done) => oneProgress.push(done),
    });
    assert.deepEqual(threaded, one);
    assert.deepEqual(progress, oneProgress);
    return threaded;
  }

  async function tamperedCopy(tamper: (db: Database['db']) => Promise<void>): Promise<VerifyReport> {
    const { file, database } = await copyOf();
    try {
      await tamper(database.db);
      return await bothWays(file, database);
    } finally {
      await database.close();
    }
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-verify-reader-'));
    pristine = join(dir, 'audit.db');
    const database = await openDatabase({ kind: 'sqlite', file: pristine });
    await migrateToLatest(database);
    await appendAndSequence(database, SIZE, new Date('2026-12-03T09:00:00.000Z'), [FIRST_HEAD, SIZE]);
    await database.close();
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies every entry, node and head, as the walk on one thread does', async () => {
    const { file, database } = await copyOf();
    try {
      const report = await bothWays(file, database);
      assert.equal(report.problem, null);
      assert.equal(report.entriesChecked, SIZE);
      assert.equal(report.nodesChecked, 2 * SIZE - popcount(SIZE));
      assert.equal(report.headsChecked, 2);
    } finally {
      await database.close();
    }
  });

  it('is chosen by configuration: a handle inside a transaction or an in-memory database is refused', async () => {
    const memory = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      await assert.rejects(verifyAuditLog(memory, [key], { readerThreadFile: ':memory:' }));
    } finally {
      await memory.close();
    }
    const { file, database } = await copyOf();
    try {
      await database.db.transaction().execute(async (tx) => {
        const handle = { db: tx, engine: database.engine };
        await assert.rejects(verifyAuditLog(handle, [key], { readerThreadFile: file }));
      });
      // A file the thread cannot open fails the verification; it does not wait for ever.
      await assert.rejects(
        verifyAuditLog(database, [key], { readerThreadFile: join(dir, 'no-such-folder', 'audit.db') }),
      );
    } finally {
      await database.close();
    }
  });

  it('names an altered entry, an entry whose stored hash is not lowercase hex, and a moved entry', async () => {
    const altered = await tamperedCopy(async (db) => {
      await db
        .updateTable('audit_entries')
        .set({ action: 'record.list' })
        .where('leaf_index', '=', ALTERED)
        .execute();
    });
    assert.equal(altered.problem?.kind, 'ENTRY_ALTERED');
    assert.equal(altered.problem?.at, `leaf ${ALTERED}`);
    assert.equal(altered.entriesChecked, ALTERED);
    const upper = await tamperedCopy(async (db) => {
      await sql`update audit_entries set leaf_hash = upper(leaf_hash) where leaf_index = ${ALTERED}`.execute(
        db,
      );
    });
    assert.equal(upper.problem?.kind, 'ENTRY_ALTERED');
    assert.equal(upper.problem?.at, `leaf ${ALTERED}`);
    const moved = await tamperedCopy(async (db) => {
      await db
        .updateTable('audit_entries')
        .set({ leaf_index: -1 })
        .where('leaf_index', '=', LATE_LEAF)
        .execute();
    });
    assert.equal(moved.problem?.kind, 'ENTRY_MISSING');
    assert.equal(moved.problem?.at, `leaf ${LATE_LEAF}`);
    const both = await tamperedCopy(async (db) => {
      await db
        .updateTable('audit_entries')
        .set({ leaf_index: -1 })
        .where('leaf_index', '=', ALTERED + 1)
        .execute();
      // Entries of one append share their time and are sequenced in id order, so either outcome may be
      // at this leaf: flip it, so the entry is altered whichever it is.
      await sql`update audit_entries set outcome = case outcome when 'deny' then 'permit' else 'deny' end where leaf_index = ${ALTERED}`.execute(
        db,
      );
    });
    assert.equal(both.problem?.at, `leaf ${ALTERED}`);
  });

  it('names the first bad node by (level, index), a missing node, and a stored node outside the tree', async () => {
    const late = Math.floor(LATE_LEAF / 8);
    const altered = await tamperedCopy(async (db) => {
      await db.deleteFrom('audit_tree_nodes').where('level', '=', 3).where('idx', '=', 10).execute();
      await db
        .updateTable('audit_tree_nodes')
        .set({ hash: 'ab'.repeat(32) })
        .where('level', '=', 0)
        .where('idx', '=', LATE_LEAF)
        .execute();
    });
    assert.equal(altered.problem?.kind, 'NODE_ALTERED');
    assert.equal(altered.problem?.at, `node 0/${LATE_LEAF}`);
    const missing = await tamperedCopy(async (db) => {
      await db.deleteFrom('audit_tree_nodes').where('level', '=', 3).where('idx', '=', late).execute();
      await db.deleteFrom('audit_tree_nodes').where('level', '=', 4).where('idx', '=', 1).execute();
    });
    assert.equal(missing.problem?.kind, 'NODE_MISSING');
    assert.equal(missing.problem?.at, `node 3/${late}`);
    const shifted = await tamperedCopy((db) => shiftNodeText(db, ALTERED));
    assert.equal(shifted.problem?.kind, 'NODE_ALTERED');
    assert.equal(shifted.problem?.at, `node 0/${ALTERED}`);
    const outside = await tamperedCopy(async (db) => {
      await db
        .insertInto('audit_tree_nodes')
        .values({ level: 40, idx: 0, hash: 'cd'.repeat(32) })
        .execute();
    });
    assert.equal(outside.problem?.kind, 'NODE_ALTERED');
    assert.equal(outside.problem?.at, 'node 40/0');
  });

  it('names a stored head that contradicts the entries, and the state', async () => {
    const head = await tamperedCopy(async (db) => {
      await db
        .updateTable('audit_tree_heads')
        .set({ root_hash: 'ef'.repeat(32) })
        .where('tree_size', '=', FIRST_HEAD)
        .execute();
    });
    assert.equal(head.problem?.kind, 'HEAD_SIGNATURE');
    assert.equal(head.problem?.at, `head ${FIRST_HEAD}`);
    const state = await tamperedCopy(async (db) => {
      await db.updateTable('audit_state').set({ last_head_size: FIRST_HEAD }).where('id', '=', 1).execute();
    });
    assert.equal(state.problem?.kind, 'STATE');
  });

  it('reads one snapshot while entries are appended and sequenced meanwhile', async () => {
    // The later log: the same entries, then more appended, sequenced and signed.
    const later = await copyOf();
    await appendAndSequence(later.database, EXTRA, new Date('2026-12-03T10:00:00.000Z'), [EXTRA]);
    await later.database.close();
    const { file, database } = await copyOf();
    try {
      // After the first page, the later log's new rows and state are committed to the file being verified
      // in one transaction, as a sequencing pass would commit them, before the walk goes on.
      let applied = false;
      const report = await verifyAuditLog(database, [key], {
        readerThreadFile: file,
        onProgress: (done) => {
          if (applied || done !== WALK_PAGE) return;
          applied = true;
          const { raw, close } = openSqlite(file);
          raw.prepare('attach ? as later').run(later.file);
          raw.exec(`begin immediate;
            insert into audit_entries select * from later.audit_entries where leaf_index >= ${SIZE} or leaf_index is null;
            insert into audit_tree_nodes select * from later.audit_tree_nodes n where not exists
              (select 1 from main.audit_tree_nodes m where m.level = n.level and m.idx = n.idx);
            insert into audit_tree_heads select * from later.audit_tree_heads where tree_size > ${SIZE};
            update audit_state set tree_size = (select tree_size from later.audit_state),
              frontier = (select frontier from later.audit_state),
              last_head_size = (select last_head_size from later.audit_state);
            commit;`);
          close();
        },
      });
      assert.ok(applied);
      assert.equal(report.problem, null);
      assert.equal(report.treeSize, SIZE);
      assert.equal(report.entriesChecked, SIZE);
      assert.equal(report.headsChecked, 2);
      assert.equal(report.pending, 0);
      // The file now holds the later log, whole and consistent.
      const next = await bothWays(file, database);
      assert.equal(next.problem, null);
      assert.equal(next.treeSize, SIZE + EXTRA);
      assert.equal(next.headsChecked, 3);
    } finally {
      await database.close();
    }
  });

  it('holds at most READ_AHEAD pages waiting, however far behind the walk is', async () => {
    const reader = openSnapshotReader(pristine);
    try {
      const counts = { entriesChecked: 0, headsChecked: 0, nodesChecked: 0 };
      // Round trips to the thread while no page is taken: it answers between pages, and must stop reading.
      for (let i = 0; i < 3 * PAGES; i++) {
        await reader.db.selectFrom('audit_state').select('tree_size').execute();
        assert.ok(reader.waiting() <= READ_AHEAD, `${reader.waiting()} pages waiting`);
      }
      for (let from = 0; ; ) {
        const page = await reader.pages(from, counts);
        assert.ok(!('kind' in page));
        assert.ok(reader.waiting() <= READ_AHEAD);
        from += page.hashes.length;
        if (!page.full) break;
      }
      assert.equal(counts.entriesChecked, SIZE);
    } finally {
      await reader.close();
    }
  });
});
