import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { signOffEveryParty } from '../../../../test/harness/agreement-activation.ts';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn } from '../../../../test/harness/http.ts';
import type { Agreement, AgreementLifecycle } from '../../../contracts/agreements.ts';
import type { Problem } from '../../../contracts/errors.ts';
import { agreementsApi } from './agreements.api-fixture.ts';
import { completeAgreementInput } from './agreements.factories.ts';

describeEachEngine('agreement lifecycle', (database) => {
  const api = agreementsApi(database);
  let igHousing: Session;
  let igCouncil: Session;
  let housingWorker: Session;

  before(async () => {
    await makeStaff(database(), { organisationId: api.housing, roles: ['ig_lead'], username: 'ig.housing' });
    await makeStaff(database(), { organisationId: api.council, roles: ['ig_lead'], username: 'ig.council' });
    igHousing = await signIn(api.app, 'ig.housing');
    igCouncil = await signIn(api.app, 'ig.council');
    housingWorker = api.practitioner;
  });

  const lifecycle = async (id: string, as: Session = api.ig): Promise<AgreementLifecycle> =>
    (await call(api.app, as, 'GET', `/api/v1/agreements/${id}/lifecycle`)).json<AgreementLifecycle>();
  const signOff = (as: Session, id: string, organisationId: string, kind: string, expectedVersion = 1) =>
    call(api.app, as, 'POST', `/api/v1/agreements/${id}/sign-offs`, {
      organisationId,
      kind,
      signerName: 'Named Signatory',
      signerRole: kind === 'LEGAL' ? 'SIRO' : 'Director of Operations',
      signedOn: '2030-06-01',
      expectedVersion,
    });
  const auditOf = (id: string, action: string) =>
    database()
      .db.selectFrom('audit_entries')
      .select(['outcome', 'reasons'])
      .where('target_id', '=', id)
      .where('action', '=', action)
      .execute();

  it('refuses activation, listing everything missing, until every party signs off and staff are aware', async () => {
    const a = await api.create(completeAgreementInput({ from: api.trust, to: api.housing }));
    const missing = async () => {
      const res = await api.setStatus(a.id, 'active');
      assert.equal(res.statusCode, 400);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
      return api.fieldsOf(res);
    };
    assert.deepEqual(await missing(), [
      `body.signOffs.${api.trust}.LEGAL`,
      `body.signOffs.${api.trust}.OPERATIONAL`,
      `body.signOffs.${api.housing}.LEGAL`,
      `body.signOffs.${api.housing}.OPERATIONAL`,
      'body.legalBasis',
      `body.staffAwareness.${api.housing}`,
    ]);
    // The trust alone signing off (the old single-party activation) is not enough.
    for (const kind of ['LEGAL', 'OPERATIONAL'])
      assert.equal((await signOff(api.ig, a.id, api.trust, kind)).statusCode, 200);
    assert.deepEqual(await missing(), [
      `body.signOffs.${api.housing}.LEGAL`,
      `body.signOffs.${api.housing}.OPERATIONAL`,
      'body.legalBasis',
      `body.staffAwareness.${api.housing}`,
    ]);
    assert.equal((await signOff(igHousing, a.id, api.housing, 'LEGAL')).statusCode, 200);
    assert.equal((await signOff(igHousing, a.id, api.housing, 'OPERATIONAL')).statusCode, 200);
    assert.deepEqual(await missing(), [`body.staffAwareness.${api.housing}`]);
    const before = await lifecycle(a.id, housingWorker);
    assert.deepEqual(
      before.awareness.find((p) => p.organisationId === api.housing),
      {
        organisationId: api.housing,
        organisationName: 'Housing',
        sharingStaff: 1,
        acknowledged: 0,
      },
    );
    assert.deepEqual([before.can.acknowledge, before.acknowledgedByMe], [true, false]);
    assert.deepEqual(before.guidance, [
      'Trust may share risk summary and alerts, crisis plan with you for direct care.',
    ]);
    const ack = await call(api.app, housingWorker, 'POST', `/api/v1/agreements/${a.id}/acknowledge`, {
      expectedVersion: 1,
    });
    assert.equal(ack.statusCode, 200, ack.body);
    assert.deepEqual(ack.json<AgreementLifecycle>().activationMissing, []);
    assert.equal(ack.json<AgreementLifecycle>().acknowledgedByMe, true);

    const active = await api.setStatus(a.id, 'active');
    assert.equal(active.statusCode, 200, active.body);
    assert.equal(active.json<Agreement>().inForce, true);
    const signed = (await lifecycle(a.id)).signOffs;
    assert.deepEqual(
      signed.map((s) => [s.organisationId, s.kind, s.signerRole, s.signedOn, s.current]),
      [
        [api.trust, 'LEGAL', 'SIRO', '2030-06-01', true],
        [api.trust, 'OPERATIONAL', 'Director of Operations', '2030-06-01', true],
        [api.housing, 'LEGAL', 'SIRO', '2030-06-01', true],
        [api.housing, 'OPERATIONAL', 'Director of Operations', '2030-06-01', true],
      ],
    );
    const refusals = await auditOf(a.id, 'agreement.status');
    assert.equal(
      refusals.filter((r) => r.outcome === 'failure').length,
      3,
      'each refused activation is audited',
    );
  });

  it('refuses, with 403 and an audited denial, a sign-off for an organisation that is not the caller’s', async () => {
    const a = await api.create(completeAgreementInput({ from: api.trust, to: api.housing }));
    const before = (await lifecycle(a.id)).signOffs.length;
    const res = await signOff(api.ig, a.id, api.housing, 'LEGAL');
    assert.equal(res.statusCode, 403);
    assert.deepEqual(
      res.json<Problem>().reasons?.map((r) => r.code),
      ['AGREEMENT_SIGN_OFF_OTHER_ORGANISATION'],
    );
    // An IG lead of an organisation not party to it cannot sign off either, even for their own.
    const outsider = await signOff(igCouncil, a.id, api.council, 'LEGAL');
    assert.equal(outsider.statusCode, 403);
    assert.deepEqual(
      outsider.json<Problem>().reasons?.map((r) => r.code),
      ['AGREEMENT_NOT_PARTY'],
    );
    const practitioner = await signOff(housingWorker, a.id, api.housing, 'LEGAL');
    assert.equal(practitioner.statusCode, 403);
    assert.equal((await lifecycle(a.id)).signOffs.length, before, 'nothing was recorded');
    const denials = await auditOf(a.id, 'agreement.sign_off');
    assert.deepEqual(denials.map((d) => [d.outcome, d.reasons]).sort(), [
      ['deny', 'AGREEMENT_IG_LEAD_REQUIRED'],
      ['deny', 'AGREEMENT_NOT_PARTY'],
      ['deny', 'AGREEMENT_SIGN_OFF_OTHER_ORGANISATION'],
    ]);
  });

  it('holds a sign-off only for the terms it signed: an amendment needs signing again', async () => {
    const a = await api.create(completeAgreementInput({ from: api.trust, to: api.housing }));
    await signOffEveryParty(api.app, database(), api.ig, a.id, '2030-06-01');
    assert.deepEqual((await lifecycle(a.id)).activationMissing, []);
    const amended = await call(api.app, api.ig, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...completeAgreementInput({ from: api.trust, to: api.housing }),
      securityControls: 'Role-based access only.',
      changeNote: 'Weaker controls, after sign-off',
    });
    assert.equal(amended.statusCode, 200, amended.body);
    const after = await lifecycle(a.id);
    assert.ok(after.signOffs.every((s) => !s.current));
    assert.ok(after.activationMissing.some((m) => m.path === `signOffs.${api.trust}.LEGAL`));
    assert.ok(after.activationMissing.some((m) => m.path === `staffAwareness.${api.housing}`));
    const stale = await signOff(api.ig, a.id, api.trust, 'LEGAL', 1);
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(api.fieldsOf(stale), ['body.expectedVersion']);
    assert.equal((await api.setStatus(a.id, 'active')).statusCode, 400);
  });

  it('lets only a party’s sharing staff acknowledge its guidance, auditing a refused attempt', async () => {
    const a = await api.create(completeAgreementInput({ from: api.trust, to: api.housing }));
    const res = await call(api.app, igCouncil, 'POST', `/api/v1/agreements/${a.id}/acknowledge`, {
      expectedVersion: 1,
    });
    assert.equal(res.statusCode, 403);
    const audit = await auditOf(a.id, 'agreement.acknowledge');
    assert.deepEqual(
      audit.map((r) => [r.outcome, r.reasons]),
      [['failure', 'FORBIDDEN']],
    );
  });

  it('takes a dispute raised by staff to a documented outcome, once, refusing outsiders', async () => {
    const a = await api.create(completeAgreementInput({ from: api.trust, to: api.housing }));
    const url = `/api/v1/agreements/${a.id}/disputes`;
    const raised = await call(api.app, housingWorker, 'POST', url, {
      question: 'May we share the crisis plan with the out-of-hours locksmith?',
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const id = raised.json<{ id: string }>().id;
    const outsider = await call(api.app, igCouncil, 'POST', url, { question: 'Not ours to ask' });
    assert.equal(outsider.statusCode, 403);
    const empty = await call(api.app, api.ig, 'POST', `${url}/${id}/outcome`, {
      outcome: '',
      guidanceChanged: true,
    });
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(api.fieldsOf(empty), ['body.outcome']);
    const notParty = await call(api.app, igCouncil, 'POST', `${url}/${id}/outcome`, {
      outcome: 'No',
      guidanceChanged: false,
    });
    assert.equal(notParty.statusCode, 403);
    const body = { outcome: 'No: locksmiths are not party; guidance now says so.', guidanceChanged: true };
    const resolved = await call(api.app, api.ig, 'POST', `${url}/${id}/outcome`, body);
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json<{ outcome: string }>().outcome, body.outcome);
    assert.equal((await call(api.app, api.ig, 'POST', `${url}/${id}/outcome`, body)).statusCode, 409);
    const listed = (await call(api.app, housingWorker, 'GET', url)).json<{
      items: { guidanceChanged: boolean }[];
    }>();
    assert.deepEqual(
      listed.items.map((d) => d.guidanceChanged),
      [true],
    );
    const audit = await auditOf(a.id, 'agreement.dispute.raise');
    assert.deepEqual(audit.map((r) => r.outcome).sort(), ['failure', 'success']);
    const resolves = await auditOf(a.id, 'agreement.dispute.resolve');
    assert.deepEqual(resolves.map((r) => r.outcome).sort(), ['deny', 'failure', 'success']);
  });
});
