import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { cliContext } from '../../cli/cli-context.ts';
import { fillLog, makeKey } from './audit-log.fixtures.ts';
import { KEY_ROTATION_ACTION, rotateSigningKeyRecorded } from './key-rotation.service.ts';
import { loadOrCreateSigningKey, type SigningKey, signTreeHead } from './tree-head.ts';
import { type KeyRotation, loadTrustedKeys, NoSigningKeyError } from './trusted-keys.ts';
import { verifyAuditLog } from './verify.ts';

describeEachEngine('rotating the tree head signing key', (database) => {
  const site = mkdtempSync(join(tmpdir(), 'accord-rotation-'));
  const keyDir = join(site, 'keys');
  let oldKey: SigningKey;
  let newKey: SigningKey;
  let rotation: KeyRotation;

  before(async () => {
    oldKey = loadOrCreateSigningKey(keyDir);
    await fillLog(database(), oldKey, 20);
    rotation = await rotateSigningKeyRecorded(cliContext(database()), keyDir);
    // As a restarted server would: the new key signs every head from here on.
    newKey = loadOrCreateSigningKey(keyDir);
    await fillLog(database(), newKey, 20);
  });

  after(() => rmSync(site, { recursive: true, force: true }));

  it('records the rotation in the log, with both key ids and no actor', async () => {
    assert.equal(rotation.retiredKeyId, oldKey.keyId);
    assert.equal(rotation.newKeyId, newKey.keyId);
    const rows = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', KEY_ROTATION_ACTION)
      .execute();
    assert.equal(rows.length, 1);
    const [row] = rows;
    assert.equal(row?.outcome, 'success');
    assert.equal(row?.actor_staff_id, null);
    assert.equal(row?.actor_roles, '');
    assert.deepEqual(JSON.parse(row?.details ?? ''), { retiredKeyId: oldKey.keyId, newKeyId: newKey.keyId });
    assert.notEqual(row?.leaf_index, null, 'the entry was sequenced into the tree');
  });

  it('heads signed before and after the rotation all verify under the trusted keys', async () => {
    const heads = await database().db.selectFrom('audit_tree_heads').select('key_id').execute();
    assert.deepEqual([...new Set(heads.map((h) => h.key_id))].sort(), [oldKey.keyId, newKey.keyId].sort());
    const report = await verifyAuditLog(database(), loadTrustedKeys(keyDir));
    assert.equal(report.problem, null);
    assert.equal(report.headsChecked, heads.length);
    assert.equal(report.treeSize, 41);
  });

  it('a head under a key that is not trusted fails as HEAD_SIGNATURE naming the key', async () => {
    const withoutOld = await verifyAuditLog(database(), [newKey]);
    assert.equal(withoutOld.problem?.kind, 'HEAD_SIGNATURE');
    assert.equal(withoutOld.problem?.at, 'head 16');
    assert.ok(withoutOld.problem?.message.includes(oldKey.keyId), withoutOld.problem?.message);

    const stored = await database()
      .db.selectFrom('audit_tree_heads')
      .selectAll()
      .where('tree_size', '=', 41)
      .executeTakeFirstOrThrow();
    const stranger = makeKey();
    const forged = signTreeHead(
      { treeSize: 41, rootHash: stored.root_hash, timestamp: stored.signed_at },
      stranger.privateKey,
    );
    const report = await verifyAuditLog(database(), loadTrustedKeys(keyDir), { externalHeads: [forged] });
    assert.equal(report.problem?.kind, 'HEAD_SIGNATURE');
    assert.equal(report.problem?.at, 'head 41');
    assert.ok(report.problem?.message.includes(stranger.keyId), report.problem?.message);
    // Naming a trusted key is not enough: the signature must be that key's.
    const misnamed = await verifyAuditLog(database(), loadTrustedKeys(keyDir), {
      externalHeads: [{ ...forged, keyId: newKey.keyId }],
    });
    assert.equal(misnamed.problem?.kind, 'HEAD_SIGNATURE');
    assert.match(misnamed.problem?.message ?? '', /does not verify/);
  });

  it('a rotation refused for want of a key changes nothing and records nothing', async () => {
    const count = async () =>
      Number(
        (
          await database()
            .db.selectFrom('audit_entries')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const entries = await count();
    const empty = join(site, 'no-keys');
    await assert.rejects(rotateSigningKeyRecorded(cliContext(database()), empty), NoSigningKeyError);
    assert.equal(await count(), entries);
    assert.equal(existsSync(empty), false);
  });
});
