import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { type Database, migrateToLatest, openDatabase } from '../../db/database.ts';
import { appendViews, makeKey } from './audit-log.fixtures.ts';
import { AuditSequencer, holdSequencerLock, sequenceOnce } from './sequencer.ts';
import type { SigningKey } from './tree-head.ts';
import { verifyAuditLog } from './verify.ts';

/** Holds the sequencer lock in a transaction of its own until released, as another process would. */
async function holdLock(database: Database): Promise<{ release(): Promise<void> }> {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let held: (locked: boolean) => void = () => undefined;
  const locked = new Promise<boolean>((resolve) => {
    held = resolve;
  });
  const holder = database.db.transaction().execute(async (tx) => {
    held(await holdSequencerLock(tx, database.engine));
    await gate;
  });
  assert.equal(await locked, true);
  return {
    release: async () => {
      open();
      await holder;
    },
  };
}

async function state(database: Database): Promise<{ size: number; lastHead: number; entries: number }> {
  const row = await database.db.selectFrom('audit_state').selectAll().executeTakeFirstOrThrow();
  const count = await database.db
    .selectFrom('audit_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { size: Number(row.tree_size), lastHead: Number(row.last_head_size), entries: Number(count.n) };
}

describeEachEngine('sequencer under concurrency', (database, engine) => {
  const key = makeKey();
  const realPostgres = engine.name === 'postgres' ? false : 'needs a PostgreSQL server (several connections)';

  it('stop() signs a final head covering everything, even while timer passes run', async () => {
    for (let round = 0; round < 5; round++) {
      await appendViews(database(), 30);
      const errors: unknown[] = [];
      const sequencer = new AuditSequencer(database(), key, {
        intervalMs: 1,
        onError: (e) => errors.push(e),
      });
      sequencer.start();
      await new Promise((resolve) => setTimeout(resolve, 3));
      const result = await sequencer.stop();
      assert.deepEqual(errors, []);
      assert.ok(result && result.treeSize >= 0, 'the final pass ran');
      const after = await state(database());
      assert.equal(after.size, after.entries);
      assert.equal(after.lastHead, after.size, `round ${round}: the last head does not cover the tree`);
    }
  });

  it('a final forced pass waits while another process holds the lock', { skip: realPostgres }, async () => {
    await appendViews(database(), 10);
    const other = await holdLock(database());
    try {
      assert.equal((await sequenceOnce(database(), key, new Date(), { forceHead: true })).treeSize, -1);
      const stopping = new AuditSequencer(database(), key, { lockRetries: 500, lockRetryMs: 10 }).stop();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await other.release();
      const result = await stopping;
      assert.equal(result?.signedHead, true);
    } finally {
      await other.release();
    }
    const after = await state(database());
    assert.equal(after.lastHead, after.entries);
  });

  it('schemas sharing a PostgreSQL database do not block each other', { skip: realPostgres }, async () => {
    const neighbour = await engine.open();
    const lock = await holdLock(database());
    try {
      await appendViews(neighbour, 3);
      // Something waiting in this schema too, so that its pass asks for the lock (an idle pass does not).
      await appendViews(database(), 1);
      assert.equal((await sequenceOnce(database(), key, new Date())).treeSize, -1);
      const result = await sequenceOnce(neighbour, key, new Date(), { forceHead: true });
      assert.deepEqual(result, { sequenced: 3, treeSize: 3, signedHead: true });
    } finally {
      await lock.release();
      await neighbour.close();
    }
  });

  it('verify reads one snapshot: no false alarm while another connection appends and sequences', async () => {
    if (engine.name === 'sqlite') return verifyFromAnotherThread(key);
    for (let round = 0; round < 4; round++) {
      let busy = true;
      const load = (async () => {
        for (let pass = 0; pass < 8; pass++) {
          await appendViews(database(), 15);
          await sequenceOnce(database(), key, new Date(), { batch: 7, forceHead: pass % 2 === 0 });
        }
      })().finally(() => {
        busy = false;
      });
      for (let checks = 0; busy && checks < 40; checks++) {
        const report = await verifyAuditLog(database(), [key]);
        assert.equal(
          report.problem,
          null,
          `round ${round}: ${report.problem?.kind} ${report.problem?.message}`,
        );
      }
      await load;
    }
  });
});

/**
 * SQLite: `accord audit verify` runs beside the server on the same file. node:sqlite is synchronous, so
 * the verifier runs in a worker thread with its own connection while this thread appends and sequences.
 */
async function verifyFromAnotherThread(key: SigningKey): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accord-verify-'));
  const file = join(dir, 'accord.db');
  const live = await openDatabase({ kind: 'sqlite', file });
  try {
    await migrateToLatest(live);
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      (async () => {
        const { openDatabase } = await import(workerData.database);
        const { verifyAuditLog } = await import(workerData.verify);
        const { publicKeyFromPem } = await import(workerData.treeHead);
        const db = await openDatabase({ kind: 'sqlite', file: workerData.file });
        const problems = [];
        for (let i = 0; i < workerData.checks; i++) {
          const report = await verifyAuditLog(db, [publicKeyFromPem(workerData.pem)]);
          if (!report.ok) problems.push(report.problem.kind + ': ' + report.problem.message);
        }
        await db.close();
        parentPort.postMessage(problems);
      })().catch((error) => parentPort.postMessage(['failed: ' + error.message]));`;
    const worker = new Worker(code, {
      eval: true,
      workerData: {
        file,
        pem: key.publicKeyPem,
        checks: 25,
        database: new URL('../../db/database.ts', import.meta.url).href,
        verify: new URL('./verify.ts', import.meta.url).href,
        treeHead: new URL('./tree-head.ts', import.meta.url).href,
      },
    });
    let problems: string[] | null = null;
    const finished = new Promise<string[]>((resolve) => worker.once('message', resolve)).then((p) => {
      problems = p;
      return p;
    });
    for (let pass = 0; pass < 400 && problems === null; pass++) {
      await appendViews(live, 15);
      await sequenceOnce(live, key, new Date(), { batch: 7, forceHead: pass % 2 === 0 });
    }
    assert.deepEqual(await finished, []);
    await worker.terminate();
  } finally {
    await live.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
