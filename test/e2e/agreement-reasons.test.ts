/**
 * When the agreement that covered a sharing is suspended, the refusal says so, and names the
 * agreement to the IG lead who asks why; with the demo partnership.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const trust = organisationId('trust');
const housing = organisationId('housing');

describeEachEngine('a suspended agreement is named in the refusal', (database) => {
  let app: FastifyInstance;
  let igLead: Session;
  let housingOfficer: Session;

  before(async () => {
    await loadDemo(database(), { password: 'demo', people: 60 });
    app = await testApp(database());
    igLead = await signIn(app, 'ig.priya', 'demo');
    housingOfficer = await signIn(app, 'ho.kerry', 'demo');
  });

  it('says the agreement is suspended, and names it to the IG lead', async () => {
    const list = (await call(app, igLead, 'GET', '/api/v1/agreements?pageSize=50')).json<{
      items: { id: string; reference: string; inForce: boolean; parties: { organisationId: string }[] }[];
    }>();
    const agreement = list.items.find(
      (a) =>
        a.inForce &&
        a.parties.some((p) => p.organisationId === trust) &&
        a.parties.some((p) => p.organisationId === housing),
    );
    assert.ok(agreement, 'the demo has an agreement in force between the trust and housing');
    const caseload = (await call(app, housingOfficer, 'GET', '/api/v1/people?pageSize=50')).json<{
      items: { id: string }[];
    }>().items;
    const explain = (personId: string) =>
      call(app, igLead, 'POST', '/api/v1/access/explain', {
        staffId: staffId('ho.kerry'),
        personId,
        category: 'CRISIS_PLAN',
        owningOrganisationId: trust,
      });
    // Someone the trust's IG lead may ask about: the trust is on their care team too.
    let personId: string | undefined;
    for (const { id } of caseload) if ((await explain(id)).statusCode === 200) personId = personId ?? id;
    assert.ok(personId, 'a person both organisations support');
    const suspended = await call(app, igLead, 'POST', `/api/v1/agreements/${agreement.id}/status`, {
      status: 'suspended',
      note: 'Suspended while a breach is investigated.',
    });
    assert.equal(suspended.statusCode, 200, suspended.body);
    const res = await explain(personId);
    assert.equal(res.statusCode, 200, res.body);
    const reasons = res.json<{
      answers: { decision: { effect: string; reasons: { code: string; message: string }[] } }[];
    }>().answers[0]?.decision.reasons;
    const reason = reasons?.find((r) => r.code === 'AGREEMENT_SUSPENDED');
    assert.ok(reason, `the refusal says the agreement is suspended: ${JSON.stringify(reasons)}`);
    assert.ok(reason.message.includes(agreement.reference), reason.message);
    assert.ok(!reasons?.some((r) => r.code === 'AGREEMENT_NOT_COVERING_PURPOSE'));
  });
});
