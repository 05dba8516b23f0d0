import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Dpia, DpiaSummary } from '../../../contracts/dpia.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { Worklist } from '../../../contracts/work.ts';
import { agreementsApi, NOW } from './agreements.api-fixture.ts';
import { completeAgreementInput } from './agreements.factories.ts';

describeEachEngine('DPIAs', (database) => {
  const api = agreementsApi(database);
  let governance: Session;
  let dpo: Session;
  let draft: Agreement;
  let active: Agreement;

  const input = (mitigations: unknown[], more: Record<string, unknown> = {}) => ({
    title: 'Crisis plan sharing with housing',
    need: 'Sharing special category data at scale with a new partner.',
    description: 'Crisis plans flow from the trust to housing support workers.',
    consultation: 'Service user forum consulted in May.',
    necessity: 'Direct care; only the crisis plan and risk summary are shared.',
    risks: [
      {
        description: 'Housing staff read diagnoses they do not need.',
        likelihood: 'POSSIBLE',
        severity: 'SEVERE',
      },
      { description: 'Unusual reading goes unnoticed.', likelihood: 'REMOTE', severity: 'SIGNIFICANT' },
    ],
    mitigations,
    reviewDate: '2031-06-01',
    ...more,
  });
  const anomalyMitigation = {
    risk: 1,
    measure: 'Volume spikes are investigated.',
    effect: 'REDUCED',
    residual: 'LOW',
    control: { type: 'ANOMALY_RULE_ENABLED', params: { rule: 'VOLUME_SPIKE' } },
  };
  const failures = (action: string) =>
    database()
      .db.selectFrom('audit_entries')
      .select(['outcome', 'reasons'])
      .where('action', '=', action)
      .where('outcome', '=', 'failure')
      .execute();

  before(async () => {
    const lead = await makeStaff(database(), {
      organisationId: api.council,
      roles: ['ig_lead'],
      username: 'governance.lead',
    });
    const officer = await makeStaff(database(), {
      organisationId: api.trust,
      roles: ['ig_lead'],
      username: 'dpo',
    });
    await database()
      .db.insertInto('governance_roles')
      .values([
        {
          organisation_id: api.council,
          role: 'PARTNERSHIP_GOVERNANCE',
          staff_id: lead.id,
          assigned_at: NOW.toISOString(),
        },
        { organisation_id: api.trust, role: 'DPO', staff_id: officer.id, assigned_at: NOW.toISOString() },
      ])
      .execute();
    governance = await signIn(api.app, 'governance.lead');
    dpo = await signIn(api.app, 'dpo');
    draft = await api.create(completeAgreementInput({ from: api.trust, to: api.housing }));
    active = await api.create(completeAgreementInput({ from: api.trust, to: api.housing }));
    assert.equal((await api.activate(active.id)).statusCode, 200);
  });

  it('measures each mitigation’s control when read, and disabling an anomaly rule takes its mitigation out of place at once', async () => {
    const res = await call(
      api.app,
      api.ig,
      'POST',
      '/api/v1/dpias',
      input([
        anomalyMitigation,
        {
          risk: 0,
          measure: 'Frontline tiers exclude diagnoses.',
          effect: 'REDUCED',
          residual: 'LOW',
          control: { type: 'TIER_EXCLUDES_CATEGORY', params: { role: 'frontline', category: 'DIAGNOSIS' } },
        },
        {
          risk: 0,
          measure: 'Sharing only under the active agreement.',
          effect: 'REDUCED',
          residual: 'LOW',
          control: { type: 'AGREEMENT_ACTIVE', params: { agreementId: active.id } },
        },
        {
          risk: 0,
          measure: 'The draft agreement governs the pilot.',
          effect: 'REDUCED',
          residual: 'MEDIUM',
          control: { type: 'AGREEMENT_ACTIVE', params: { agreementId: draft.id } },
        },
        {
          risk: 0,
          measure: 'Every trust user holds current IG training.',
          effect: 'REDUCED',
          residual: 'LOW',
          control: { type: 'TRAINING_COMPLIANCE', params: { thresholdPercent: 95 } },
        },
      ]),
    );
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json<Dpia>();
    assert.deepEqual(
      created.risks.map((r) => r.overall),
      ['HIGH', 'LOW'],
    );
    assert.deepEqual(
      created.mitigations.map((m) => m.state.inPlace),
      [true, true, true, false, false],
    );
    const off = await call(api.app, governance, 'PUT', '/api/v1/assurance/anomaly-settings', {
      VOLUME_SPIKE: { enabled: false, thresholds: { multiplier: 3, minimum: 30, baselineDays: 28 } },
    });
    assert.equal(off.statusCode, 200, off.body);
    const read = (await call(api.app, api.ig, 'GET', `/api/v1/dpias/${created.id}`)).json<Dpia>();
    assert.equal(read.mitigations[0]?.state.inPlace, false);
    assert.match(read.mitigations[0]?.state.detail ?? '', /disabled/);
    const list = (await call(api.app, api.ig, 'GET', '/api/v1/dpias')).json<{ items: DpiaSummary[] }>();
    assert.equal(list.items.find((d) => d.id === created.id)?.notInPlace, 3);
    const on = await call(api.app, governance, 'PUT', '/api/v1/assurance/anomaly-settings', {
      VOLUME_SPIKE: { enabled: true, thresholds: { multiplier: 3, minimum: 30, baselineDays: 28 } },
    });
    assert.equal(on.statusCode, 200, on.body);
    const again = (await call(api.app, api.ig, 'GET', `/api/v1/dpias/${created.id}`)).json<Dpia>();
    assert.equal(again.mitigations[0]?.state.inPlace, true);
  });

  it('refuses an unknown control or bad parameters naming the field, changing nothing, and audits the attempt', async () => {
    const before = await database().db.selectFrom('dpias').select('id').execute();
    const unknown = await call(
      api.app,
      api.ig,
      'POST',
      '/api/v1/dpias',
      input([{ ...anomalyMitigation, control: { type: 'STAFF_ARE_NICE', params: {} } }]),
    );
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(api.fieldsOf(unknown), ['mitigations.0.control.type']);
    const badParams = await call(
      api.app,
      api.ig,
      'POST',
      '/api/v1/dpias',
      input([
        { ...anomalyMitigation, control: { type: 'ANOMALY_RULE_ENABLED', params: { rule: 'NO_SUCH_RULE' } } },
        { ...anomalyMitigation, risk: 7 },
        {
          ...anomalyMitigation,
          control: { type: 'AGREEMENT_ACTIVE', params: { agreementId: crypto.randomUUID() } },
        },
      ]),
    );
    assert.equal(badParams.statusCode, 400);
    assert.deepEqual(api.fieldsOf(badParams), [
      'mitigations.0.control.params.rule',
      'mitigations.1.risk',
      'mitigations.2.control.params.agreementId',
    ]);
    assert.deepEqual(await database().db.selectFrom('dpias').select('id').execute(), before);
    assert.equal((await failures('dpia.create')).length, 2);
    const practitioner = await call(api.app, api.practitioner, 'POST', '/api/v1/dpias', input([]));
    assert.equal(practitioner.statusCode, 403);
    assert.equal((await call(api.app, api.practitioner, 'GET', '/api/v1/dpias')).statusCode, 403);
  });

  it('only the organisation’s DPO signs off, setting the next review; a due review reaches the IG lead’s worklist', async () => {
    const res = await call(
      api.app,
      api.ig,
      'POST',
      '/api/v1/dpias',
      input([anomalyMitigation], { reviewDate: '2030-07-01' }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const dpia = res.json<Dpia>();
    const list = (await call(api.app, api.ig, 'GET', '/api/v1/worklist?limit=100')).json<Worklist>();
    assert.deepEqual(
      list.items.filter((i) => i.kind === 'DPIA_REVIEW').map((i) => [i.id, i.overdue]),
      [[dpia.id, false]],
    );
    const signOff = {
      advice: 'Measures are proportionate.',
      adviceAccepted: true,
      nextReviewDate: '2031-07-01',
    };
    const refused = await call(api.app, api.ig, 'POST', `/api/v1/dpias/${dpia.id}/sign-off`, signOff);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json<Problem>().status, 403);
    assert.equal((await failures('dpia.sign_off')).length, 1);
    const signed = await call(api.app, dpo, 'POST', `/api/v1/dpias/${dpia.id}/sign-off`, signOff);
    assert.equal(signed.statusCode, 200, signed.body);
    const body = signed.json<Dpia>();
    assert.equal(body.signOff?.byName !== '', true);
    assert.equal(body.reviewDate, '2031-07-01');
    const after = (await call(api.app, api.ig, 'GET', '/api/v1/worklist?limit=100')).json<Worklist>();
    assert.equal(after.counts.byKind.DPIA_REVIEW, 0);
    const past = await call(api.app, dpo, 'POST', `/api/v1/dpias/${dpia.id}/sign-off`, {
      ...signOff,
      nextReviewDate: '2030-01-01',
    });
    assert.deepEqual(api.fieldsOf(past), ['nextReviewDate']);
  });
});
