import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { call, type Session, signIn, testApp } from '../../../test/harness/http.ts';
import type { ComplianceReport } from '../../contracts/compliance.ts';
import type { AuditDetail, AuditList } from '../../contracts/sharing-audit.ts';
import type { Worklist } from '../../contracts/work.ts';
import { demoId } from './demo-ids.ts';
import { loadDemo } from './load-demo.ts';

const PASSWORD = 'demo-sharing-audits';

describeEachEngine('demo information-sharing audits', (database) => {
  let app: FastifyInstance;
  let ig: Session;
  let audits: AuditList;
  before(async () => {
    await loadDemo(database(), { password: PASSWORD, people: 60 });
    app = await testApp(database());
    ig = await signIn(app, 'ig.priya', PASSWORD);
    audits = (await call(app, ig, 'GET', '/api/v1/assurance/sharing-audits')).json<AuditList>();
  });
  after(() => app.close());

  it('holds two months of audits: findings, actions, and a re-audit recording one action closed', async () => {
    assert.equal(audits.items.length, 2);
    const [last, older] = audits.items;
    assert.ok(last && older);
    assert.ok((older.findings.EMERGENCY_NO_RATIONALE ?? 0) === 1, JSON.stringify(older.findings));
    assert.equal(older.actionsRaised, 2);
    assert.equal(older.reviewed, older.sampleSize);
    assert.equal(last.reviewed, 0);
    assert.equal(last.reaudited, 2);
    assert.equal(last.reauditClosed, 1);
    assert.equal(last.reauditRecurred, 1);
    assert.equal(older.drawnByName, 'Priya Shah');
    assert.equal(last.drawnBy, null, 'the monthly job drew the last month');
    const detail = (
      await call(app, ig, 'GET', `/api/v1/assurance/sharing-audits/${last.id}`)
    ).json<AuditDetail>();
    const closed = detail.reaudit.find((a) => a.status === 'closed');
    assert.ok(closed);
    assert.equal(closed.finding, 'EMERGENCY_NO_RATIONALE');
    assert.deepEqual(
      closed.reaudits.map((r) => [r.closed, r.recurred]),
      [[true, false]],
    );
  });

  it('puts the open corrective action in its owner’s worklist', async () => {
    const owner = await signIn(app, 'cc.amara', PASSWORD);
    const work = (await call(app, owner, 'GET', '/api/v1/worklist')).json<Worklist>();
    assert.equal(work.counts.byKind.CORRECTIVE_ACTION, 1);
  });

  it('shows the disclosures in the agreement’s quarterly compliance', async () => {
    const older = audits.items[1];
    assert.ok(older);
    const month = Number(older.month.slice(5, 7));
    const quarter = `${older.month.slice(0, 4)}-Q${Math.floor((month - 1) / 3) + 1}`;
    const res = await call(
      app,
      ig,
      'GET',
      `/api/v1/assurance/compliance/${demoId('agreement:integrated-care')}/${quarter}`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json<ComplianceReport>();
    assert.ok(report.disclosed.count >= 9);
    assert.equal(report.drift.rows.find((r) => r.kind === 'category')?.count, 1);
    const crisis = await call(
      app,
      ig,
      'GET',
      `/api/v1/assurance/compliance/${demoId('agreement:crisis-response')}/${quarter}`,
    );
    assert.equal(crisis.json<ComplianceReport>().breakGlass.count, 1);
  });
});
