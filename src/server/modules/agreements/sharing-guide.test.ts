import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { activateAgreement } from '../../../../test/harness/agreement-activation.ts';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { Scenario, SharingGuide } from '../../../contracts/sharing-guide.ts';
import type { Worklist } from '../../../contracts/work.ts';
import { completeAgreementInput } from './agreements.factories.ts';

describeEachEngine('what we share and when', (database) => {
  let now = new Date('2030-06-15T10:00:00Z');
  let app: FastifyInstance;
  let trust: string;
  let housing: string;
  let ig: Session;
  let worker: Session;
  let workerId: string;

  const fieldsOf = (res: { json: <T>() => T }) => (res.json<Problem>().errors ?? []).map((e) => e.field);
  const mine = async (as: Session = worker): Promise<SharingGuide> => {
    const res = await call(app, as, 'GET', '/api/v1/guides/mine');
    assert.equal(res.statusCode, 200, res.body);
    const [guide] = res.json<{ items: SharingGuide[] }>().items;
    assert.ok(guide);
    return guide;
  };
  const guideWork = async (as: Session = worker) =>
    (await call(app, as, 'GET', '/api/v1/worklist?limit=100'))
      .json<Worklist>()
      .items.filter((i) => i.kind === 'GUIDE_ACKNOWLEDGEMENT');
  const audited = (action: string, outcome: string) =>
    database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('action', '=', action)
      .where('outcome', '=', outcome)
      .execute();
  const acks = async () =>
    Number(
      (
        await database()
          .db.selectFrom('guide_acknowledgements')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  before(async () => {
    const db = database();
    app = await testApp(db, () => now);
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    const igStaff = await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'guide.ig' });
    workerId = (
      await makeStaff(db, { organisationId: trust, roles: ['frontline'], username: 'guide.worker' })
    ).id;
    await makeStaff(db, { organisationId: housing, roles: ['frontline'], username: 'guide.housing' });
    await makeStaff(db, { organisationId: trust, roles: ['service_manager'], username: 'guide.manager' });
    await db.db
      .insertInto('governance_roles')
      .values({ organisation_id: trust, role: 'DPO', staff_id: igStaff.id, assigned_at: now.toISOString() })
      .execute();
    ig = await signIn(app, 'guide.ig');
    worker = await signIn(app, 'guide.worker');
    const created = await call(
      app,
      ig,
      'POST',
      '/api/v1/agreements',
      completeAgreementInput({ from: trust, to: housing }),
    );
    assert.equal(created.statusCode, 201, created.body);
    const draft = created.json<Agreement>();
    // A draft agreement is not in force: the guide must not mention it.
    assert.deepEqual((await mine()).partners, []);
    const activated = await activateAgreement(app, db, ig, draft.id, 'Agreed at partnership board');
    assert.equal(activated.statusCode, 200, activated.body);
  });
  after(async () => {
    await app.close();
  });

  it('generates the guide from the agreements in force, the role’s tier and the consent rules', async () => {
    const guide = await mine();
    assert.equal(guide.organisationName, 'Trust');
    assert.equal(guide.role, 'frontline');
    assert.match(guide.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(guide.partners.length, 1);
    const [partner] = guide.partners;
    assert.equal(partner?.organisationName, 'Housing');
    const [line] = partner?.lines ?? [];
    assert.equal(line?.direction, 'send');
    assert.deepEqual(line?.categories, ['RISK_SUMMARY', 'CRISIS_PLAN']);
    assert.equal(line?.purposeWords, 'direct care');
    assert.ok(line?.legalBasis.includes('UK GDPR Article 6(1)(e): public task'));
    assert.match(line?.consent ?? '', /consent/);
    assert.ok(guide.lawfulExceptions.some((l) => l.startsWith('Safeguarding')));
    assert.deepEqual(guide.contacts, [{ role: 'Data protection officer', name: 'Staff guide.ig' }]);
    assert.deepEqual(
      guide.scenarios.map((s) => [s.situation, s.version]),
      [
        ['ROUTINE', 0],
        ['URGENT', 0],
        ['SAFEGUARDING', 0],
        ['CRISIS', 0],
      ],
    );
    assert.equal(guide.acknowledgement?.state, 'missing');
    assert.deepEqual(guide.can, { acknowledge: true, editScenarios: false });
    // The receiving side sees the same agreement from the other direction.
    const housingGuide = await mine(await signIn(app, 'guide.housing'));
    assert.equal(housingGuide.partners[0]?.lines[0]?.direction, 'receive');
    // Another organisation's guide is not the housing worker's to read; an IG lead may read it.
    const other = await call(
      app,
      await signIn(app, 'guide.housing'),
      'GET',
      `/api/v1/guides?organisationId=${trust}&role=frontline`,
    );
    assert.equal(other.statusCode, 404);
    const igRead = await call(app, ig, 'GET', `/api/v1/guides?organisationId=${trust}&role=frontline`);
    assert.equal(igRead.statusCode, 200, igRead.body);
    assert.equal(igRead.json<SharingGuide>().fingerprint, guide.fingerprint);
    assert.equal(igRead.json<SharingGuide>().acknowledgement, null);
  });

  it('refuses an acknowledgement of a guide other than the one in force, or for a role not held, changing nothing', async () => {
    const before = await acks();
    const failures = (await audited('guide.acknowledge', 'failure')).length;
    const stale = await call(app, worker, 'POST', '/api/v1/guides/mine/acknowledge', {
      role: 'frontline',
      fingerprint: '0'.repeat(64),
    });
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(fieldsOf(stale), ['body.fingerprint']);
    const role = await call(app, worker, 'POST', '/api/v1/guides/mine/acknowledge', {
      role: 'clinical',
      fingerprint: (await mine()).fingerprint,
    });
    assert.equal(role.statusCode, 400);
    assert.deepEqual(fieldsOf(role), ['body.role']);
    const shape = await call(app, worker, 'POST', '/api/v1/guides/mine/acknowledge', { role: 'frontline' });
    assert.equal(shape.statusCode, 400);
    assert.deepEqual(fieldsOf(shape), ['body.fingerprint']);
    assert.equal(await acks(), before);
    assert.equal((await audited('guide.acknowledge', 'failure')).length, failures + 2);
    assert.equal((await guideWork()).length, 1, 'the missing acknowledgement is still work');
  });

  it('records the acknowledgement as a competency that clears the worklist item', async () => {
    const [item] = await guideWork();
    assert.equal(item?.link, '/guide');
    assert.equal(item?.overdue, true);
    const guide = await mine();
    const res = await call(app, worker, 'POST', '/api/v1/guides/mine/acknowledge', {
      role: 'frontline',
      fingerprint: guide.fingerprint,
    });
    assert.equal(res.statusCode, 200, res.body);
    const acknowledged = res.json<SharingGuide>().acknowledgement;
    assert.equal(acknowledged?.state, 'current');
    assert.equal(acknowledged?.lapsesOn, '2031-06-15');
    assert.deepEqual(await guideWork(), []);
    const standings = await call(app, await signIn(app, 'guide.manager'), 'GET', '/api/v1/guides/standings');
    assert.equal(standings.statusCode, 200, standings.body);
    assert.deepEqual(
      standings
        .json<{ items: { staffId: string; acknowledgement: { state: string } }[] }>()
        .items.map((s) => [s.staffId, s.acknowledgement.state]),
      [[workerId, 'current']],
    );
    assert.equal((await call(app, worker, 'GET', '/api/v1/guides/standings')).statusCode, 403);
  });

  it('versions scenario guidance, edited only by the organisation’s IG leads, and asks staff to read it again', async () => {
    const write = (as: Session, body: Record<string, unknown>) =>
      call(app, as, 'PUT', '/api/v1/guides/scenarios/CRISIS', {
        body: 'Call the crisis team first; share the crisis plan with the responding service.',
        changeNote: 'First version',
        expectedVersion: 0,
        ...body,
      });
    assert.equal((await write(worker, {})).statusCode, 403);
    const failures = (await audited('guide.scenario.write', 'failure')).length;
    const stale = await write(ig, { expectedVersion: 3 });
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(fieldsOf(stale), ['body.expectedVersion']);
    const dispute = await write(ig, { disputeId: crypto.randomUUID() });
    assert.equal(dispute.statusCode, 400);
    assert.deepEqual(fieldsOf(dispute), ['body.disputeId']);
    assert.equal((await audited('guide.scenario.write', 'failure')).length, failures + 2);
    const versions = async () =>
      (await call(app, ig, 'GET', '/api/v1/guides/scenarios/CRISIS')).json<{ items: Scenario[] }>().items;
    assert.deepEqual(await versions(), []);
    const first = await write(ig, {});
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json<Scenario>().version, 1);
    const second = await write(ig, {
      expectedVersion: 1,
      body: 'Call the crisis line.',
      changeNote: 'Shorter',
    });
    assert.equal(second.statusCode, 200, second.body);
    assert.deepEqual(
      (await versions()).map((v) => [v.version, v.changeNote]),
      [
        [2, 'Shorter'],
        [1, 'First version'],
      ],
    );
    const guide = await mine();
    assert.equal(guide.scenarios.find((s) => s.situation === 'CRISIS')?.body, 'Call the crisis line.');
    assert.equal(guide.acknowledgement?.state, 'changed');
    const [item] = await guideWork();
    assert.equal(item?.overdue, false);
    const res = await call(app, worker, 'POST', '/api/v1/guides/mine/acknowledge', {
      role: 'frontline',
      fingerprint: guide.fingerprint,
    });
    assert.equal(res.statusCode, 200, res.body);
  });

  it('takes a new version from a dispute whose outcome changed the guidance, and prints as a PDF', async () => {
    const [agreement] = (await call(app, ig, 'GET', '/api/v1/agreements')).json<{ items: Agreement[] }>()
      .items;
    assert.ok(agreement);
    const raised = await call(
      app,
      await signIn(app, 'guide.housing'),
      'POST',
      `/api/v1/agreements/${agreement.id}/disputes`,
      {
        question: 'May we pass the crisis plan on to our out-of-hours contractor?',
      },
    );
    assert.equal(raised.statusCode, 201, raised.body);
    const disputeId = raised.json<{ id: string }>().id;
    const write = () =>
      call(app, ig, 'PUT', '/api/v1/guides/scenarios/URGENT', {
        body: 'Out of hours, phone the named worker; contractors receive nothing.',
        changeNote: 'After the dispute about contractors',
        expectedVersion: 0,
        disputeId,
      });
    const unresolved = await write();
    assert.equal(unresolved.statusCode, 400);
    assert.deepEqual(fieldsOf(unresolved), ['body.disputeId']);
    const outcome = await call(
      app,
      ig,
      'POST',
      `/api/v1/agreements/${agreement.id}/disputes/${disputeId}/outcome`,
      {
        outcome: 'No: contractors are not party to the agreement.',
        guidanceChanged: true,
      },
    );
    assert.equal(outcome.statusCode, 200, outcome.body);
    const written = await write();
    assert.equal(written.statusCode, 200, written.body);
    assert.deepEqual([written.json<Scenario>().version, written.json<Scenario>().disputeId], [1, disputeId]);
    const pdf = await call(app, worker, 'GET', `/api/v1/guides/pdf?organisationId=${trust}&role=frontline`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('lapses a year after it was given, like training, and the lapse is overdue work', async () => {
    now = new Date('2031-06-16T10:00:00Z');
    worker = await signIn(app, 'guide.worker');
    const guide = await mine();
    assert.equal(guide.acknowledgement?.state, 'lapsed');
    const [item] = await guideWork();
    assert.deepEqual([item?.overdue, item?.dueAt], [true, '2031-06-15T00:00:00.000Z']);
  });
});
