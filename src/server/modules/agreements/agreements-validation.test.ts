import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Problem } from '../../../contracts/errors.ts';
import { completeAgreementInput } from './agreements.factories.ts';

const NOW = new Date('2030-06-15T10:00:00Z');

describeEachEngine('agreements API: who may write and what input is refused', (database) => {
  let app: FastifyInstance;
  let trust: string;
  let housing: string;
  let ig: Session;
  let practitioner: Session;

  before(async () => {
    const db = database();
    app = await testApp(db, () => NOW);
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'ig.lead' });
    await makeStaff(db, {
      organisationId: housing,
      roles: ['frontline', 'care_manager'],
      username: 'worker',
    });
    ig = await signIn(app, 'ig.lead');
    practitioner = await signIn(app, 'worker');
  });

  const create = async (body: unknown): Promise<Agreement> => {
    const res = await call(app, ig, 'POST', '/api/v1/agreements', body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json<Agreement>();
  };
  const setStatus = (id: string, status: string, note = 'Agreed at partnership board') =>
    call(app, ig, 'POST', `/api/v1/agreements/${id}/status`, { status, note });
  const count = async (table: 'agreements' | 'agreement_versions'): Promise<number> => {
    const row = await database()
      .db.selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };
  const fieldsOf = (res: { json: <T>() => T }) => (res.json<Problem>().errors ?? []).map((e) => e.field);

  it('lets any signed-in staff read agreements but only IG leads change them', async () => {
    const a = await create(completeAgreementInput({ from: trust, to: housing }));
    assert.equal((await call(app, practitioner, 'GET', '/api/v1/agreements')).statusCode, 200);
    const read = await call(app, practitioner, 'GET', `/api/v1/agreements/${a.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json<Agreement>().can, { amend: false, changeStatusTo: [] });
    assert.deepEqual(a.can, { amend: true, changeStatusTo: ['active'] });
    const versions = await count('agreement_versions');
    const input = completeAgreementInput({ from: trust, to: housing });
    assert.equal((await call(app, practitioner, 'POST', '/api/v1/agreements', input)).statusCode, 403);
    const put = await call(app, practitioner, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...input,
      changeNote: 'x',
    });
    assert.equal(put.statusCode, 403);
    const status = await call(app, practitioner, 'POST', `/api/v1/agreements/${a.id}/status`, {
      status: 'active',
      note: 'x',
    });
    assert.equal(status.statusCode, 403);
    assert.equal(await count('agreement_versions'), versions);
    assert.equal((await call(app, null, 'GET', '/api/v1/agreements')).statusCode, 401);
  });

  it('names every organisation id the directory does not hold, and writes nothing', async () => {
    const ghost = crypto.randomUUID();
    const before = await count('agreements');
    const input = completeAgreementInput({ from: trust, to: ghost });
    const res = await call(app, ig, 'POST', '/api/v1/agreements', input);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(fieldsOf(res), [
      'body.parties.1.organisationId',
      'body.grants.0.toOrganisationId',
      'body.signatories.1.organisationId',
    ]);
    assert.equal(await count('agreements'), before);
  });

  it('refuses an end or review date before the start date, and unknown fields', async () => {
    const input = completeAgreementInput({ from: trust, to: housing });
    const early = await call(app, ig, 'POST', '/api/v1/agreements', {
      ...input,
      endDate: '2029-12-31',
      reviewDate: '2029-06-01',
    });
    assert.equal(early.statusCode, 400);
    assert.deepEqual(fieldsOf(early).sort(), ['body.endDate', 'body.reviewDate']);
    const extra = await call(app, ig, 'POST', '/api/v1/agreements', { ...input, approvedBy: 'me' });
    assert.equal(extra.statusCode, 400);
    assert.deepEqual(fieldsOf(extra), ['body.approvedBy']);
    const a = await create(input);
    const put = await call(app, ig, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...input,
      endDate: '2029-01-01',
      changeNote: 'Typo',
    });
    assert.deepEqual([put.statusCode, fieldsOf(put)], [400, ['body.endDate']]);
  });

  it('answers 404 for an agreement that does not exist', async () => {
    const id = crypto.randomUUID();
    assert.equal((await call(app, ig, 'GET', `/api/v1/agreements/${id}`)).statusCode, 404);
    assert.equal((await setStatus(id, 'active')).statusCode, 404);
  });
});
