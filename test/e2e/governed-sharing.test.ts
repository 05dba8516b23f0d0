import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { BreakGlassGrant } from '../../src/contracts/access.ts';
import type { PersonDetail, RecordSection } from '../../src/contracts/people.ts';
import { organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const trust = organisationId('trust');
const housing = organisationId('housing');
const section = (p: PersonDetail, category: string): RecordSection | undefined =>
  p.sections.find((s) => s.category === category);
const trustEntries = (s: RecordSection | undefined) =>
  (s?.entries ?? []).filter((e) => e.organisationId === trust);

describeEachEngine('governed sharing with the demo partnership', (database) => {
  let app: FastifyInstance;
  let clockOffsetMs = 0;
  let housingOfficer: Session;
  let coordinator: Session;
  let igLead: Session;
  let personId: string;

  before(async () => {
    const db = database();
    await loadDemo(db, { password: 'demo', people: 120 });
    app = await testApp(db, () => new Date(Date.now() + clockOffsetMs));
    // Someone on ho.kerry's caseload whose consent lets housing see the trust's crisis plan and risk
    // summary (routine coordination, no restriction on those), with trust entries in the crisis plan,
    // risk summary and medication. Chosen from the stored facts; what housing sees is then asked of the API.
    housingOfficer = await signIn(app, 'ho.kerry', 'demo');
    const caseload = (await call(app, housingOfficer, 'GET', '/api/v1/people?pageSize=100')).json<{
      items: { id: string }[];
    }>().items;
    for (const { id } of caseload) {
      const consent = await governedDb(db)
        .selectFrom('consents')
        .select(['status', 'provisions'])
        .where('person_id', '=', id)
        .where('superseded_at', 'is', null)
        .executeTakeFirst();
      if (consent?.status !== 'given') continue;
      const provisions = JSON.parse(consent.provisions) as {
        kind: string;
        organisationId: string | null;
        categories: string[];
      }[];
      const restricts = provisions.some(
        (p) =>
          p.kind === 'RESTRICTION' &&
          (p.organisationId === null || p.organisationId === housing) &&
          (p.categories.length === 0 ||
            p.categories.some((c) => c === 'CRISIS_PLAN' || c === 'RISK_SUMMARY')),
      );
      if (restricts || !provisions.some((p) => p.kind === 'ROUTINE_COORDINATION')) continue;
      const categories = await governedDb(db)
        .selectFrom('record_entries')
        .select('category')
        .distinct()
        .where('person_id', '=', id)
        .where('organisation_id', '=', trust)
        .execute();
      const held = new Set(categories.map((c) => c.category));
      if (['CRISIS_PLAN', 'RISK_SUMMARY', 'MEDICATION'].every((c) => held.has(c))) {
        personId = id;
        break;
      }
    }
    assert.ok(personId, 'the demo has a suitable person');
    coordinator = await signIn(app, 'cc.amara', 'demo');
    igLead = await signIn(app, 'ig.priya', 'demo');
  });

  const view = async (session: Session) => {
    const res = await call(app, session, 'GET', `/api/v1/people/${personId}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<PersonDetail>();
  };

  it('housing staff see the trust’s risk summary and crisis plan but not medication', async () => {
    const page = await view(housingOfficer);
    assert.ok(trustEntries(section(page, 'RISK_SUMMARY')).length > 0);
    assert.ok(trustEntries(section(page, 'CRISIS_PLAN')).length > 0);
    assert.equal(section(page, 'MEDICATION')?.status, 'withheld');
    assert.equal(section(page, 'MEDICATION')?.entries.length, 0);
    const disclosures = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'record.disclose')
      .where('person_id', '=', personId)
      .where('recipient_org_id', '=', housing)
      .execute();
    assert.ok(disclosures.length > 0, 'the crossing is recorded as a disclosure');
    assert.ok(
      disclosures.every(
        (d) => d.owner_org_id === trust && d.agreement_id !== null && d.consent_provision_id !== null,
      ),
    );
  });

  it('a new consent restriction takes effect on the next request', async () => {
    const res = await call(app, coordinator, 'POST', `/api/v1/people/${personId}/consent`, {
      capacity: 'HAS_CAPACITY',
      explanation: 'We talked through who sees what; they asked that housing no longer sees the crisis plan.',
      reviewDate: '2030-01-01',
      provisions: [
        { kind: 'ROUTINE_COORDINATION' },
        { kind: 'RESTRICTION', organisationId: housing, categories: ['CRISIS_PLAN'] },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const page = await view(housingOfficer);
    assert.equal(trustEntries(section(page, 'CRISIS_PLAN')).length, 0);
    assert.ok(
      section(page, 'CRISIS_PLAN')?.withheldReasons.some((r) => r.code === 'CONSENT_RESTRICTS_CATEGORY'),
    );
    assert.ok(
      trustEntries(section(page, 'RISK_SUMMARY')).length > 0,
      'the rest of the consent still applies',
    );
  });

  it('an expired agreement stops sharing across organisations', async () => {
    const list = (await call(app, igLead, 'GET', '/api/v1/agreements?status=active&pageSize=100')).json<{
      items: { id: string; title: string }[];
    }>();
    const direct = list.items.find((a) => /integrated/i.test(a.title));
    assert.ok(direct, 'the integrated care agreement is active');
    const res = await call(app, igLead, 'POST', `/api/v1/agreements/${direct.id}/status`, {
      status: 'expired',
      note: 'Lapsed pending re-signature.',
    });
    assert.equal(res.statusCode, 200, res.body);
    const page = await view(housingOfficer);
    assert.equal(trustEntries(section(page, 'RISK_SUMMARY')).length, 0);
    // The safeguarding agreement still covers the risk summary, but only for safeguarding: for direct
    // care the agreement that covered it has ended, and the reason says so (not that the one in force
    // omits the purpose).
    const reasons = (section(page, 'RISK_SUMMARY')?.withheldReasons ?? []).map((r) => r.code);
    assert.ok(reasons.includes('AGREEMENT_LAPSED'), reasons.join(', '));
    assert.ok(!reasons.includes('AGREEMENT_NOT_COVERING_PURPOSE'), reasons.join(', '));
    assert.ok(
      (section(page, 'SUPPORT_INSTRUCTIONS')?.entries ?? []).every((e) => e.organisationId === housing),
    );
  });

  it('break-glass opens the crisis summary, and it closes again when the grant expires', async () => {
    const duty = await signIn(app, 'duty.leon', 'demo');
    const involved = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select('person_id')
      .where((eb) =>
        eb.or([
          eb('staff_id', '=', staffId('duty.leon')),
          eb('organisation_id', '<>', 'x').and('team_id', 'is not', null),
        ]),
      )
      .execute();
    const caseload = new Set(
      (await call(app, duty, 'GET', '/api/v1/people?pageSize=100'))
        .json<{ items: { id: string }[] }>()
        .items.map((p) => p.id),
    );
    const stranger = await governedDb(database())
      .selectFrom('people')
      .innerJoin('record_entries', 'record_entries.person_id', 'people.id')
      .select(['people.id', 'people.nhs_number'])
      .where('record_entries.category', '=', 'CRISIS_PLAN')
      .where('record_entries.organisation_id', '=', trust)
      .execute();
    const target = stranger.find((p) => !caseload.has(p.id));
    assert.ok(target && involved.length > 0, 'someone not on the duty worker’s caseload');
    assert.equal((await call(app, duty, 'GET', `/api/v1/people/${target.id}`)).statusCode, 404);
    const granted = await call(app, duty, 'POST', '/api/v1/break-glass', {
      nhsNumber: target.nhs_number,
      reason: 'Found in distress at the station; crisis plan needed now',
    });
    assert.equal(granted.statusCode, 201, granted.body);
    const grant = granted.json<BreakGlassGrant>();
    const open = await call(app, duty, 'GET', `/api/v1/people/${target.id}`);
    assert.equal(open.statusCode, 200);
    const page = open.json<PersonDetail>();
    assert.equal(page.breakGlass?.grantId, grant.id);
    assert.ok(trustEntries(section(page, 'CRISIS_PLAN')).length > 0);
    clockOffsetMs = Date.parse(grant.expiresAt) - Date.now() + 1000;
    try {
      assert.equal((await call(app, duty, 'GET', `/api/v1/people/${target.id}`)).statusCode, 404);
    } finally {
      clockOffsetMs = 0;
    }
  });
});
