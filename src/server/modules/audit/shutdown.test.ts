/**
 * Bounded waiting at shutdown: the audit writer's queue cap and drain deadline, and background jobs
 * (src/server/jobs.ts, tested here beside the writer they feed) that stop only once their runs end.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import type { Database } from '../../db/database.ts';
import { runBackgroundJobs } from '../../jobs.ts';
import type { AuditEvent } from './audit-entry.ts';
import { AuditUnavailableError, AuditWriter } from './audit-writer.ts';

const events = (n: number): AuditEvent[] =>
  Array.from({ length: n }, () => ({ action: 'record.view', outcome: 'permit' as const }));

/** Blocks writes to the audit table until released: a table lock on PostgreSQL, the one connection on SQLite. */
async function lockAuditTable(database: Database): Promise<() => Promise<void>> {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let locked: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const holder = database.db.transaction().execute(async (tx) => {
    if (database.engine === 'postgres') await sql`lock table audit_entries in exclusive mode`.execute(tx);
    locked();
    await gate;
  });
  await held;
  return async () => {
    open();
    await holder;
  };
}

/** Resolves once the event loop has run a turn (the writer flushes on setImmediate). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describeEachEngine('shutdown waits are bounded', (database, engine) => {
  it('refuses appends past the queue cap, and a drain deadline fails what still waits', async () => {
    const writer = new AuditWriter(database(), { maxQueued: 10 });
    const unlock = await lockAuditTable(database());
    try {
      const first = writer.append(events(6), new Date(), 'first');
      await turn();
      // The first batch is now stuck in its commit; the next waits in the queue.
      const second = writer.append(events(6), new Date(), 'second');
      await assert.rejects(writer.append(events(6), new Date(), 'third'), (error: unknown) => {
        assert.ok(error instanceof AuditUnavailableError);
        assert.equal(error.status, 503);
        return true;
      });
      assert.equal(await writer.drain({ deadline: Date.now() + 50 }), false);
      await assert.rejects(second, AuditUnavailableError);
      await assert.rejects(writer.append(events(1), new Date(), 'late'), /shutting down/);
      await unlock();
      await first;
    } finally {
      await unlock();
    }
    const stored = await database()
      .db.selectFrom('audit_entries')
      .select('request_id')
      .where('request_id', 'in', ['first', 'second', 'third', 'late'])
      .execute();
    assert.deepEqual([...new Set(stored.map((r) => r.request_id))], ['first']);
  });

  it('a drain with a deadline that is met commits everything and says so', async () => {
    const writer = new AuditWriter(database(), { maxQueued: 10 });
    const appended = writer.append(events(3), new Date(), 'in-time');
    assert.equal(await writer.drain({ deadline: Date.now() + 60_000 }), true);
    await appended;
  });

  it('stopping background jobs waits for a running job to finish', async () => {
    let finish: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      finish = resolve;
    });
    let started: () => void = () => undefined;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finished = false;
    const jobs = runBackgroundJobs(
      database(),
      [
        {
          name: 'slow',
          everyMs: 3_600_000,
          run: async () => {
            started();
            await gate;
            finished = true;
          },
        },
      ],
      (job, error) => assert.fail(`${job}: ${String(error)}`),
      { firstRunAfterMs: 0 },
    );
    await running;
    let stopped = false;
    const stopping = jobs.stop().then(() => {
      stopped = true;
    });
    await turn();
    assert.equal(stopped, false, 'stop() returned while a job was still running');
    finish();
    await stopping;
    assert.equal(finished, true);
  });

  it('the same job runs at once in two schemas of one PostgreSQL database', {
    skip: engine.name === 'postgres' ? false : 'needs a PostgreSQL server',
  }, async () => {
    const neighbour = await engine.open();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const startedIn = (name: string) => {
      let mark: () => void = () => undefined;
      const started = new Promise<string>((resolve) => {
        mark = () => resolve(name);
      });
      const run = async (): Promise<void> => {
        mark();
        await gate;
      };
      return { started, job: { name, everyMs: 3_600_000, run } };
    };
    const here = startedIn('here');
    const there = startedIn('there');
    const a = runBackgroundJobs(database(), [here.job], () => undefined, { firstRunAfterMs: 0 });
    const b = runBackgroundJobs(neighbour, [there.job], () => undefined, { firstRunAfterMs: 0 });
    try {
      const bound = new Promise<never>((_, reject) =>
        setTimeout(
          () => reject(new Error('a job was skipped: its lock is held in the other schema')),
          10_000,
        ).unref(),
      );
      assert.deepEqual(await Promise.race([Promise.all([here.started, there.started]), bound]), [
        'here',
        'there',
      ]);
    } finally {
      release();
      await a.stop();
      await b.stop();
      await neighbour.close();
    }
  });
});
