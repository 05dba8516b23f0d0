/**
 * The audit writer's commit paths: a worker thread with its own connection for a SQLite file, a dedicated
 * connection for PostgreSQL, the caller's handle for in-memory databases; multi-row inserts on both engines.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { type Database, fromPgPool, migrateToLatest, openDatabase } from '../../db/database.ts';
import { ENTRY_COLUMNS, INSERT_CHUNK } from './audit.repository.ts';
import { type AuditCommitter, openAuditCommitter, transactionCommitter } from './audit-committer.ts';
import { type AuditEvent, entryLeafHash, leafBytes, toRow } from './audit-entry.ts';
import { AuditUnavailableError, AuditWriter } from './audit-writer.ts';
import { hashLeaf, toHex } from './merkle.ts';

const event = (action: string = 'record.view'): AuditEvent => ({
  // Any text an action could hold, to test the leaf hash on awkward strings.
  action: action as AuditEvent['action'],
  outcome: 'permit',
  actor: { staffId: crypto.randomUUID(), organisationId: crypto.randomUUID(), roles: ['care_manager'] },
  personId: crypto.randomUUID(),
  categories: ['RISK_SUMMARY', 'CRISIS_PLAN'],
  purpose: 'DIRECT_CARE',
  reasons: ['PERMIT_CARE_TEAM'],
  details: { note: 'Zoë – 東京 ☂', n: 3, flag: true, none: null },
});

async function storedIds(database: Database, requestIds: readonly string[]): Promise<string[]> {
  const rows = await database.db
    .selectFrom('audit_entries')
    .select('request_id')
    .where('request_id', 'in', requestIds)
    .execute();
  return [...new Set(rows.map((r) => r.request_id ?? ''))].sort();
}

describe('audit commits on a worker thread (SQLite file)', () => {
  let dir = '';
  let file = '';
  let database: Database;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-audit-worker-'));
    file = join(dir, 'accord.db');
    database = await openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(database);
  });
  after(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the committer chosen for a file, and what it answered is stored', async () => {
    const committer = await openAuditCommitter({ kind: 'sqlite', file }, database);
    assert.equal(committer.kind, 'worker-thread');
    const writer = new AuditWriter(database, { committer });
    const ids = Array.from({ length: 300 }, (_, i) => `worker-${i}`);
    // More entries than one INSERT holds, from concurrent callers: group-committed on the thread.
    await Promise.all(ids.map((id) => writer.append([event(), event()], new Date(), id)));
    // Read back through the application's own connection: the thread's commits are visible to it.
    assert.deepEqual(await storedIds(database, ids), [...ids].sort());
    const count = await database.db
      .selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('request_id', 'in', ids)
      .executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 600);
    await writer.close();
    await assert.rejects(writer.append([event()], new Date(), 'after-close'), AuditUnavailableError);
  });

  it('stores every column exactly as the row had it', async () => {
    const committer = await openAuditCommitter({ kind: 'sqlite', file }, database);
    const writer = new AuditWriter(database, { committer });
    const at = new Date('2026-12-01T10:00:00.000Z');
    const row = toRow(
      { ...event(), breakGlassGrantId: 'g-1', target: { type: 'person', id: 'p-1' } },
      at,
      'cols',
    );
    await committer.commit([row]);
    const stored = await database.db
      .selectFrom('audit_entries')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    for (const column of ENTRY_COLUMNS) assert.deepEqual(stored[column], row[column], column);
    await writer.close();
  });

  it('fails every request of a batch the database refuses, and stores none of it', async () => {
    await sql`create trigger refuse_poison before insert on audit_entries when new.action = 'poison'
      begin select raise(abort, 'refused'); end`.execute(database.db);
    const committer = await openAuditCommitter({ kind: 'sqlite', file }, database);
    const writer = new AuditWriter(database, { committer });
    try {
      const good = writer.append([event()], new Date(), 'batch-good');
      const bad = writer.append([event('poison')], new Date(), 'batch-bad');
      await assert.rejects(good, /refused/);
      await assert.rejects(bad, /refused/);
      assert.deepEqual(await storedIds(database, ['batch-good', 'batch-bad']), []);
      // The thread survives a refused batch: the next one commits.
      await writer.append([event()], new Date(), 'after-refusal');
      assert.deepEqual(await storedIds(database, ['after-refusal']), ['after-refusal']);
    } finally {
      await sql`drop trigger refuse_poison`.execute(database.db);
      await writer.close();
    }
  });

  it('waits for the write lock off the event loop; a drain deadline fails what still waits', async () => {
    const committer = await openAuditCommitter({ kind: 'sqlite', file }, database);
    const writer = new AuditWriter(database, { committer, maxQueued: 10 });
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    let locked: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      locked = resolve;
    });
    // The application's connection holds the write lock (its transactions begin IMMEDIATE).
    const holder = database.db.transaction().execute(async () => {
      locked();
      await gate;
    });
    await held;
    const first = writer.append([event()], new Date(), 'locked-first');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = writer.append([event()], new Date(), 'locked-second');
    // The event loop still turns while the thread waits for the lock.
    const ticks = await new Promise<number>((resolve) => {
      let n = 0;
      const timer = setInterval(() => {
        n += 1;
        if (n === 5) {
          clearInterval(timer);
          resolve(n);
        }
      }, 5);
    });
    assert.equal(ticks, 5);
    assert.equal(await writer.drain({ deadline: Date.now() + 50 }), false);
    await assert.rejects(second, AuditUnavailableError);
    open();
    await holder;
    await first;
    assert.deepEqual(await storedIds(database, ['locked-first', 'locked-second']), ['locked-first']);
    await writer.close();
  });

  it('commits in process for an in-memory database, which no second connection can open', async () => {
    const memory = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      assert.equal(
        (await openAuditCommitter({ kind: 'sqlite', file: ':memory:' }, memory)).kind,
        'in-process',
      );
    } finally {
      await memory.close();
    }
  });
});

describeEachEngine('audit inserts are multi-row', (database, engine) => {
  it('writes a change’s entries in its transaction, chunked under the parameter limit', async () => {
    const writer = new AuditWriter(database());
    const at = new Date('2026-12-02T08:00:00.000Z');
    const events = Array.from({ length: INSERT_CHUNK * 2 + 7 }, () => event('consent.record'));
    await database()
      .db.transaction()
      .execute((tx) => writer.appendInTransaction(tx, events, at, 'multi-row'));
    const rows = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('request_id', '=', 'multi-row')
      .execute();
    assert.equal(rows.length, events.length);
    const one = rows[0];
    assert.ok(one);
    assert.equal(one.recorded_at, at.toISOString());
    assert.equal(one.categories, 'CRISIS_PLAN,RISK_SUMMARY');
    assert.deepEqual(JSON.parse(one.details), { note: 'Zoë – 東京 ☂', n: 3, flag: true, none: null });
  });

  it('a change rolled back leaves none of its entries', async () => {
    const writer = new AuditWriter(database());
    await assert.rejects(
      database()
        .db.transaction()
        .execute(async (tx) => {
          await writer.appendInTransaction(tx, [event(), event()], new Date(), 'rolled-back');
          throw new Error('the change failed');
        }),
      /the change failed/,
    );
    assert.deepEqual(await storedIds(database(), ['rolled-back']), []);
  });

  it('commits on a dedicated PostgreSQL connection of its own', {
    skip: engine.name === 'postgres' ? false : 'needs a PostgreSQL server',
  }, async () => {
    const url = process.env.ACCORD_TEST_DATABASE_URL ?? '';
    const schema = await sql<{ s: string }>`select current_schema() as s`.execute(database().db);
    const own = fromPgPool(
      new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema.rows[0]?.s}` }),
    );
    const committer = transactionCommitter(own, { owned: true });
    assert.equal(committer.kind, 'dedicated-connection');
    assert.equal(committer.concurrency, 1);
    const writer = new AuditWriter(database(), { committer });
    const ids = Array.from({ length: 200 }, (_, i) => `pg-${i}`);
    await Promise.all(ids.map((id) => writer.append([event(), event(), event()], new Date(), id)));
    assert.deepEqual(await storedIds(database(), ids), [...ids].sort());
    await writer.close();

    // The server's choice: two commits in flight, each on a connection of the committer's own pool.
    const withSchema = new URL(url);
    withSchema.searchParams.set('options', `-c search_path=${schema.rows[0]?.s}`);
    const chosen = await openAuditCommitter({ kind: 'postgres', url: withSchema.toString() }, database());
    assert.deepEqual([chosen.kind, chosen.concurrency], ['dedicated-connection', 2]);
    const paired = new AuditWriter(database(), { committer: chosen });
    const more = Array.from({ length: 300 }, (_, i) => `pg-paired-${i}`);
    await Promise.all(more.map((id) => paired.append([event(), event()], new Date(), id)));
    assert.deepEqual(await storedIds(database(), more), [...more].sort());
    await paired.close();
  });
});

describe('audit writer with commits in flight', () => {
  /** Lets the event loop turn until `done` holds (the writer starts commits on the next turn). */
  async function turnsUntil(done: () => boolean): Promise<void> {
    for (let turn = 0; turn < 20 && !done(); turn++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(done(), 'the writer did not get there');
  }

  it('keeps as many commits in flight as its committer runs, and answers each request after its own', async () => {
    const commits: { rows: number; finish: (error?: Error) => void }[] = [];
    let inFlight = 0;
    let most = 0;
    const committer: AuditCommitter = {
      kind: 'dedicated-connection',
      concurrency: 2,
      commit: (rows) =>
        new Promise<void>((resolve, reject) => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          commits.push({
            rows: rows.length,
            finish: (error) => {
              inFlight -= 1;
              if (error) reject(error);
              else resolve();
            },
          });
        }),
      close: async () => undefined,
    };
    const database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
    try {
      const writer = new AuditWriter(database, { committer });
      const answered: string[] = [];
      const append = (id: string) => {
        const appended = writer.append([event()], new Date(), id);
        void appended.then(() => answered.push(id)).catch(() => undefined);
        return appended;
      };
      const a = append('a');
      await turnsUntil(() => commits.length === 1);
      const b = append('b');
      const c = append('c');
      await turnsUntil(() => commits.length === 2);
      assert.equal(commits[1]?.rows, 2);
      const d = append('d');
      await new Promise((resolve) => setImmediate(resolve));
      assert.equal(commits.length, 2, 'no third commit while two are in flight');
      commits[1]?.finish();
      await Promise.all([b, c]);
      assert.deepEqual(answered, ['b', 'c']);
      await turnsUntil(() => commits.length === 3);
      commits[0]?.finish(new Error('refused'));
      await assert.rejects(a, /refused/);
      commits[2]?.finish();
      await d;
      assert.deepEqual(answered, ['b', 'c', 'd']);
      assert.equal(most, 2);
      assert.equal(await writer.drain(), true);
      await writer.close();
    } finally {
      await database.close();
    }
  });
});

describe('leaf hashes', () => {
  it('hashing the text directly gives RFC 9162 SHA-256(0x00 || leafBytes)', () => {
    for (const e of [
      event(),
      { action: 'a"\\\u2028' as AuditEvent['action'], outcome: 'deny' as const },
      event('\ud83d\ude00'),
    ]) {
      const row = toRow(e, new Date(), null);
      for (const index of [0, 1, 123_456_789])
        assert.equal(toHex(entryLeafHash(row, index)), toHex(hashLeaf(leafBytes(row, index))));
    }
  });
});
