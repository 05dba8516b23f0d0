/**
 * Verification streams the log in keyset pages: a log of more than one page verifies, and tampering in a
 * later page, or at a head size falling inside a page, is named exactly as in a log of one page.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeKey, shiftNodeText, tampered } from './audit-log.fixtures.ts';
import { AuditWriter } from './audit-writer.ts';
import { rootFromLeafHashes, toHex } from './merkle.ts';
import { fromHex, popcount } from './merkle-hash.ts';
import { sequenceOnce } from './sequencer.ts';
import { signTreeHead } from './tree-head.ts';
import { verifyAuditLog } from './verify.ts';
import { WALK_PAGE } from './verify-walk.ts';

// Three pages, the first head inside the second.
const SIZE = 2 * WALK_PAGE + Math.floor(WALK_PAGE / 2) + 57;
const FIRST_HEAD = WALK_PAGE + Math.floor(WALK_PAGE / 2);

const ALTERED = 2 * WALK_PAGE + 10;
const LATE_LEAF = 2 * WALK_PAGE + 100;
// A level-3 node completed in the third page, after level 4 node 1 (first page) went missing.
const LATE_LEVEL_3 = Math.floor(LATE_LEAF / 8);

describeEachEngine('verification across pages', (database) => {
  const key = makeKey();
  let leafHashes: Uint8Array[] = [];

  before(async () => {
    const writer = new AuditWriter(database());
    const at = new Date('2026-12-03T09:00:00.000Z');
    for (let done = 0; done < SIZE; done += 1000) {
      const events = Array.from({ length: Math.min(1000, SIZE - done) }, (_, i) => ({
        action: 'record.view' as const,
        outcome: (done + i) % 7 === 0 ? ('deny' as const) : ('permit' as const),
        personId: crypto.randomUUID(),
      }));
      await writer.append(events, new Date(at.getTime() + done), `page-${done}`);
    }
    await sequenceOnce(database(), key, new Date(at.getTime() + 60_000), {
      batch: FIRST_HEAD,
      forceHead: true,
    });
    await sequenceOnce(database(), key, new Date(at.getTime() + 120_000), { batch: SIZE, forceHead: true });
    const rows = await database()
      .db.selectFrom('audit_entries')
      .select(['leaf_hash'])
      .orderBy('leaf_index')
      .execute();
    leafHashes = rows.map((r) => fromHex(r.leaf_hash ?? ''));
  });

  it('verifies every entry, node and head of a log longer than a page, reporting progress', async () => {
    const progress: number[] = [];
    const report = await verifyAuditLog(database(), [key], { onProgress: (done) => progress.push(done) });
    assert.equal(report.problem, null);
    assert.equal(report.entriesChecked, SIZE);
    assert.equal(report.nodesChecked, 2 * SIZE - popcount(SIZE));
    assert.equal(report.headsChecked, 2);
    assert.deepEqual(progress, [WALK_PAGE, 2 * WALK_PAGE, SIZE]);
  });

  it('names an entry altered in the last page', async () => {
    const report = await tampered(database(), key, async (db) => {
      await db
        .updateTable('audit_entries')
        .set({ action: 'record.list' })
        .where('leaf_index', '=', ALTERED)
        .execute();
    });
    assert.equal(report.problem?.kind, 'ENTRY_ALTERED');
    assert.equal(report.problem?.at, `leaf ${ALTERED}`);
  });

  it('names an altered and a moved entry when reading through the handle itself, not a transaction', async () => {
    // On SQLite the handle reads entries with a prepared statement of its own: tamper for real, then restore.
    const db = database().db;
    const original = await db
      .selectFrom('audit_entries')
      .select(['action', 'leaf_index'])
      .where('leaf_index', '=', ALTERED)
      .executeTakeFirstOrThrow();
    await db
      .updateTable('audit_entries')
      .set({ action: 'record.list' })
      .where('leaf_index', '=', ALTERED)
      .execute();
    try {
      const report = await verifyAuditLog(database(), [key]);
      assert.equal(report.problem?.kind, 'ENTRY_ALTERED');
      assert.equal(report.problem?.at, `leaf ${ALTERED}`);
    } finally {
      await db
        .updateTable('audit_entries')
        .set({ action: original.action })
        .where('leaf_index', '=', ALTERED)
        .execute();
    }
    await db
      .updateTable('audit_entries')
      .set({ leaf_index: -1 })
      .where('leaf_index', '=', LATE_LEAF)
      .execute();
    try {
      const report = await verifyAuditLog(database(), [key]);
      assert.equal(report.problem?.kind, 'ENTRY_MISSING');
      assert.equal(report.problem?.at, `leaf ${LATE_LEAF}`);
    } finally {
      await db
        .updateTable('audit_entries')
        .set({ leaf_index: LATE_LEAF })
        .where('leaf_index', '=', -1)
        .execute();
    }
    assert.equal((await verifyAuditLog(database(), [key])).problem, null);
  });

  it('names the first bad node by (level, index), whichever page it was met in', async () => {
    const report = await tampered(database(), key, async (db) => {
      await db.deleteFrom('audit_tree_nodes').where('level', '=', 3).where('idx', '=', 10).execute();
      await db
        .updateTable('audit_tree_nodes')
        .set({ hash: 'ab'.repeat(32) })
        .where('level', '=', 0)
        .where('idx', '=', LATE_LEAF)
        .execute();
    });
    assert.equal(report.problem?.kind, 'NODE_ALTERED');
    assert.equal(report.problem?.at, `node 0/${LATE_LEAF}`);
    const missing = await tampered(database(), key, async (db) => {
      await db
        .deleteFrom('audit_tree_nodes')
        .where('level', '=', 3)
        .where('idx', '=', LATE_LEVEL_3)
        .execute();
      await db.deleteFrom('audit_tree_nodes').where('level', '=', 4).where('idx', '=', 1).execute();
    });
    assert.equal(missing.problem?.kind, 'NODE_MISSING');
    assert.equal(missing.problem?.at, `node 3/${LATE_LEVEL_3}`);
  });

  it('names a node whose stored text was shifted into its neighbour, though the page still reads the same', async () => {
    // Pages are compared as one concatenation per level: the split between nodes must still count.
    const report = await tampered(database(), key, (db) => shiftNodeText(db, ALTERED));
    assert.equal(report.problem?.kind, 'NODE_ALTERED');
    assert.equal(report.problem?.at, `node 0/${ALTERED}`);
  });

  it('names a stored node no tree of this size has', async () => {
    const width2 = Math.floor(SIZE / 4);
    const report = await tampered(database(), key, async (db) => {
      await db
        .insertInto('audit_tree_nodes')
        .values([
          { level: 2, idx: width2, hash: 'cd'.repeat(32) },
          { level: 40, idx: 0, hash: 'cd'.repeat(32) },
        ])
        .execute();
    });
    assert.equal(report.problem?.kind, 'NODE_ALTERED');
    assert.equal(report.problem?.at, `node 2/${width2}`);
  });

  it('checks heads, stored and external, whose size falls inside a page', async () => {
    const size = WALK_PAGE + 300;
    const root = toHex(rootFromLeafHashes(leafHashes.slice(0, size)));
    const good = signTreeHead(
      { treeSize: size, rootHash: root, timestamp: new Date().toISOString() },
      key.privateKey,
    );
    assert.equal((await verifyAuditLog(database(), [key], { externalHeads: [good] })).problem, null);
    const forked = signTreeHead(
      { treeSize: size, rootHash: 'ef'.repeat(32), timestamp: new Date().toISOString() },
      key.privateKey,
    );
    const report = await verifyAuditLog(database(), [key], { externalHeads: [forked] });
    assert.equal(report.problem?.kind, 'HEAD_ROOT');
    assert.equal(report.problem?.at, `head ${size}`);
    const stored = await tampered(database(), key, async (db) => {
      const head = signTreeHead(
        { treeSize: FIRST_HEAD, rootHash: 'ef'.repeat(32), timestamp: new Date().toISOString() },
        key.privateKey,
      );
      await db
        .updateTable('audit_tree_heads')
        .set({ root_hash: head.rootHash, signature: head.signature, signed_at: head.timestamp })
        .where('tree_size', '=', FIRST_HEAD)
        .execute();
    });
    assert.equal(stored.problem?.kind, 'HEAD_ROOT');
    assert.equal(stored.problem?.at, `head ${FIRST_HEAD}`);
  });
});
