import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { TemplateDto } from '../../src/contracts/exchange.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { makeOrganisation, makeStaff } from '../harness/factories.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

describeEachEngine('minimum-dataset templates as versioned data', (database) => {
  let app: FastifyInstance;
  let igLead: Session;
  let coordinator: Session;

  before(async () => {
    const db = database();
    app = await testApp(db);
    const organisationId = await makeOrganisation(db);
    igLead = await signIn(app, (await makeStaff(db, { organisationId, roles: ['ig_lead'] })).username);
    coordinator = await signIn(
      app,
      (await makeStaff(db, { organisationId, roles: ['care_manager'] })).username,
    );
  });

  it('seeds every template with categorised, required and explained fields', async () => {
    const res = await call(app, coordinator, 'GET', '/api/v1/handover-templates');
    assert.equal(res.statusCode, 200);
    const items = res.json<{ items: TemplateDto[] }>().items;
    assert.equal(items.length, 7);
    const crisis = items.find((t) => t.key === 'CRISIS_ESCALATION');
    assert.equal(crisis?.slaMinutes, 60);
    const discharge = items.find((t) => t.key === 'DISCHARGE_STEP_DOWN');
    assert.equal(discharge?.slaMinutes, 24 * 60);
    assert.equal(discharge?.fields.find((f) => f.key === 'medication')?.category, 'MEDICATION');
    for (const t of items) assert.ok(t.fields.every((f) => f.help.length > 10 && f.label.length > 0));
  });

  it('an IG lead publishes a new version; a stale edit is 409 and a care coordinator 403', async () => {
    const current = (
      await call(app, igLead, 'GET', '/api/v1/handover-templates/CRISIS_ESCALATION')
    ).json<TemplateDto>();
    const edit = { version: current.version, name: current.name, slaMinutes: 45, fields: current.fields };
    const denied = await call(app, coordinator, 'PUT', '/api/v1/handover-templates/CRISIS_ESCALATION', edit);
    assert.equal(denied.statusCode, 403);
    const res = await call(app, igLead, 'PUT', '/api/v1/handover-templates/CRISIS_ESCALATION', edit);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json<TemplateDto>().version, current.version + 1);
    assert.equal(res.json<TemplateDto>().slaMinutes, 45);
    const stale = await call(app, igLead, 'PUT', '/api/v1/handover-templates/CRISIS_ESCALATION', edit);
    assert.equal(stale.statusCode, 409);
    const versions = await database()
      .db.selectFrom('handover_templates')
      .select(['version', 'current'])
      .where('key', '=', 'CRISIS_ESCALATION')
      .orderBy('version')
      .execute();
    assert.deepEqual(
      versions.map((v) => [v.version, v.current]),
      [
        [1, 0],
        [2, 1],
      ],
    );
    const repeated = await call(app, igLead, 'PUT', '/api/v1/handover-templates/CRISIS_ESCALATION', {
      ...edit,
      version: 2,
      fields: [...current.fields, current.fields[0]],
    });
    assert.equal(repeated.statusCode, 400);
  });
});
