import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { activitySummary, proveConsistency, proveInclusion, recentHeads } from './audit.service.ts';
import { leafBytes } from './audit-entry.ts';
import { fillLog, makeKey, tampered } from './audit-log.fixtures.ts';
import { AuditWriter } from './audit-writer.ts';
import { fromHex, hashLeaf, toHex, verifyConsistency, verifyInclusion } from './merkle.ts';
import { signTreeHead } from './tree-head.ts';
import { verifyAuditLog } from './verify.ts';

describeEachEngine('audit log', (database) => {
  const key = makeKey();
  const SIZE = 40;

  before(async () => {
    // Concurrent appends are group-committed together; heads at several sizes (batches of 16).
    await fillLog(database(), key, SIZE);
  });

  it('sequences every entry and signs heads; an untouched log verifies', async () => {
    const report = await verifyAuditLog(database(), [key]);
    assert.equal(report.problem, null);
    assert.equal(report.ok, true);
    assert.equal(report.treeSize, SIZE);
    assert.equal(report.entriesChecked, SIZE);
    assert.deepEqual(
      (await recentHeads(database(), 10)).map((h) => h.treeSize),
      [40, 32, 16],
    );
  });

  it('serves inclusion and consistency proofs that verify against signed heads', async () => {
    const heads = await recentHeads(database(), 10);
    const [latest, , oldest] = heads;
    assert.ok(latest && oldest);
    for (const leafIndex of [0, 7, 15, 39]) {
      const p = await proveInclusion(database(), leafIndex, latest.treeSize);
      assert.ok(
        verifyInclusion(
          fromHex(p.leafHash),
          leafIndex,
          latest.treeSize,
          p.proof.map(fromHex),
          fromHex(latest.rootHash),
        ),
      );
    }
    const c = await proveConsistency(database(), oldest.treeSize, latest.treeSize);
    assert.ok(
      verifyConsistency(
        oldest.treeSize,
        latest.treeSize,
        fromHex(oldest.rootHash),
        fromHex(latest.rootHash),
        c.proof.map(fromHex),
      ),
    );
  });

  it('names an edited field', async () => {
    const report = await tampered(database(), key, async (db) => {
      await db.updateTable('audit_entries').set({ outcome: 'permit' }).where('leaf_index', '=', 5).execute();
    });
    assert.equal(report.ok, false);
    assert.equal(report.problem?.kind, 'ENTRY_ALTERED');
    assert.equal(report.problem?.at, 'leaf 5');
  });

  it('names a deleted entry', async () => {
    const report = await tampered(database(), key, async (db) => {
      await db.deleteFrom('audit_entries').where('leaf_index', '=', 12).execute();
    });
    assert.equal(report.problem?.kind, 'ENTRY_MISSING');
    assert.equal(report.problem?.at, 'leaf 12');
  });

  it('names reordered entries', async () => {
    const report = await tampered(database(), key, async (db) => {
      await db.updateTable('audit_entries').set({ leaf_index: -1 }).where('leaf_index', '=', 3).execute();
      await db.updateTable('audit_entries').set({ leaf_index: 3 }).where('leaf_index', '=', 4).execute();
      await db.updateTable('audit_entries').set({ leaf_index: 4 }).where('leaf_index', '=', -1).execute();
    });
    assert.equal(report.problem?.kind, 'ENTRY_ALTERED');
    assert.equal(report.problem?.at, 'leaf 3');
  });

  it('catches an inserted entry, even one with a self-consistent leaf hash', async () => {
    const report = await tampered(database(), key, async (db) => {
      const row = await db
        .selectFrom('audit_entries')
        .selectAll()
        .where('leaf_index', '=', 20)
        .executeTakeFirstOrThrow();
      for (let i = SIZE - 1; i >= 20; i--)
        await db
          .updateTable('audit_entries')
          .set({ leaf_index: i + 1 })
          .where('leaf_index', '=', i)
          .execute();
      const forged = { ...row, id: crypto.randomUUID(), outcome: 'permit', leaf_index: 20 };
      await db
        .insertInto('audit_entries')
        .values({ ...forged, leaf_hash: toHex(hashLeaf(leafBytes(forged, 20))) })
        .execute();
    });
    assert.equal(report.ok, false);
    assert.equal(report.problem?.at, 'leaf 21');
  });

  it('catches an entry appended past the tree size', async () => {
    const report = await tampered(database(), key, async (db) => {
      const row = await db
        .selectFrom('audit_entries')
        .selectAll()
        .where('leaf_index', '=', 0)
        .executeTakeFirstOrThrow();
      const forged = { ...row, id: crypto.randomUUID(), leaf_index: SIZE };
      await db
        .insertInto('audit_entries')
        .values({ ...forged, leaf_hash: toHex(hashLeaf(leafBytes(forged, SIZE))) })
        .execute();
    });
    assert.equal(report.problem?.kind, 'ENTRY_EXTRA');
  });

  it('catches truncation, even when the sequencer state is rewound to match', async () => {
    const plain = await tampered(database(), key, async (db) => {
      await db.deleteFrom('audit_entries').where('leaf_index', '>=', 35).execute();
    });
    assert.equal(plain.problem?.kind, 'ENTRY_MISSING');
    assert.equal(plain.problem?.at, 'leaf 35');
    const rewound = await tampered(database(), key, async (db) => {
      await db.deleteFrom('audit_entries').where('leaf_index', '>=', 35).execute();
      await db.updateTable('audit_state').set({ tree_size: 35, frontier: '' }).execute();
      await db
        .deleteFrom('audit_tree_nodes')
        .where((eb) =>
          eb.or([
            eb('level', '=', 0).and('idx', '>=', 35),
            eb('level', '>', 0).and('idx', '>=', 0).and('level', '>=', 1),
          ]),
        )
        .execute();
    });
    assert.equal(rewound.ok, false);
    assert.equal(rewound.problem?.kind, 'HEAD_BEYOND_LOG');
    assert.equal(rewound.problem?.at, 'head 40');
  });

  it('catches a consistent rewrite of history by the heads it contradicts', async () => {
    const report = await tampered(database(), key, async (db) => {
      const row = await db
        .selectFrom('audit_entries')
        .selectAll()
        .where('leaf_index', '=', 5)
        .executeTakeFirstOrThrow();
      assert.equal(row.outcome, 'deny');
      const edited = { ...row, outcome: 'permit' };
      await db
        .updateTable('audit_entries')
        .set({ outcome: edited.outcome, leaf_hash: toHex(hashLeaf(leafBytes(edited, 5))) })
        .where('id', '=', row.id)
        .execute();
      await db.deleteFrom('audit_tree_nodes').execute();
    });
    assert.equal(report.problem?.kind, 'HEAD_ROOT');
    assert.equal(report.problem?.at, 'head 16');
  });

  it('names a replaced signed head', async () => {
    const altered = await tampered(database(), key, async (db) => {
      await db
        .updateTable('audit_tree_heads')
        .set({ root_hash: '00'.repeat(32) })
        .where('tree_size', '=', 32)
        .execute();
    });
    assert.equal(altered.problem?.kind, 'HEAD_SIGNATURE');
    assert.equal(altered.problem?.at, 'head 32');
    const other = makeKey();
    const resigned = await tampered(database(), key, async (db) => {
      const forged = signTreeHead(
        { treeSize: 32, rootHash: '11'.repeat(32), timestamp: '2026-11-01T10:00:00.000Z' },
        other.privateKey,
      );
      await db
        .updateTable('audit_tree_heads')
        .set({ root_hash: forged.rootHash, signature: forged.signature, key_id: forged.keyId })
        .where('tree_size', '=', 32)
        .execute();
    });
    assert.equal(resigned.problem?.kind, 'HEAD_SIGNATURE');
    // Named by the key that signed it, so an operator can tell a forgery from a rotated key.
    assert.ok(resigned.problem?.message.includes(other.keyId));
  });

  it('detects a fork: a validly signed head kept outside Accord whose root differs at the same size', async () => {
    const fork = signTreeHead(
      { treeSize: 32, rootHash: 'ab'.repeat(32), timestamp: '2026-11-01T10:00:00.000Z' },
      key.privateKey,
    );
    const report = await tampered(database(), key, async () => undefined, { externalHeads: [fork] });
    assert.equal(report.problem?.kind, 'HEAD_ROOT');
    assert.equal(report.problem?.at, 'head 32');
  });

  it('names an altered stored tree node', async () => {
    const report = await tampered(database(), key, async (db) => {
      await db
        .updateTable('audit_tree_nodes')
        .set({ hash: 'ff'.repeat(32) })
        .where('level', '=', 2)
        .where('idx', '=', 1)
        .execute();
    });
    assert.equal(report.problem?.kind, 'NODE_ALTERED');
    assert.equal(report.problem?.at, 'node 2/1');
  });

  it('counts activity per UK day and outcome over every entry, folding summer-night hours into the next UK day', async () => {
    const before = await activitySummary(database(), {});
    assert.equal(before.total, SIZE);
    assert.deepEqual(before.rows, [
      { day: '2026-11-01', outcome: 'deny', count: 8 },
      { day: '2026-11-01', outcome: 'permit', count: 32 },
    ]);
    const writer = new AuditWriter(database());
    await writer.append(
      [{ action: 'record.view', outcome: 'permit' }],
      new Date('2026-07-01T23:30:00.000Z'),
      'late',
    );
    const summer = await activitySummary(database(), {
      from: '2026-07-01T00:00:00.000Z',
      to: '2026-07-03T00:00:00.000Z',
    });
    assert.deepEqual(summer.rows, [{ day: '2026-07-02', outcome: 'permit', count: 1 }]);
  });
});
