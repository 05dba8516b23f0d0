import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn } from '../../../../test/harness/http.ts';
import { type AppDeps, buildApp } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import { makeKey } from './audit-log.fixtures.ts';
import { memoryHeadAnchor } from './head-anchor.ts';
import { sequenceOnce } from './sequencer.ts';

interface Report {
  ok: boolean;
  problem?: { kind: string; at: string; message: string } | null;
}

/** An app on the database whose audit routes use the given keys and anchor, and an IG lead to sign in as. */
async function auditApp(
  database: Database,
  deps: Pick<AppDeps, 'signingKey' | 'trustedKeys' | 'headAnchor'>,
): Promise<FastifyInstance> {
  if (!(await database.db.selectFrom('staff').select('id').where('username', '=', 'ig').executeTakeFirst())) {
    const org = await makeOrganisation(database);
    await makeStaff(database, { organisationId: org, roles: ['ig_lead'], username: 'ig' });
  }
  return buildApp({ database, logLevel: 'silent', web: false, ...deps });
}

describeEachEngine('GET /audit/verify', (database) => {
  const key = makeKey();
  const anchor = memoryHeadAnchor();
  let app: FastifyInstance;
  let ig: Session;

  before(async () => {
    app = await auditApp(database(), { signingKey: key, headAnchor: anchor });
    ig = await signIn(app, 'ig');
    await sequenceOnce(database(), { ...key, anchor }, new Date(), { forceHead: true });
  });

  after(async () => {
    await app.close();
  });

  it('reports an untouched log as verified, against the head anchored beside the key', async () => {
    const res = await call(app, ig, 'GET', '/api/v1/audit/verify');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<Report>().ok, true);
  });

  it('reports a log emptied consistently behind its back, which only the anchor reveals', async () => {
    const signed = await anchor.read();
    assert.ok(signed && signed.treeSize > 0, 'the sign-in was logged and signed');
    await database().db.deleteFrom('audit_tree_heads').execute();
    await database().db.deleteFrom('audit_tree_nodes').execute();
    await database().db.deleteFrom('audit_entries').execute();
    await database()
      .db.updateTable('audit_state')
      .set({ tree_size: 0, frontier: '', last_head_size: 0 })
      .execute();
    const res = await call(app, ig, 'GET', '/api/v1/audit/verify');
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json<Report>();
    assert.equal(report.ok, false);
    assert.equal(report.problem?.kind, 'ANCHOR');
  });

  it('is for IG leads only', async () => {
    const org = await makeOrganisation(database());
    await makeStaff(database(), { organisationId: org, roles: ['frontline'], username: 'front' });
    const front = await signIn(app, 'front');
    assert.equal((await call(app, front, 'GET', '/api/v1/audit/verify')).statusCode, 403);
  });
});

describeEachEngine('audit keys across a rotation', (database) => {
  const retired = makeKey();
  const current = makeKey();
  let app: FastifyInstance;
  let unaware: FastifyInstance;

  before(async () => {
    app = await auditApp(database(), { signingKey: current, trustedKeys: [retired, current] });
    // Built as tests build the app: trusting its signing key alone.
    unaware = await auditApp(database(), { signingKey: current });
    // Each sign-in is logged: one head before the rotation, one after.
    await signIn(app, 'ig');
    assert.equal((await sequenceOnce(database(), retired, new Date(), { forceHead: true })).signedHead, true);
    await signIn(app, 'ig');
    assert.equal((await sequenceOnce(database(), current, new Date(), { forceHead: true })).signedHead, true);
  });

  after(async () => {
    await app.close();
    await unaware.close();
  });

  it('lists every trusted key to anyone, the signing key first and marked current', async () => {
    const res = await call(app, null, 'GET', '/api/v1/audit/public-keys');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), [
      { keyId: current.keyId, algorithm: 'Ed25519', publicKeyPem: current.publicKeyPem, current: true },
      { keyId: retired.keyId, algorithm: 'Ed25519', publicKeyPem: retired.publicKeyPem, current: false },
    ]);
    const alone = await call(unaware, null, 'GET', '/api/v1/audit/public-keys');
    assert.deepEqual(
      alone.json<{ keyId: string; current: boolean }[]>().map((k) => [k.keyId, k.current]),
      [[current.keyId, true]],
    );
  });

  it('verifies heads signed by the retired key, and names that key where it is not trusted', async () => {
    const ig = await signIn(app, 'ig');
    const res = await call(app, ig, 'GET', '/api/v1/audit/verify');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<Report>().problem, null);
    const narrow = await call(unaware, ig, 'GET', '/api/v1/audit/verify');
    const report = narrow.json<Report>();
    assert.equal(report.ok, false);
    assert.equal(report.problem?.kind, 'HEAD_SIGNATURE');
    assert.ok(report.problem?.message.includes(retired.keyId), report.problem?.message);
  });
});
