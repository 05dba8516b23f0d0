import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type {
  AnomalySetting,
  InvestigationCase,
  InvestigationCaseDetail,
} from '../../../contracts/assurance.ts';
import type { Problem } from '../../../contracts/errors.ts';

const NOW = new Date('2025-03-12T11:00:00.000Z');
const WINDOW = { from: '2025-03-12T10:00:00.000Z', to: '2025-03-12T12:00:00.000Z' };

describeEachEngine('investigation cases API', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let ig: Session;
  let otherIg: Session;
  let coordinatorId: string;
  let igId: string;
  let stranger: string;
  let caseId: string;

  before(async () => {
    const db = database();
    app = await testApp(db, () => NOW);
    const trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    const council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    const cc = await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'coord' });
    const lead = await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'ig.trust' });
    // Anomaly thresholds are partnership-wide: the trust's IG lead chairs partnership governance here.
    await db.db
      .insertInto('governance_roles')
      .values({
        organisation_id: trust,
        role: 'PARTNERSHIP_GOVERNANCE',
        staff_id: lead.id,
        assigned_at: '2025-01-01T00:00:00Z',
      })
      .execute();
    await makeStaff(db, { organisationId: council, roles: ['ig_lead'], username: 'ig.council' });
    coordinatorId = cc.id;
    igId = lead.id;
    const known = await makePerson(db);
    stranger = (await makePerson(db)).id;
    await addMembership(db, { personId: known.id, organisationId: trust, staffId: cc.id });
    coordinator = await signIn(app, 'coord');
    ig = await signIn(app, 'ig.trust');
    otherIg = await signIn(app, 'ig.council');
  });

  after(async () => {
    await app.close();
  });

  it('refuses practitioners on every IG route', async () => {
    const id = crypto.randomUUID();
    const routes: [Parameters<typeof call>[2], string, unknown][] = [
      ['GET', '/api/v1/assurance/anomaly-settings', undefined],
      ['PUT', '/api/v1/assurance/anomaly-settings', {}],
      ['POST', '/api/v1/assurance/anomaly-detection/run', WINDOW],
      ['GET', '/api/v1/assurance/cases', undefined],
      ['GET', `/api/v1/assurance/cases/${id}`, undefined],
      ['POST', `/api/v1/assurance/cases/${id}/close`, { outcome: 'NO_CONCERN', notes: 'x' }],
    ];
    for (const [method, url, body] of routes) {
      const res = await call(app, coordinator, method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url} answered ${res.statusCode}`);
    }
  });

  it('a real lookup of a stranger is found by detection and becomes a case with its evidence', async () => {
    assert.equal((await call(app, coordinator, 'GET', `/api/v1/people/${stranger}`)).statusCode, 404);
    const run = await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', WINDOW);
    assert.equal(run.statusCode, 200, run.body);
    assert.equal(run.json().byRule.NOT_ON_CASELOAD, 1);
    const list = await call(app, ig, 'GET', '/api/v1/assurance/cases?status=open&rule=NOT_ON_CASELOAD');
    const items = list.json<{ items: InvestigationCase[] }>().items;
    assert.equal(items.length, 1);
    const found = items[0];
    assert.ok(found);
    assert.equal(found.actorStaffId, coordinatorId);
    assert.equal(found.can.close, true);
    caseId = found.id;
    const detail = (
      await call(app, ig, 'GET', `/api/v1/assurance/cases/${caseId}`)
    ).json<InvestigationCaseDetail>();
    assert.deepEqual(
      detail.evidence.map((e) => [e.action, e.personId, e.actorStaffId]),
      [['person.access.deny', stranger, coordinatorId]],
    );
  });

  it("another organisation's IG lead neither sees nor finds the case", async () => {
    const list = await call(app, otherIg, 'GET', '/api/v1/assurance/cases');
    assert.equal(list.json().total, 0);
    assert.equal((await call(app, otherIg, 'GET', `/api/v1/assurance/cases/${caseId}`)).statusCode, 404);
    const run = await call(app, otherIg, 'POST', '/api/v1/assurance/anomaly-detection/run', WINDOW);
    assert.equal(run.json().findings, 0);
  });

  it('closing needs an outcome and notes; bad input changes nothing', async () => {
    const missing = await call(app, ig, 'POST', `/api/v1/assurance/cases/${caseId}/close`, {
      notes: 'Checked',
    });
    assert.equal(missing.statusCode, 400);
    assert.deepEqual(
      missing.json<Problem>().errors?.map((e) => e.field),
      ['body.outcome'],
    );
    const wrong = await call(app, ig, 'POST', `/api/v1/assurance/cases/${caseId}/close`, {
      outcome: 'FINE',
      notes: 'Checked',
    });
    assert.equal(wrong.statusCode, 400);
    const noNotes = await call(app, ig, 'POST', `/api/v1/assurance/cases/${caseId}/close`, {
      outcome: 'NO_CONCERN',
    });
    assert.deepEqual(
      noNotes.json<Problem>().errors?.map((e) => e.field),
      ['body.notes'],
    );
    const still = (await call(app, ig, 'GET', `/api/v1/assurance/cases/${caseId}`)).json<InvestigationCase>();
    assert.equal(still.status, 'open');
  });

  it('closes with an outcome, in the log; a second close is a conflict', async () => {
    const res = await call(app, ig, 'POST', `/api/v1/assurance/cases/${caseId}/close`, {
      outcome: 'CONCERN_ADDRESSED',
      notes: 'Mistyped link from a handover; reminded of the caseload search.',
    });
    assert.equal(res.statusCode, 200, res.body);
    const closed = res.json<InvestigationCaseDetail>();
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'CONCERN_ADDRESSED');
    assert.equal(closed.closedBy, igId);
    assert.equal(closed.can.close, false);
    const entry = await database()
      .db.selectFrom('audit_entries')
      .select(['actor_staff_id', 'details'])
      .where('action', '=', 'investigation.case.close')
      .where('target_id', '=', caseId)
      .executeTakeFirstOrThrow();
    assert.equal(entry.actor_staff_id, igId);
    assert.equal(JSON.parse(entry.details).outcome, 'CONCERN_ADDRESSED');
    const again = await call(app, ig, 'POST', `/api/v1/assurance/cases/${caseId}/close`, {
      outcome: 'NO_CONCERN',
      notes: 'Again',
    });
    assert.equal(again.statusCode, 409);
  });

  it('access after a case is closed opens a follow-up case with only the new evidence', async () => {
    assert.equal((await call(app, coordinator, 'GET', `/api/v1/people/${stranger}`)).statusCode, 404);
    const run = await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', WINDOW);
    assert.equal(run.json().byRule.NOT_ON_CASELOAD, 1, run.body);
    const open = (await call(app, ig, 'GET', '/api/v1/assurance/cases?status=open&rule=NOT_ON_CASELOAD'))
      .json<{ items: InvestigationCase[] }>()
      .items.filter((c) => c.actorStaffId === coordinatorId);
    assert.equal(open.length, 1);
    const followUp = open[0];
    assert.ok(followUp);
    assert.notEqual(followUp.id, caseId);
    assert.equal(followUp.summary.followsCaseId, caseId);
    assert.equal(followUp.evidenceCount, 1);
    const closed = (
      await call(app, ig, 'GET', `/api/v1/assurance/cases/${caseId}`)
    ).json<InvestigationCaseDetail>();
    assert.equal(closed.status, 'closed');
    assert.equal(closed.outcome, 'CONCERN_ADDRESSED');
    assert.equal(closed.evidence.length, 1, 'the closed case keeps the evidence it was decided on');
    const opened = await database()
      .db.selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'investigation.case.open')
      .where('target_id', '=', followUp.id)
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(opened.details).followsCaseId, caseId);
    // Running again finds nothing new: no second follow-up.
    const again = await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', WINDOW);
    assert.equal(again.json().byRule.NOT_ON_CASELOAD, 0);
    // Further access joins the open follow-up.
    assert.equal((await call(app, coordinator, 'GET', `/api/v1/people/${stranger}`)).statusCode, 404);
    await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', WINDOW);
    const extended = (
      await call(app, ig, 'GET', `/api/v1/assurance/cases/${followUp.id}`)
    ).json<InvestigationCase>();
    assert.equal(extended.evidenceCount, 2);
  });

  it('an IG lead cannot close a case about their own access', async () => {
    assert.equal((await call(app, ig, 'GET', `/api/v1/people/${stranger}`)).statusCode, 404);
    await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', WINDOW);
    const list = await call(app, ig, 'GET', '/api/v1/assurance/cases?status=open');
    const own = list.json<{ items: InvestigationCase[] }>().items.find((c) => c.actorStaffId === igId);
    assert.ok(own);
    assert.equal(own.can.close, false);
    const res = await call(app, ig, 'POST', `/api/v1/assurance/cases/${own.id}/close`, {
      outcome: 'NO_CONCERN',
      notes: 'Me',
    });
    assert.equal(res.statusCode, 403);
  });

  it('thresholds are validated per rule and every change is audited', async () => {
    const settings = (await call(app, ig, 'GET', '/api/v1/assurance/anomaly-settings')).json<
      AnomalySetting[]
    >();
    assert.deepEqual(
      settings.map((s) => s.rule),
      [
        'NOT_ON_CASELOAD',
        'VOLUME_SPIKE',
        'OUT_OF_HOURS',
        'REPEATED_BREAK_GLASS',
        'COLLEAGUE_RECORD',
        'BREAK_GLASS_CARE_TEAM_JOIN',
      ],
    );
    const bad = await call(app, ig, 'PUT', '/api/v1/assurance/anomaly-settings', {
      VOLUME_SPIKE: { enabled: true, thresholds: { multiplier: 0, minimum: 30, baselineDays: 28 } },
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad.json<Problem>().errors?.map((e) => e.field),
      ['body.VOLUME_SPIKE.thresholds.multiplier'],
    );
    const unknown = await call(app, ig, 'PUT', '/api/v1/assurance/anomaly-settings', {
      OUT_OF_HOURS: {
        enabled: true,
        thresholds: {
          startHour: 20,
          endHour: 7,
          weekends: true,
          exemptRoles: ['duty'],
          minimumReads: 1,
          x: 1,
        },
      },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal((await call(app, ig, 'PUT', '/api/v1/assurance/anomaly-settings', {})).statusCode, 400);
    const good = await call(app, ig, 'PUT', '/api/v1/assurance/anomaly-settings', {
      REPEATED_BREAK_GLASS: { enabled: true, thresholds: { count: 4, days: 10 } },
    });
    assert.equal(good.statusCode, 200, good.body);
    const updated = good.json<AnomalySetting[]>().find((s) => s.rule === 'REPEATED_BREAK_GLASS');
    assert.deepEqual(updated?.thresholds, { count: 4, days: 10 });
    assert.equal(updated?.updatedBy, igId);
    const audited = await database()
      .db.selectFrom('audit_entries')
      .select('target_id')
      .where('action', '=', 'anomaly.settings.update')
      .execute();
    assert.deepEqual(
      audited.map((a) => a.target_id),
      ['REPEATED_BREAK_GLASS'],
    );
  });

  it('a detection window must run forwards and be at most 31 days', async () => {
    const backwards = await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', {
      from: WINDOW.to,
      to: WINDOW.from,
    });
    assert.deepEqual(
      backwards.json<Problem>().errors?.map((e) => e.field),
      ['body.to'],
    );
    const long = await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', {
      from: '2025-01-01T00:00:00Z',
      to: '2025-03-01T00:00:00Z',
    });
    assert.equal(long.statusCode, 400);
  });
});
