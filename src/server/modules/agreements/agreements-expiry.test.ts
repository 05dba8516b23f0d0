import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { activateAgreement } from '../../../../test/harness/agreement-activation.ts';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Problem } from '../../../contracts/errors.ts';
import { DEFAULT_TIER_POLICY, type Decision, decide, type SharingAgreementFact } from '../access/index.ts';
import { completeAgreementInput } from './agreements.factories.ts';
import { findAgreement } from './agreements.repository.ts';
import { loadAgreementFacts } from './agreements.service.ts';
import { isInForce } from './agreements.ts';

describeEachEngine('agreements expiring by date', (database) => {
  let app: FastifyInstance;
  let now = new Date('2030-06-15T10:00:00Z');
  let trust: string;
  let housing: string;
  let ig: Session;
  let agreement: Agreement;

  before(async () => {
    const db = database();
    app = await testApp(db, () => now);
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'ig.lead' });
    ig = await signIn(app, 'ig.lead');
    const created = await call(
      app,
      ig,
      'POST',
      '/api/v1/agreements',
      completeAgreementInput({ from: trust, to: housing }, { endDate: '2030-06-30' }),
    );
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<Agreement>().id;
    const active = await activateAgreement(app, db, ig, id, 'Signed by both parties');
    assert.equal(active.statusCode, 200, active.body);
    agreement = active.json<Agreement>();
  });

  /** A housing support worker on the person's care team reads the trust's crisis plan. */
  const housingReadsTrustCrisisPlan = (agreements: readonly SharingAgreementFact[], at: string): Decision =>
    decide(
      {
        actor: {
          staffId: 'housing-worker',
          organisationId: housing,
          teamIds: [],
          roles: ['frontline'],
          active: true,
          igTrainingExpiresOn: '2031-03-31',
          safeguardingTrained: false,
        },
        personId: 'person-1',
        category: 'CRISIS_PLAN',
        owningOrganisationId: trust,
        action: 'view',
        purpose: 'DIRECT_CARE',
        at,
        facts: {
          careTeam: [
            {
              id: 'membership-1',
              staffId: 'housing-worker',
              teamId: null,
              organisationId: housing,
              role: 'HOUSING_OFFICER',
              startDate: '2030-01-01',
              endDate: null,
            },
          ],
          agreements,
          consent: {
            id: 'consent-1',
            status: 'given',
            reviewDue: false,
            provisions: [{ id: 'p-1', kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] }],
          },
          lawfulExceptions: [],
          breakGlassGrants: [],
        },
      },
      DEFAULT_TIER_POLICY,
    );
  /** Moves the clock; sessions last a shift, so the IG lead signs in again. */
  const moveTo = async (instant: string): Promise<void> => {
    now = new Date(instant);
    ig = await signIn(app, 'ig.lead');
  };
  const factsOn = async (today: string) =>
    (await loadAgreementFacts(database().db, today)).filter((f) => f.id === agreement.id);

  it('permits the cross-organisation read on the last day of the agreement', async () => {
    const facts = await factsOn('2030-06-30');
    assert.equal(facts[0]?.status, 'active');
    const decision = housingReadsTrustCrisisPlan(facts, '2030-06-30T12:00:00Z');
    assert.equal(decision.effect, 'permit', decision.reasons.map((r) => r.code).join());
    assert.equal(decision.basis.agreementId, agreement.id);
  });

  it('denies it the day after, with an agreement reason, while the stored status stays active', async () => {
    const lastDayFacts = await factsOn('2030-06-30');
    const afterEnd = housingReadsTrustCrisisPlan(lastDayFacts, '2030-07-01T12:00:00Z');
    assert.equal(afterEnd.effect, 'deny');
    assert.ok(afterEnd.reasons.some((r) => r.code === 'NO_ACTIVE_AGREEMENT'));

    const facts = await factsOn('2030-07-01');
    assert.deepEqual(
      facts.map((f) => [f.status, f.endDate, f.complete]),
      [['expired', '2030-06-30', true]],
    );
    assert.equal(housingReadsTrustCrisisPlan(facts, '2030-07-01T12:00:00Z').effect, 'deny');

    const record = await findAgreement(database().db, agreement.id);
    assert.ok(record);
    assert.equal(isInForce(record.current, '2030-06-30'), true);
    assert.equal(isInForce(record.current, '2030-07-01'), false);
    const stored = await database()
      .db.selectFrom('agreements')
      .select('status')
      .where('id', '=', agreement.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'active');
  });

  it('shows the agreement as expired from the day after its end date', async () => {
    await moveTo('2030-07-01T09:00:00Z');
    const res = await call(app, ig, 'GET', `/api/v1/agreements/${agreement.id}`);
    const body = res.json<Agreement>();
    assert.deepEqual([body.status, body.recordedStatus, body.inForce], ['expired', 'active', false]);
    const listed = await call(app, ig, 'GET', '/api/v1/agreements?status=expired');
    assert.deepEqual(
      listed.json<{ items: { id: string }[] }>().items.map((i) => i.id),
      [agreement.id],
    );
  });

  it('refuses to reinstate an agreement whose end date has passed; it can still be terminated', async () => {
    await moveTo('2030-07-01T09:00:00Z');
    const status = (to: string) =>
      call(app, ig, 'POST', `/api/v1/agreements/${agreement.id}/status`, {
        status: to,
        note: 'Board decision',
      });
    assert.equal((await status('suspended')).statusCode, 200);
    const reinstate = await status('active');
    assert.equal(reinstate.statusCode, 400);
    assert.deepEqual(
      reinstate.json<Problem>().errors?.map((e) => e.field),
      ['body.endDate'],
    );
    assert.equal((await status('terminated')).statusCode, 200);
    assert.equal((await status('expired')).statusCode, 409);
  });

  it('records an explicit expiry of an active agreement as a final status', async () => {
    await moveTo('2030-06-20T09:00:00Z');
    const created = await call(
      app,
      ig,
      'POST',
      '/api/v1/agreements',
      completeAgreementInput({ from: trust, to: housing }),
    );
    const id = created.json<Agreement>().id;
    const status = (to: string) =>
      call(app, ig, 'POST', `/api/v1/agreements/${id}/status`, { status: to, note: 'Lapsed' });
    assert.equal((await activateAgreement(app, database(), ig, id, 'Signed off')).statusCode, 200);
    const expired = await status('expired');
    assert.equal(expired.statusCode, 200);
    assert.deepEqual(
      [expired.json<Agreement>().status, expired.json<Agreement>().inForce],
      ['expired', false],
    );
    assert.equal((await status('active')).statusCode, 409);
    const [fact] = (await loadAgreementFacts(database().db, '2030-06-20')).filter((f) => f.id === id);
    assert.equal(fact?.status, 'expired');
  });
});
