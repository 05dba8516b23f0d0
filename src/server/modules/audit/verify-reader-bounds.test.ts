/**
 * The verification reader thread at its edges: entries too large for WALK_PAGE of them to fit its heap,
 * its life after close, what its connection refuses, a file that is not there, and an entry id that is
 * not text.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { type Database, migrateToLatest, openDatabase } from '../../db/database.ts';
import { openSqlite } from '../../db/sqlite-adapter.ts';
import { makeKey } from './audit-log.fixtures.ts';
import { AuditWriter } from './audit-writer.ts';
import { sequenceOnce } from './sequencer.ts';
import { verifyAuditLog } from './verify.ts';
import { PAGE_TEXT_BUDGET } from './verify-pages.ts';
import { openSnapshotReader } from './verify-reader.ts';
import { WALK_PAGE } from './verify-walk.ts';

const SIZE = 2 * WALK_PAGE + 45;
const LARGE = 300;
// About 200 KB of text an entry, not all ASCII: 300 of them are far more than the reader's heap holds.
const LARGE_NOTE = `é ☃ 𝄞 ${'x'.repeat(95)}`.repeat(2000);

/** Settles within `ms`, or fails the test rather than hanging it. */
function within<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('did not settle')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('the verification reader thread at its edges [sqlite file]', () => {
  const key = makeKey();
  let dir = '';
  let pristine = '';
  let copies = 0;

  async function buildLog(file: string, count: number, note: string, perAppend: number): Promise<void> {
    const database = await openDatabase({ kind: 'sqlite', file });
    try {
      await migrateToLatest(database);
      const writer = new AuditWriter(database);
      for (let done = 0; done < count; done += perAppend) {
        const events = Array.from({ length: Math.min(perAppend, count - done) }, () => ({
          action: 'record.view' as const,
          outcome: 'permit' as const,
          personId: crypto.randomUUID(),
          details: { note },
        }));
        await writer.append(events, new Date(Date.UTC(2026, 11, 3, 9, 0, done)), `page-${done}`);
      }
      await sequenceOnce(database, key, new Date('2026-12-03T12:00:00.000Z'), {
        batch: count,
        forceHead: true,
      });
    } finally {
      await database.close();
    }
  }

  async function copyOf(source = pristine): Promise<{ file: string; database: Database }> {
    const file = join(dir, `copy-${copies++}.db`);
    const { raw, close } = openSqlite(source);
    raw.prepare('vacuum into ?').run(file);
    close();
    return { file, database: await openDatabase({ kind: 'sqlite', file }) };
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-verify-bounds-'));
    pristine = join(dir, 'audit.db');
    await buildLog(pristine, SIZE, 'a note', 1000);
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies entries too large for a page of them to fit the reader, in shorter pages', async () => {
    const file = join(dir, 'large.db');
    await buildLog(file, LARGE, LARGE_NOTE, 25);
    const database = await openDatabase({ kind: 'sqlite', file });
    try {
      const threaded = await verifyAuditLog(database, [key], { readerThreadFile: file });
      const one = await verifyAuditLog(database, [key]);
      assert.deepEqual(threaded, one);
      assert.equal(threaded.problem, null);
      assert.equal(threaded.entriesChecked, LARGE);
      assert.equal(threaded.headsChecked, 1);
    } finally {
      await database.close();
    }
    // The pages were cut by their text, not by their row count, and each holds at least one entry.
    const reader = openSnapshotReader(file);
    try {
      const counts = { entriesChecked: 0, headsChecked: 0, nodesChecked: 0 };
      const sizes: number[] = [];
      for (let from = 0; ; ) {
        const page = await reader.pages(from, counts);
        assert.ok(!('kind' in page));
        sizes.push(page.hashes.length);
        from += page.hashes.length;
        if (!page.full) break;
      }
      assert.equal(counts.entriesChecked, LARGE);
      const perPage = Math.ceil(PAGE_TEXT_BUDGET / LARGE_NOTE.length);
      assert.ok(
        sizes.every((size, i) => size <= perPage || i === sizes.length - 1),
        `${sizes}`,
      );
      assert.ok(sizes.length >= LARGE / perPage, `${sizes.length} pages`);
      assert.ok(sizes.slice(0, -1).every((size) => size >= 1));
    } finally {
      await reader.close();
    }
  });

  it('rejects, once closed, what was still waiting and anything asked later', async () => {
    const reader = openSnapshotReader(pristine);
    const counts = { entriesChecked: 0, headsChecked: 0, nodesChecked: 0 };
    let from = 0;
    for (;;) {
      const page = await reader.pages(from, counts);
      assert.ok(!('kind' in page));
      from += page.hashes.length;
      if (!page.full) break;
    }
    // No page will come after the last: this one waits until the reader closes.
    const waiting = reader.pages(from, counts);
    await reader.close();
    await assert.rejects(within(waiting), /closed/);
    await assert.rejects(within(reader.db.selectFrom('audit_state').selectAll().execute()), /closed/);
    await assert.rejects(within(reader.pages(from, counts)), /closed/);
    await within(reader.close());
  });

  it('reads on a connection that refuses writes and anything ending its snapshot', async () => {
    const { file, database } = await copyOf();
    const reader = openSnapshotReader(file);
    try {
      const before = await reader.db.selectFrom('audit_state').select('tree_size').executeTakeFirstOrThrow();
      await assert.rejects(reader.db.updateTable('audit_state').set({ tree_size: 0 }).execute());
      await assert.rejects(reader.db.deleteFrom('audit_entries').execute());
      await assert.rejects(sql`with gone as (select 1) delete from audit_entries`.execute(reader.db));
      await assert.rejects(sql`commit`.execute(reader.db));
      await assert.rejects(sql`pragma query_only = off`.execute(reader.db));
      // Still in its snapshot, and the file is as it was.
      const still = await reader.db.selectFrom('audit_state').select('tree_size').executeTakeFirstOrThrow();
      assert.equal(Number(still.tree_size), Number(before.tree_size));
      const entries = await database.db
        .selectFrom('audit_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(entries.n), SIZE);
    } finally {
      await reader.close();
      await database.close();
    }
  });

  it('fails on a missing file with a clear error, and creates none', async () => {
    const { database } = await copyOf();
    const missing = join(dir, 'missing.db');
    try {
      await assert.rejects(
        within(verifyAuditLog(database, [key], { readerThreadFile: missing })),
        /cannot open the SQLite file .*missing\.db/,
      );
      assert.equal(existsSync(missing), false);
      assert.equal(existsSync(`${missing}-wal`), false);
    } finally {
      await database.close();
    }
  });

  it('prints an entry id rewritten to a blob the same way on both paths', async () => {
    const { file, database } = await copyOf();
    try {
      await sql`update audit_entries set id = x'0a0b0c' where leaf_index = ${WALK_PAGE + 7}`.execute(
        database.db,
      );
      const threaded = await verifyAuditLog(database, [key], { readerThreadFile: file });
      const one = await verifyAuditLog(database, [key]);
      assert.deepEqual(threaded, one);
      assert.equal(threaded.problem?.kind, 'ENTRY_ALTERED');
      assert.match(threaded.problem?.message ?? '', /\(id x'0a0b0c'\)/);
    } finally {
      await database.close();
    }
  });
});
