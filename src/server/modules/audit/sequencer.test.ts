import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { type Database, migrateToLatest, openDatabase } from '../../db/database.ts';
import type { WriteGate } from '../../db/write-gate.ts';
import { insertNodes } from './audit.repository.ts';
import { leafBytes } from './audit-entry.ts';
import { appendViews, fillLog, makeKey } from './audit-log.fixtures.ts';
import { AuditWriter } from './audit-writer.ts';
import { memoryHeadAnchor } from './head-anchor.ts';
import { appendLeaves, emptyFrontier, encodeFrontier, fromHex, hashLeaf, toHex } from './merkle.ts';
import { AuditSequencer, sequenceOnce, sequencePrepared } from './sequencer.ts';
import { AuditIntegrityError } from './sequencer-guard.ts';
import { preparePass } from './sequencer-prepare.ts';
import { verifyAuditLog } from './verify.ts';

/**
 * The attack of a database writer without the key: edit an entry, recompute its leaf hash, every tree
 * node and the frontier, delete the signed heads and reset the state, so the log is self-consistent.
 */
async function rewriteHistory(database: Database, leafIndex: number): Promise<void> {
  const { db } = database;
  const row = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('leaf_index', '=', leafIndex)
    .executeTakeFirstOrThrow();
  const edited = { ...row, outcome: row.outcome === 'deny' ? 'permit' : 'deny' };
  await db
    .updateTable('audit_entries')
    .set({ outcome: edited.outcome, leaf_hash: toHex(hashLeaf(leafBytes(edited, leafIndex))) })
    .where('id', '=', row.id)
    .execute();
  const leaves = await db
    .selectFrom('audit_entries')
    .select('leaf_hash')
    .where('leaf_index', 'is not', null)
    .orderBy('leaf_index')
    .execute();
  const rebuilt = appendLeaves(
    emptyFrontier(),
    leaves.map((l) => fromHex(l.leaf_hash ?? '')),
  );
  await db.deleteFrom('audit_tree_nodes').execute();
  await insertNodes(db, rebuilt.nodes);
  await db.deleteFrom('audit_tree_heads').execute();
  await db
    .updateTable('audit_state')
    .set({ frontier: encodeFrontier(rebuilt.frontier), last_head_size: 0 })
    .execute();
}

async function headSizes(database: Database): Promise<number[]> {
  const rows = await database.db
    .selectFrom('audit_tree_heads')
    .select('tree_size')
    .orderBy('tree_size')
    .execute();
  return rows.map((r) => Number(r.tree_size));
}

async function appendOne(database: Database, minute: number): Promise<void> {
  await new AuditWriter(database).append(
    [{ action: 'record.view', outcome: 'permit', personId: crypto.randomUUID() }],
    new Date(Date.UTC(2026, 10, 2, 9, minute)),
    null,
  );
}

describeEachEngine('sequencer refuses to sign a rewritten history', (database) => {
  const key = makeKey();
  const anchor = memoryHeadAnchor();
  const later = new Date('2026-11-05T00:00:00.000Z');

  before(async () => {
    await fillLog(database(), key, 40, anchor);
  });

  it('anchors the last head it signed outside the database', async () => {
    const head = await database()
      .db.selectFrom('audit_tree_heads')
      .selectAll()
      .where('tree_size', '=', 40)
      .executeTakeFirstOrThrow();
    assert.deepEqual(await anchor.read(), { treeSize: 40, rootHash: head.root_hash });
  });

  it('refuses, signing nothing, once the history was rewritten, though the rewrite is self-consistent', async () => {
    await rewriteHistory(database(), 5);
    // Without heads the rewrite leaves nothing for the verifier to hold it to: only the anchor can.
    assert.equal((await verifyAuditLog(database(), [key])).ok, true);
    await assert.rejects(
      sequenceOnce(database(), { ...key, anchor }, later, { forceHead: true }),
      (error: unknown) =>
        error instanceof AuditIntegrityError && /no longer reproduce the root/.test(error.message),
    );
    const errors: unknown[] = [];
    const sequencer = new AuditSequencer(database(), { ...key, anchor }, { onError: (e) => errors.push(e) });
    assert.equal(await sequencer.stop(), null);
    assert.ok(errors[0] instanceof AuditIntegrityError, 'the refusal reaches onError');
    assert.deepEqual(await headSizes(database()), []);
    const anchored = await anchor.read();
    assert.equal(anchored?.treeSize, 40);
    const report = await verifyAuditLog(database(), [key], { anchoredHead: anchored });
    assert.equal(report.problem?.kind, 'ANCHOR');
  });

  it('without an anchor the same rewrite would have been signed', async () => {
    const result = await sequenceOnce(database(), key, later, { forceHead: true });
    assert.equal(result.signedHead, true);
    assert.deepEqual(await headSizes(database()), [40]);
  });
});

describeEachEngine('sequencer checks its state and the anchor before extending the tree', (database) => {
  const key = makeKey();
  const anchor = memoryHeadAnchor();
  const signer = { ...key, anchor };
  const later = new Date('2026-11-05T00:00:00.000Z');
  let frontier = '';

  before(async () => {
    await fillLog(database(), key, 20, anchor);
    const state = await database().db.selectFrom('audit_state').selectAll().executeTakeFirstOrThrow();
    frontier = state.frontier;
  });

  async function refusedWith(pattern: RegExp, withSigner = signer): Promise<void> {
    await assert.rejects(
      sequenceOnce(database(), withSigner, later, { forceHead: true }),
      (error: unknown) => error instanceof AuditIntegrityError && pattern.test(error.message),
    );
  }

  it('refuses to append to an emptied, forged or unbacked frontier', async () => {
    await appendOne(database(), 1);
    const { db } = database();
    await db.updateTable('audit_state').set({ frontier: '' }).execute();
    await refusedWith(/records 20 sequenced entries but no frontier/);
    await db
      .updateTable('audit_state')
      .set({ frontier: frontier.replace(/[0-9a-f]{64}$/, 'cd'.repeat(32)) })
      .execute();
    await refusedWith(/frontier disagrees with the stored tree nodes/);
    await db.updateTable('audit_state').set({ frontier }).execute();
    await db.deleteFrom('audit_tree_nodes').where('level', '=', 2).where('idx', '=', 4).execute();
    await refusedWith(/incomplete/);
    assert.deepEqual(await headSizes(database()), [16, 20]);
    const pending = await db
      .selectFrom('audit_entries')
      .select('id')
      .where('leaf_index', 'is', null)
      .execute();
    assert.equal(pending.length, 1, 'a refused pass sequences nothing either');
    assert.ok(await insertBack(database()));
  });

  it('refuses a database restored from before the anchored head, or whose anchored head changed', async () => {
    const rootHash = (await anchor.read())?.rootHash ?? '';
    await refusedWith(/fewer than the last head signed/, {
      ...key,
      anchor: memoryHeadAnchor({ treeSize: 500, rootHash }),
    });
    await refusedWith(/no longer reproduce the root of the last head signed/, {
      ...key,
      anchor: memoryHeadAnchor({ treeSize: 20, rootHash: 'ee'.repeat(32) }),
    });
    const { db } = database();
    await db
      .updateTable('audit_tree_heads')
      .set({ root_hash: 'ee'.repeat(32) })
      .where('tree_size', '=', 20)
      .execute();
    await refusedWith(/missing from the database or has a different root/);
    await db
      .updateTable('audit_tree_heads')
      .set({ root_hash: rootHash })
      .where('tree_size', '=', 20)
      .execute();
  });

  it('accepts an anchor one head behind (a crash between commit and anchor write) and moves it on', async () => {
    const sixteen = await database()
      .db.selectFrom('audit_tree_heads')
      .select('root_hash')
      .where('tree_size', '=', 16)
      .executeTakeFirstOrThrow();
    const lagging = memoryHeadAnchor({ treeSize: 16, rootHash: sixteen.root_hash });
    const result = await sequenceOnce(database(), { ...key, anchor: lagging }, later, { forceHead: true });
    assert.deepEqual(result, { sequenced: 1, treeSize: 21, signedHead: true });
    assert.equal((await lagging.read())?.treeSize, 21);
    assert.equal((await verifyAuditLog(database(), [key])).ok, true);
  });
});

describeEachEngine('sequencer reads and hashes before it takes the lock', (database, engine) => {
  const key = makeKey();
  const later = new Date('2026-11-06T00:00:00.000Z');
  const onSqlite = { skip: engine.name === 'sqlite' ? false : 'the work is done ahead on SQLite only' };

  async function waiting(): Promise<number> {
    const row = await database()
      .db.selectFrom('audit_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('leaf_index', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function treeSize(): Promise<number> {
    const state = await database().db.selectFrom('audit_state').selectAll().executeTakeFirstOrThrow();
    return Number(state.tree_size);
  }

  /** A gate that counts the transactions a pass opens (the pass holds it around each). */
  function countingGate(): WriteGate & { holds: number } {
    const gate = { holds: 0, hold: () => ++gate.holds > 0, release: () => undefined };
    return gate;
  }

  before(async () => {
    await fillLog(database(), key, 8);
  });

  it(
    'stores the prepared work when nothing moved, and leaves later entries for the next pass',
    onSqlite,
    async () => {
      const size = await treeSize();
      await appendOne(database(), 1);
      await appendOne(database(), 2);
      const prepared = await preparePass(database());
      assert.equal(prepared.work?.sequenced, 2);
      await appendOne(database(), 3);
      const result = await sequencePrepared(database(), key, later, prepared, { forceHead: true });
      assert.deepEqual(result, { sequenced: 2, treeSize: size + 2, signedHead: true });
      assert.equal(await waiting(), 1);
      assert.deepEqual(await sequenceOnce(database(), key, later, { forceHead: true }), {
        sequenced: 1,
        treeSize: size + 3,
        signedHead: true,
      });
      assert.equal((await verifyAuditLog(database(), [key])).ok, true);
    },
  );

  it(
    'sets its work aside and sequences afresh when another pass moved the state meanwhile',
    onSqlite,
    async () => {
      const size = await treeSize();
      await appendOne(database(), 4);
      await appendOne(database(), 5);
      const stale = await preparePass(database());
      assert.equal(stale.work?.sequenced, 2);
      await sequenceOnce(database(), key, later, { batch: 1 });
      await appendOne(database(), 6);
      const result = await sequencePrepared(database(), key, later, stale, { forceHead: true });
      // Two more under the lock (the one the other pass left and the one appended since), none twice.
      assert.deepEqual(result, { sequenced: 2, treeSize: size + 3, signedHead: true });
      assert.equal(await waiting(), 0);
      const indexes = await database()
        .db.selectFrom('audit_entries')
        .select('leaf_index')
        .orderBy('leaf_index')
        .execute();
      assert.deepEqual(
        indexes.map((r) => Number(r.leaf_index)),
        Array.from({ length: size + 3 }, (_, i) => i),
      );
      assert.equal((await verifyAuditLog(database(), [key])).ok, true);
    },
  );

  it('leaves the work to be done under the lock on PostgreSQL', {
    skip: engine.name === 'postgres' ? false : 'PostgreSQL only',
  }, async () => {
    const size = await treeSize();
    await appendOne(database(), 4);
    const prepared = await preparePass(database());
    assert.deepEqual([prepared.idle, prepared.work], [false, null]);
    await appendOne(database(), 5);
    const result = await sequencePrepared(database(), key, later, prepared, { forceHead: true });
    assert.deepEqual(result, { sequenced: 2, treeSize: size + 2, signedHead: true });
    assert.equal((await verifyAuditLog(database(), [key])).ok, true);
  });

  it('opens no transaction for a pass with nothing to sequence and no head to sign, unless a head is forced', async () => {
    const size = await treeSize();
    const idle = await preparePass(database());
    assert.equal(idle.idle, true);
    const gate = countingGate();
    assert.deepEqual(await sequencePrepared(database(), key, later, idle, { writeGate: gate }), {
      sequenced: 0,
      treeSize: size,
      signedHead: false,
    });
    assert.equal(gate.holds, 0);
    await sequencePrepared(database(), key, later, idle, { writeGate: gate, forceHead: true });
    assert.equal(gate.holds, 1);
    await appendOne(database(), 8);
    assert.equal((await preparePass(database())).idle, false);
    await sequenceOnce(database(), key, later, { headEveryMs: Number.MAX_SAFE_INTEGER });
    // Sequenced but not yet under a head: the pass still has a head to sign when one is due.
    const unsigned = await preparePass(database());
    assert.equal(unsigned.idle, false);
    assert.deepEqual(
      await sequencePrepared(database(), key, later, unsigned, { headEveryMs: 0, writeGate: gate }),
      { sequenced: 0, treeSize: size + 1, signedHead: true },
    );
    assert.equal(gate.holds, 2);
  });

  it(
    'refuses, storing nothing, when a waiting entry it prepared was given a leaf index outside it',
    onSqlite,
    async () => {
      const size = await treeSize();
      await appendOne(database(), 7);
      const prepared = await preparePass(database());
      assert.equal(prepared.work?.sequenced, 1);
      await database()
        .db.updateTable('audit_entries')
        .set({ leaf_index: 999 })
        .where('leaf_index', 'is', null)
        .execute();
      const heads = await headSizes(database());
      await assert.rejects(
        sequencePrepared(database(), key, later, prepared, { forceHead: true }),
        (error: unknown) => error instanceof AuditIntegrityError && /no longer were/.test(error.message),
      );
      assert.equal(await treeSize(), size);
      assert.deepEqual(await headSizes(database()), heads);
    },
  );

  it('reports a frontier that disagrees with the stored nodes even when nothing waits', async () => {
    const { db } = database();
    const state = await db.selectFrom('audit_state').selectAll().executeTakeFirstOrThrow();
    await db.updateTable('audit_state').set({ frontier: `0:` }).execute();
    try {
      await assert.rejects(preparePass(database()), AuditIntegrityError);
      const errors: unknown[] = [];
      const sequencer = new AuditSequencer(database(), key, { onError: (e) => errors.push(e) });
      assert.equal(await sequencer.tick(), null);
      assert.ok(errors[0] instanceof AuditIntegrityError);
    } finally {
      await db.updateTable('audit_state').set({ frontier: state.frontier }).execute();
    }
  });
});

describe('sequencer on a SQLite file', () => {
  it('copies the WAL into the database file after a pass that sequenced, when told to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-sequencer-wal-'));
    try {
      const sizes: Record<string, number[]> = {};
      for (const checkpointWal of [false, true]) {
        const file = join(dir, `${checkpointWal ? 'checkpointed' : 'plain'}.db`);
        const database = await openDatabase({ kind: 'sqlite', file });
        try {
          await migrateToLatest(database);
          const before = statSync(file).size;
          await appendViews(database, 300);
          const errors: unknown[] = [];
          const sequencer = new AuditSequencer(database, makeKey(), {
            checkpointWal,
            onError: (e) => errors.push(e),
          });
          assert.equal((await sequencer.tick())?.sequenced, 300);
          assert.deepEqual(errors, []);
          sizes[String(checkpointWal)] = [before, statSync(file).size];
        } finally {
          await database.close();
        }
      }
      // Without the checkpoint the 300 entries and their tree are still only in the WAL.
      const [plainBefore, plainAfter] = sizes.false ?? [];
      const [before, after] = sizes.true ?? [];
      assert.equal(plainAfter, plainBefore);
      assert.ok(after !== undefined && before !== undefined && after > before, 'the database file grew');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Puts back the node the frontier test deleted (recomputed from the leaves below it). */
async function insertBack(database: Database): Promise<boolean> {
  const leaves = await database.db
    .selectFrom('audit_entries')
    .select('leaf_hash')
    .where('leaf_index', '>=', 16)
    .where('leaf_index', '<', 20)
    .orderBy('leaf_index')
    .execute();
  const rebuilt = appendLeaves(
    emptyFrontier(),
    leaves.map((l) => fromHex(l.leaf_hash ?? '')),
  );
  const top = rebuilt.nodes.find((n) => n.level === 2);
  if (!top) return false;
  await insertNodes(database.db, [{ level: 2, index: 4, hash: top.hash }]);
  return true;
}
