import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { call } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import { agreementsApi } from './agreements.api-fixture.ts';
import { completeAgreementInput } from './agreements.factories.ts';

describeEachEngine('agreements API: who may write and what input is refused', (database) => {
  const api = agreementsApi(database);
  const { create, setStatus, count, fieldsOf } = api;

  it('lets any signed-in staff read agreements but only IG leads change them', async () => {
    const a = await create(completeAgreementInput({ from: api.trust, to: api.housing }));
    assert.equal((await call(api.app, api.practitioner, 'GET', '/api/v1/agreements')).statusCode, 200);
    const read = await call(api.app, api.practitioner, 'GET', `/api/v1/agreements/${a.id}`);
    assert.equal(read.statusCode, 200);
    assert.deepEqual(read.json<Agreement>().can, { amend: false, changeStatusTo: [] });
    assert.deepEqual(a.can, { amend: true, changeStatusTo: ['active'] });
    const versions = await count('agreement_versions');
    const input = completeAgreementInput({ from: api.trust, to: api.housing });
    assert.equal(
      (await call(api.app, api.practitioner, 'POST', '/api/v1/agreements', input)).statusCode,
      403,
    );
    const put = await call(api.app, api.practitioner, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...input,
      changeNote: 'x',
    });
    assert.equal(put.statusCode, 403);
    const status = await call(api.app, api.practitioner, 'POST', `/api/v1/agreements/${a.id}/status`, {
      status: 'active',
      note: 'x',
    });
    assert.equal(status.statusCode, 403);
    assert.equal(await count('agreement_versions'), versions);
    assert.equal((await call(api.app, null, 'GET', '/api/v1/agreements')).statusCode, 401);
  });

  it('names every organisation id the directory does not hold, and writes nothing', async () => {
    const ghost = crypto.randomUUID();
    const before = await count('agreements');
    const input = completeAgreementInput({ from: api.trust, to: ghost });
    const res = await call(api.app, api.ig, 'POST', '/api/v1/agreements', input);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(fieldsOf(res), [
      'body.parties.1.organisationId',
      'body.grants.0.toOrganisationId',
      'body.signatories.1.organisationId',
    ]);
    assert.equal(await count('agreements'), before);
  });

  it('refuses an end or review date before the start date, and unknown fields', async () => {
    const input = completeAgreementInput({ from: api.trust, to: api.housing });
    const early = await call(api.app, api.ig, 'POST', '/api/v1/agreements', {
      ...input,
      endDate: '2029-12-31',
      reviewDate: '2029-06-01',
    });
    assert.equal(early.statusCode, 400);
    assert.deepEqual(fieldsOf(early).sort(), ['body.endDate', 'body.reviewDate']);
    const extra = await call(api.app, api.ig, 'POST', '/api/v1/agreements', { ...input, approvedBy: 'me' });
    assert.equal(extra.statusCode, 400);
    assert.deepEqual(fieldsOf(extra), ['body.approvedBy']);
    const a = await create(input);
    const put = await call(api.app, api.ig, 'PUT', `/api/v1/agreements/${a.id}`, {
      ...input,
      endDate: '2029-01-01',
      changeNote: 'Typo',
    });
    assert.deepEqual([put.statusCode, fieldsOf(put)], [400, ['body.endDate']]);
  });

  it('answers 404 for an agreement that does not exist', async () => {
    const id = crypto.randomUUID();
    assert.equal((await call(api.app, api.ig, 'GET', `/api/v1/agreements/${id}`)).statusCode, 404);
    assert.equal((await setStatus(id, 'active')).statusCode, 404);
  });
});
