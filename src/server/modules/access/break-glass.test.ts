import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addEntry,
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { BreakGlassGrant } from '../../../contracts/access.ts';
import type { PersonDetail } from '../../../contracts/people.ts';

describeEachEngine('break-glass and explain', (database) => {
  let app: FastifyInstance;
  let clockOffsetMs = 0;
  let duty: Session;
  let coordinator: Session;
  let ig: Session;
  let frontline: Session;
  let person: { id: string; nhsNumber: string };
  let dutyId: string;
  let trust: string;

  before(async () => {
    const db = database();
    app = await testApp(db, () => new Date(Date.now() + clockOffsetMs));
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    const crisis = await makeOrganisation(db, { name: 'Crisis', type: 'CRISIS_SERVICE' });
    const cc = await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'coord' });
    dutyId = (await makeStaff(db, { organisationId: trust, roles: ['duty'], username: 'duty' })).id;
    const igLead = await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'ig' });
    // Partnership-wide settings are changed by the partnership governance lead.
    await db.db
      .insertInto('governance_roles')
      .values({
        organisation_id: trust,
        role: 'PARTNERSHIP_GOVERNANCE',
        staff_id: igLead.id,
        assigned_at: '2026-01-01T00:00:00Z',
      })
      .execute();
    await makeStaff(db, { organisationId: crisis, roles: ['frontline'], username: 'front' });
    await makeStaff(db, { organisationId: crisis, roles: ['ig_lead'], username: 'ig.elsewhere' });
    person = await makePerson(db);
    await addMembership(db, {
      personId: person.id,
      organisationId: trust,
      staffId: cc.id,
      role: 'CARE_COORDINATOR',
    });
    await addEntry(db, {
      personId: person.id,
      organisationId: trust,
      authorId: cc.id,
      category: 'CRISIS_PLAN',
      title: 'Crisis plan',
    });
    await addEntry(db, {
      personId: person.id,
      organisationId: trust,
      authorId: cc.id,
      category: 'MEDICATION',
      title: 'Medication',
    });
    duty = await signIn(app, 'duty');
    coordinator = await signIn(app, 'coord');
    ig = await signIn(app, 'ig');
    frontline = await signIn(app, 'front');
  });

  it('refuses break-glass without a reason, naming the field', async () => {
    const res = await call(app, duty, 'POST', '/api/v1/break-glass', {
      nhsNumber: person.nhsNumber,
      reason: '',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.reason');
    assert.equal(
      (await governedDb(database()).selectFrom('break_glass_grants').selectAll().execute()).length,
      0,
    );
  });

  it('refuses break-glass to anyone but duty workers', async () => {
    const res = await call(app, frontline, 'POST', '/api/v1/break-glass', {
      nhsNumber: person.nhsNumber,
      reason: 'Person in crisis at the sanctuary',
    });
    assert.equal(res.statusCode, 403);
  });

  it('opens the crisis summary for a limited time, and it closes again when the grant expires', async () => {
    assert.equal((await call(app, duty, 'GET', `/api/v1/people/${person.id}`)).statusCode, 404);
    const granted = await call(app, duty, 'POST', '/api/v1/break-glass', {
      nhsNumber: person.nhsNumber,
      reason: 'Police called to the person’s home; risk to life',
    });
    assert.equal(granted.statusCode, 201, granted.body);
    const grant = granted.json<BreakGlassGrant>();
    assert.deepEqual(grant.categories.sort(), [
      'CONTACTS_CARERS',
      'CRISIS_PLAN',
      'MEDICATION',
      'RISK_SUMMARY',
    ]);
    assert.equal(Date.parse(grant.expiresAt) - Date.parse(grant.grantedAt), 4 * 3_600_000);
    const open = await call(app, duty, 'GET', `/api/v1/people/${person.id}`);
    assert.equal(open.statusCode, 200);
    const page = open.json<PersonDetail>();
    assert.equal(page.breakGlass?.grantId, grant.id);
    assert.equal(page.sections.find((s) => s.category === 'CRISIS_PLAN')?.entries.length, 1);
    // The after-hours crisis summary holds medication considerations: the grant opens them too.
    assert.equal(page.sections.find((s) => s.category === 'MEDICATION')?.entries.length, 1);
    assert.equal(
      page.sections.find((s) => s.category === 'DIAGNOSIS')?.status,
      'withheld',
      'break-glass opens crisis summary categories only',
    );
    const logged = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'break_glass_grant_id'])
      .where('break_glass_grant_id', '=', grant.id)
      .execute();
    assert.ok(logged.some((e) => e.action === 'break_glass.grant'));
    assert.ok(logged.some((e) => e.action === 'record.view'));
    const reviews = await governedDb(database())
      .selectFrom('exception_reviews')
      .selectAll()
      .where('subject_id', '=', grant.id)
      .execute();
    assert.equal(reviews.length, 1, 'the grant is queued for the IG lead');
    assert.equal(reviews[0]?.kind, 'BREAK_GLASS');
    assert.equal(reviews[0]?.organisation_id, trust);
    const queue = await call(app, ig, 'GET', '/api/v1/exception-reviews?kind=BREAK_GLASS');
    assert.equal(queue.statusCode, 200, queue.body);
    const item = queue
      .json<{ items: { subjectId: string; breakGlass: { reason: string; staffId: string } | null }[] }>()
      .items.find((r) => r.subjectId === grant.id);
    assert.equal(
      item?.breakGlass?.reason,
      'Police called to the person’s home; risk to life',
      'the reviewer sees the stated reason',
    );
    assert.equal(item?.breakGlass?.staffId, dutyId);
    clockOffsetMs = 4 * 3_600_000 + 1000;
    try {
      assert.equal((await call(app, duty, 'GET', `/api/v1/people/${person.id}`)).statusCode, 404);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('lets the worker end a grant early', async () => {
    const grants = (await call(app, duty, 'GET', '/api/v1/break-glass')).json<BreakGlassGrant[]>();
    const live = grants.find((g) => g.live);
    assert.ok(live);
    assert.equal((await call(app, duty, 'POST', `/api/v1/break-glass/${live.id}/end`)).statusCode, 200);
    assert.equal((await call(app, duty, 'GET', `/api/v1/people/${person.id}`)).statusCode, 404);
  });

  it('explains why a staff member can or cannot see a category, for IG leads and the care coordinator', async () => {
    const asIg = await call(app, ig, 'POST', '/api/v1/access/explain', {
      staffId: dutyId,
      personId: person.id,
      category: 'CRISIS_PLAN',
    });
    assert.equal(asIg.statusCode, 200, asIg.body);
    const answer = asIg.json<{
      answers: { decision: { effect: string; reasons: { code: string; message: string }[] } }[];
    }>().answers[0];
    assert.equal(answer?.decision.effect, 'deny');
    const notInvolved = answer?.decision.reasons.find((r) => r.code === 'NOT_INVOLVED_IN_CARE');
    assert.equal(
      notInvolved?.message,
      'They are not currently part of this person’s care team.',
      'worded about the staff member asked about, not to the IG lead reading it',
    );
    const asCoordinator = await call(app, coordinator, 'POST', '/api/v1/access/explain', {
      staffId: dutyId,
      personId: person.id,
      category: 'MEDICATION',
    });
    assert.equal(asCoordinator.statusCode, 200);
    const coordinatorAnswers = asCoordinator.json<{ answers: { entries: number | null }[] }>().answers;
    assert.ok(
      coordinatorAnswers.every((x) => x.entries === null),
      'no entry counts outside the caller’s own tier',
    );
    const asFrontline = await call(app, frontline, 'POST', '/api/v1/access/explain', {
      staffId: dutyId,
      personId: person.id,
      category: 'MEDICATION',
    });
    assert.equal(asFrontline.statusCode, 403);
    const nobody = { staffId: dutyId, personId: crypto.randomUUID(), category: 'MEDICATION' };
    assert.equal(
      (await call(app, frontline, 'POST', '/api/v1/access/explain', nobody)).statusCode,
      403,
      'refused by role alike',
    );
    const otherIg = await signIn(app, 'ig.elsewhere');
    const uninvolved = await call(app, otherIg, 'POST', '/api/v1/access/explain', {
      staffId: dutyId,
      personId: person.id,
      category: 'MEDICATION',
    });
    const missing = await call(app, otherIg, 'POST', '/api/v1/access/explain', nobody);
    assert.equal(uninvolved.statusCode, 404, 'an IG lead of an uninvolved organisation learns nothing');
    assert.equal(missing.statusCode, 404);
  });

  it('applies a tier policy change on the very next request', async () => {
    const before = await call(app, coordinator, 'GET', `/api/v1/people/${person.id}`);
    assert.equal(
      before.json<PersonDetail>().sections.find((s) => s.category === 'CRISIS_PLAN')?.status,
      'shown',
    );
    const policy = (await call(app, ig, 'GET', '/api/v1/access/policy')).json<{
      tiers: Record<string, string[]>;
      restricted: object;
      breakGlassMinutes: number;
    }>();
    const narrowed = {
      ...policy,
      tiers: {
        ...policy.tiers,
        care_manager: (policy.tiers.care_manager ?? []).filter((c) => c !== 'CRISIS_PLAN'),
      },
    };
    delete (narrowed as { version?: number }).version;
    delete (narrowed as { can?: object }).can;
    const put = await call(app, ig, 'PUT', '/api/v1/access/policy', narrowed);
    assert.equal(put.statusCode, 200, put.body);
    const after = await call(app, coordinator, 'GET', `/api/v1/people/${person.id}`);
    assert.equal(
      after.json<PersonDetail>().sections.find((s) => s.category === 'CRISIS_PLAN')?.status,
      'withheld',
    );
    const bad = await call(app, ig, 'PUT', '/api/v1/access/policy', { ...narrowed, breakGlassMinutes: 5 });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.breakGlassMinutes');
  });
});
