import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makePerson } from '../../../../test/harness/factories.ts';
import { personReadForTest } from '../../../../test/harness/governed.ts';
import { AppError } from '../../http/errors.ts';
import { findEntries, proveConsistency, proveInclusion } from './audit.service.ts';
import { leafBytes } from './audit-entry.ts';
import { fillLog, inRollback, makeKey, tampered } from './audit-log.fixtures.ts';
import { AuditWriter } from './audit-writer.ts';
import { buildAccessReport } from './disclosure-report.ts';
import { emptyRoot, hashLeaf, toHex } from './merkle.ts';
import { sequenceOnce } from './sequencer.ts';
import { signTreeHead } from './tree-head.ts';
import { verifyAuditLog } from './verify.ts';

describeEachEngine('audit log tampering the verifier must name', (database) => {
  const key = makeKey();
  const SIZE = 40;
  let rootOf40 = '';

  before(async () => {
    await fillLog(database(), key, SIZE);
    const head = await database()
      .db.selectFrom('audit_tree_heads')
      .select('root_hash')
      .where('tree_size', '=', SIZE)
      .executeTakeFirstOrThrow();
    rootOf40 = head.root_hash;
  });

  it('the untouched log verifies, with exactly 2n - popcount(n) nodes', async () => {
    const report = await verifyAuditLog(database(), [key], {
      anchoredHead: { treeSize: SIZE, rootHash: rootOf40 },
    });
    assert.equal(report.problem, null);
    // 40 = 0b101000: 80 - 2 perfect nodes, the leaves included.
    assert.equal(report.nodesChecked, 78);
  });

  it('names sequencer state that disagrees with the entries', async () => {
    const noFrontier = await tampered(database(), key, async (db) => {
      await db.updateTable('audit_state').set({ frontier: '' }).execute();
    });
    assert.equal(noFrontier.problem?.kind, 'STATE');
    const state = await database().db.selectFrom('audit_state').selectAll().executeTakeFirstOrThrow();
    const forgedFrontier = await tampered(database(), key, async (db) => {
      // Well-formed, right size, wrong hash: only a comparison with the recomputed tree catches it.
      const forged = state.frontier.replace(/[0-9a-f]{64}$/, 'ab'.repeat(32));
      await db.updateTable('audit_state').set({ frontier: forged }).execute();
    });
    assert.equal(forgedFrontier.problem?.kind, 'STATE');
    assert.match(forgedFrontier.problem?.message ?? '', /frontier/);
    const lastHead = await tampered(database(), key, async (db) => {
      await db.updateTable('audit_state').set({ last_head_size: 0 }).execute();
    });
    assert.equal(lastHead.problem?.kind, 'STATE');
    assert.match(lastHead.problem?.message ?? '', /largest stored head covers 40/);
  });

  it('names a row hidden at leaf index -1', async () => {
    const forgedId = crypto.randomUUID();
    const report = await tampered(database(), key, async (db) => {
      const row = await db
        .selectFrom('audit_entries')
        .selectAll()
        .where('leaf_index', '=', 0)
        .executeTakeFirstOrThrow();
      const forged = { ...row, id: forgedId, leaf_index: -1 };
      await db
        .insertInto('audit_entries')
        .values({ ...forged, leaf_hash: toHex(hashLeaf(leafBytes(forged, -1))) })
        .execute();
    });
    assert.equal(report.problem?.kind, 'ENTRY_EXTRA');
    assert.equal(report.problem?.at, `entry ${forgedId}`);
  });

  it('names a missing tree node, inside the tree and at its top', async () => {
    const inside = await tampered(database(), key, async (db) => {
      await db.deleteFrom('audit_tree_nodes').where('level', '=', 1).where('idx', '=', 3).execute();
    });
    assert.equal(inside.problem?.kind, 'NODE_MISSING');
    assert.equal(inside.problem?.at, 'node 1/3');
    const top = await tampered(database(), key, async (db) => {
      await db.deleteFrom('audit_tree_nodes').where('level', '=', 5).execute();
    });
    assert.equal(top.problem?.kind, 'NODE_MISSING');
    assert.equal(top.problem?.at, 'node 5/0');
  });

  it('answers a proof through a missing node with a plain server error, not a crash', async () => {
    await inRollback(database(), async (tx) => {
      await tx.db.deleteFrom('audit_tree_nodes').where('level', '=', 3).where('idx', '=', 4).execute();
      for (const prove of [() => proveInclusion(tx, 9, SIZE), () => proveConsistency(tx, 16, SIZE)]) {
        await assert.rejects(prove, (error: unknown) => {
          assert.ok(error instanceof AppError);
          assert.equal(error.status, 500);
          assert.equal(error.code, 'INTERNAL');
          assert.match(error.message, /stored tree is damaged; run accord audit verify/);
          return true;
        });
      }
    });
  });

  it('refuses a size-0 head whose root is not the empty tree root, and accepts the true one', async () => {
    const at = '2026-11-01T10:00:00.000Z';
    const wrong = signTreeHead({ treeSize: 0, rootHash: '11'.repeat(32), timestamp: at }, key.privateKey);
    const bad = await tampered(database(), key, async () => undefined, { externalHeads: [wrong] });
    assert.equal(bad.problem?.kind, 'HEAD_ROOT');
    assert.equal(bad.problem?.at, 'head 0');
    const right = signTreeHead({ treeSize: 0, rootHash: toHex(emptyRoot()), timestamp: at }, key.privateKey);
    const good = await tampered(database(), key, async () => undefined, { externalHeads: [right] });
    assert.equal(good.problem, null);
  });

  it('names a log that no longer holds the anchored last head', async () => {
    const report = await tampered(
      database(),
      key,
      async (db) => {
        await db.deleteFrom('audit_tree_heads').where('tree_size', '=', SIZE).execute();
        await db.updateTable('audit_state').set({ last_head_size: 32 }).execute();
      },
      { anchoredHead: { treeSize: SIZE, rootHash: rootOf40 } },
    );
    assert.equal(report.problem?.kind, 'ANCHOR');
    assert.equal(report.problem?.at, `anchor ${SIZE}`);
  });

  it('shows an entry whose details were corrupted, and every other entry of the page', async () => {
    const page = await inRollback(database(), async (tx) => {
      await tx.db
        .updateTable('audit_entries')
        .set({ details: '{not json' })
        .where('leaf_index', '=', 7)
        .execute();
      return findEntries(tx, { page: 1, pageSize: 100 });
    });
    assert.equal(page.items.length, SIZE);
    assert.deepEqual(page.items.find((e) => e.leafIndex === 7)?.details, { unreadable: '{not json' });
  });

  it('counts an entry as covered by the tree head only inside [0, treeSize)', async () => {
    const counts = await inRollback(database(), async (tx) => {
      const person = await makePerson(tx);
      const writer = new AuditWriter(tx);
      await writer.appendInTransaction(
        tx.db,
        [1, 2, 3].map(() => ({ action: 'record.view', outcome: 'permit' as const, personId: person.id })),
        new Date('2026-11-02T09:00:00.000Z'),
        null,
      );
      const ids = await tx.db
        .selectFrom('audit_entries')
        .select('id')
        .where('person_id', '=', person.id)
        .execute();
      await tx.db
        .updateTable('audit_entries')
        .set({ leaf_index: -1 })
        .where('id', '=', ids[0]?.id ?? '')
        .execute();
      await tx.db
        .updateTable('audit_entries')
        .set({ leaf_index: 5 + SIZE })
        .where('id', '=', ids[1]?.id ?? '')
        .execute();
      const report = await buildAccessReport(tx, await personReadForTest(tx, person.id));
      return { entries: report.entries, covered: report.coveredByTreeHead };
    });
    assert.deepEqual(counts, { entries: 3, covered: 0 });
  });

  it('the sequencer still accepts the untouched log', async () => {
    const result = await sequenceOnce(database(), key, new Date('2026-11-03T00:00:00.000Z'), {
      forceHead: true,
    });
    assert.equal(result.treeSize, SIZE);
    assert.equal(result.signedHead, false);
  });
});
