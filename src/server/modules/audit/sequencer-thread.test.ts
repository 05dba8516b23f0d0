import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Worker } from 'node:worker_threads';
import { postgresSite, type ServerSite, sqliteSite } from '../../../../test/crash/sites.ts';
import { parseDatabaseUrl } from '../../config.ts';
import { type Database, migrateToLatest, openDatabase } from '../../db/database.ts';
import { openWriteGate, writeGateBuffer } from '../../db/write-gate.ts';
import { appendViews, makeKey } from './audit-log.fixtures.ts';
import { readAnchorFile } from './head-anchor.ts';
import { AuditIntegrityError } from './sequencer-guard.ts';
import { openAuditSequencer, type SequencerHandle, sequencerThread } from './sequencer-thread.ts';
import type { SigningKey } from './tree-head.ts';
import { verifyAuditLog } from './verify.ts';

/** A file database each (the thread needs one it can open again): SQLite always, PostgreSQL when set. */
const sites: [string, () => Promise<ServerSite>][] = [
  ['sqlite', async () => sqliteSite('accord-seq-thread')],
];
const serverUrl = process.env.ACCORD_TEST_DATABASE_URL;
if (serverUrl) sites.push(['postgres', () => postgresSite(serverUrl, 'accord-seq-thread')]);

const pemOf = (key: SigningKey) => key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

for (const [engine, open] of sites) {
  describe(`audit sequencing on its own thread [${engine}]`, () => {
    let site: ServerSite;
    let database: Database;
    const config = () => parseDatabaseUrl(site.env.DATABASE_URL ?? '');
    const anchorFile = () => join(site.env.ACCORD_KEY_DIR ?? '', 'anchor.json');

    before(async () => {
      site = await open();
      const { mkdirSync } = await import('node:fs');
      mkdirSync(site.env.ACCORD_KEY_DIR ?? '', { recursive: true });
      database = await openDatabase(config());
      await migrateToLatest(database);
    });
    after(async () => {
      await database.close();
      await site.cleanup();
    });

    it('sequences what the application appended, signs a final head at stop and anchors it', async () => {
      const key = makeKey();
      const errors: unknown[] = [];
      const sequencer = await openAuditSequencer(
        config(),
        database,
        { signingKey: key, anchorFile: anchorFile() },
        { onError: (error) => errors.push(error) },
      );
      assert.equal(sequencer.kind, 'worker-thread');
      await appendViews(database, 30);
      const pass = await sequencer.tick();
      assert.deepEqual(pass && { sequenced: pass.sequenced, treeSize: pass.treeSize }, {
        sequenced: 30,
        treeSize: 30,
      });
      await appendViews(database, 5);
      const last = await sequencer.stop();
      assert.deepEqual(last, { sequenced: 5, treeSize: 35, signedHead: true });
      assert.deepEqual(errors, []);
      assert.equal(readAnchorFile(anchorFile())?.treeSize, 35);
      const report = await verifyAuditLog(database, [key]);
      assert.equal(report.ok, true, JSON.stringify(report.problem));
      assert.equal(report.treeSize, 35);
      // Stopped: a further pass is refused quietly, as a failed pass is.
      assert.equal(await sequencer.tick(), null);
    });

    it('starts another thread when one stops unexpectedly, and goes on sequencing', async () => {
      const key = makeKey();
      const errors: unknown[] = [];
      const threads: Worker[] = [];
      let replaced: () => void = () => undefined;
      const replacement = new Promise<void>((resolve) => {
        replaced = resolve;
      });
      const sequencer = await sequencerThread(
        config(),
        { privateKeyPem: pemOf(key), keyId: key.keyId, anchorFile: null },
        {
          onError: (error) => errors.push(error),
          onThread: (thread) => {
            threads.push(thread);
            if (threads.length === 2) replaced();
          },
        },
      );
      sequencer.start();
      await threads[0]?.terminate();
      await appendViews(database, 4);
      // The replacement is started after a pause: wait for it by its arrival, not by time.
      await replacement;
      const pass = await sequencer.tick();
      assert.equal(pass?.treeSize, 39);
      assert.match(String(errors[0]), /sequencing thread stopped/);
      assert.equal((await sequencer.stop())?.treeSize, 39);
      // Signed by the replacement's timer or by the final pass: either way, the head covers all.
      const top = await database.db
        .selectFrom('audit_tree_heads')
        .select('tree_size')
        .orderBy('tree_size', 'desc')
        .executeTakeFirst();
      assert.equal(Number(top?.tree_size), 39);
      assert.equal(threads.length, 2);
    });

    it('signs the final head at stop even while the thread is being replaced', async () => {
      const key = makeKey();
      const errors: unknown[] = [];
      const threads: Worker[] = [];
      const sequencer = await sequencerThread(
        config(),
        { privateKeyPem: pemOf(key), keyId: key.keyId, anchorFile: null },
        { onError: (error) => errors.push(error), onThread: (thread) => threads.push(thread) },
      );
      await appendViews(database, 2);
      const ended = new Promise((resolve) => threads[0]?.once('exit', resolve));
      await threads[0]?.terminate();
      await ended;
      // Stopped before the replacement is due: a thread is started for the final pass.
      const last = await sequencer.stop();
      assert.deepEqual(last, { sequenced: 2, treeSize: 41, signedHead: true });
      assert.equal(threads.length, 2);
      assert.match(String(errors[0]), /sequencing thread stopped/);
    });

    it('reports an integrity refusal from the thread as one, and signs nothing', async () => {
      const key = makeKey();
      const before = await database.db.selectFrom('audit_tree_heads').select('tree_size').execute();
      // An anchor naming a head this database never had: the next head must not be signed over it.
      writeFileSync(anchorFile(), `${JSON.stringify({ treeSize: 36, rootHash: '00'.repeat(32) })}\n`);
      const errors: unknown[] = [];
      const sequencer = await openAuditSequencer(
        config(),
        database,
        { signingKey: key, anchorFile: anchorFile() },
        { onError: (error) => errors.push(error) },
      );
      await appendViews(database, 3);
      assert.equal(await sequencer.stop(), null);
      assert.ok(errors[0] instanceof AuditIntegrityError, String(errors[0]));
      assert.match((errors[0] as Error).message, /^audit log integrity: .*size 36/);
      const heads = await database.db.selectFrom('audit_tree_heads').select('tree_size').execute();
      assert.equal(heads.length, before.length);
    });
  });
}

describe('audit sequencing thread that cannot open its database', () => {
  it('rejects at start instead of hanging, and leaves no thread behind', async () => {
    const site = sqliteSite('accord-seq-thread-bad');
    const key = makeKey();
    try {
      // A folder where the file should be: SQLite cannot open it.
      const folder = site.env.ACCORD_KEY_DIR ?? '';
      const { mkdirSync } = await import('node:fs');
      mkdirSync(folder, { recursive: true });
      const threads: Worker[] = [];
      await assert.rejects(
        sequencerThread(
          { kind: 'sqlite', file: folder },
          { privateKeyPem: pemOf(key), keyId: key.keyId, anchorFile: null },
          { onThread: (thread) => threads.push(thread) },
        ),
      );
      assert.equal(threads.length, 0);
    } finally {
      await site.cleanup();
    }
  });
});

describe('audit sequencing thread that ends holding the write gate [sqlite]', () => {
  it('has the gate freed by its owner, so the next writer takes it at once', async () => {
    const site = await sqliteSite('accord-seq-thread-gate');
    let sequencer: SequencerHandle | undefined;
    try {
      const config = parseDatabaseUrl(site.env.DATABASE_URL ?? '');
      if (config.kind !== 'sqlite') throw new Error('a SQLite site was expected');
      const database = await openDatabase(config);
      await migrateToLatest(database);
      await database.close();
      const key = makeKey();
      const threads: Worker[] = [];
      // Not started: the thread runs no pass of its own, so only its ending can change the gate.
      sequencer = await sequencerThread(
        config,
        { privateKeyPem: pemOf(key), keyId: key.keyId, anchorFile: null },
        { onThread: (thread) => threads.push(thread) },
      );
      const first = threads[0];
      assert.ok(first);
      const cell = new Int32Array(writeGateBuffer(config.file));
      // As if the thread had ended in the middle of a pass: the gate is marked as its own.
      Atomics.store(cell, 0, first.threadId + 1);
      const ended = new Promise((resolve) => first.once('exit', resolve));
      await first.terminate();
      await ended;
      assert.equal(Atomics.load(cell, 0), 0);
      const gate = openWriteGate(writeGateBuffer(config.file), 50);
      assert.equal(gate.hold(), true);
      gate.release();
    } finally {
      await sequencer?.stop();
      await site.cleanup();
    }
  });
});
