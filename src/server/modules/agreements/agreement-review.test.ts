import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn } from '../../../../test/harness/http.ts';
import type { Agreement } from '../../../contracts/agreements.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { Worklist } from '../../../contracts/work.ts';
import { readPartnershipVersion } from '../access/partnership-facts.ts';
import { AuditWriter } from '../audit/audit-writer.ts';
import { suspendAgreementsPastReview } from './agreement-review.service.ts';
import { agreementsApi, NOW } from './agreements.api-fixture.ts';
import { completeAgreementInput } from './agreements.factories.ts';

describeEachEngine('agreement review', (database) => {
  const api = agreementsApi(database);
  let governance: Session;
  let due: Agreement;
  let overdue: Agreement;

  before(async () => {
    const lead = await makeStaff(database(), {
      organisationId: api.council,
      roles: ['ig_lead'],
      username: 'governance.lead',
    });
    await database()
      .db.insertInto('governance_roles')
      .values({
        organisation_id: api.council,
        role: 'PARTNERSHIP_GOVERNANCE',
        staff_id: lead.id,
        assigned_at: NOW.toISOString(),
      })
      .execute();
    governance = await signIn(api.app, 'governance.lead');
    due = await api.create(
      completeAgreementInput({ from: api.trust, to: api.housing }, { reviewDate: '2030-07-01' }),
    );
    overdue = await api.create(
      completeAgreementInput({ from: api.trust, to: api.housing }, { reviewDate: '2030-06-01' }),
    );
    for (const a of [due, overdue]) assert.equal((await api.activate(a.id)).statusCode, 200);
  });

  it('puts due and overdue reviews in the IG leads’ worklists, flagging the overdue one', async () => {
    const list = (await call(api.app, api.ig, 'GET', '/api/v1/worklist?limit=100')).json<Worklist>();
    const reviews = list.items.filter((i) => i.kind === 'AGREEMENT_REVIEW');
    assert.deepEqual(
      reviews.map((r) => [r.id, r.overdue]),
      [
        [overdue.id, true],
        [due.id, false],
      ],
    );
    assert.equal(list.counts.byKind.AGREEMENT_REVIEW, 2);
    const practitioner = (await call(api.app, api.practitioner, 'GET', '/api/v1/worklist')).json<Worklist>();
    assert.equal(practitioner.counts.byKind.AGREEMENT_REVIEW, 0);
  });

  it('suspends agreements past review only when the partnership chose it, bumping the partnership version', async () => {
    const audit = new AuditWriter(database());
    assert.equal(await suspendAgreementsPastReview(database(), NOW, { audit }), 0, 'off by default');
    const refused = await call(api.app, api.ig, 'PUT', '/api/v1/agreement-settings', {
      autoSuspendPastReview: true,
    });
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(
      refused.json<Problem>().reasons?.map((r) => r.code),
      ['PARTNERSHIP_GOVERNANCE_REQUIRED'],
    );
    const set = await call(api.app, governance, 'PUT', '/api/v1/agreement-settings', {
      autoSuspendPastReview: true,
    });
    assert.equal(set.statusCode, 200, set.body);
    const version = await readPartnershipVersion(database().db);
    assert.equal(await suspendAgreementsPastReview(database(), NOW, { audit }), 1);
    assert.ok((await readPartnershipVersion(database().db)) > version);
    const status = async (id: string) =>
      (await call(api.app, api.ig, 'GET', `/api/v1/agreements/${id}`)).json<Agreement>().status;
    assert.deepEqual([await status(overdue.id), await status(due.id)], ['suspended', 'active']);
    assert.equal(await suspendAgreementsPastReview(database(), NOW, { audit }), 0, 'once only');
    const entries = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'actor_staff_id'])
      .where('target_id', '=', overdue.id)
      .where('action', '=', 'agreement.review.suspend')
      .execute();
    assert.deepEqual(
      entries.map((e) => [e.action, e.actor_staff_id]),
      [['agreement.review.suspend', null]],
    );
  });
});
