import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { drawWeeklySamples } from '../src/server/modules/exchange/index.ts';
import { lastCompleteWeek } from '../src/server/modules/exchange/sampling.ts';
import { addMembership, makeOrganisation, makePerson, makeStaff, makeTeam } from './harness/factories.ts';
import { governedDb } from './harness/governed.ts';
import { handoverRow } from './harness/handover-rows.ts';
import { call, type Session, signIn } from './harness/http.ts';

/** Routes open to anonymous callers by design. Anything else public is a defect. */
const PUBLIC_BY_DESIGN = new Set([
  'POST /api/v1/auth/login',
  'GET /api/v1/audit/public-key',
  'GET /api/v1/audit/public-keys',
  'GET /healthz',
  'GET /readyz',
  'GET /api/openapi.json',
  'GET /*',
]);
const isDocs = (url: string) => url === '/api/docs' || url.startsWith('/api/docs/');

let database: Database;
let app: FastifyInstance;
let stranger: Session;
let personId: string;
/** A real colleague, so bodies naming an owner or organisation pass validation and reach the door. */
let colleague: { id: string; organisationId: string };

before(async () => {
  database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(database);
  app = await buildApp({ database, logLevel: 'silent', web: false });
  const org = await makeOrganisation(database);
  const other = await makeStaff(database, { organisationId: org, roles: ['care_manager'] });
  await makeStaff(database, {
    organisationId: org,
    roles: ['care_manager', 'clinical', 'system_admin'],
    username: 'stranger',
  });
  colleague = { id: other.id, organisationId: org };
  personId = (await makePerson(database)).id;
  await addMembership(database, { personId, organisationId: org, staffId: other.id });
  stranger = await signIn(app, 'stranger');
});

after(async () => {
  await app.close();
  await database.close();
});

/** Fills path parameters with plausible ids: the person, or random UUIDs. */
function concrete(url: string): string {
  return url.replace(/:id\b/, personId).replace(/:[A-Za-z]+/g, () => crypto.randomUUID());
}

it('every route is either public by design or refuses anonymous callers', async () => {
  assert.ok(app.routeTable.length > 10);
  for (const route of app.routeTable) {
    const key = `${route.method} ${route.url}`;
    if (route.public || !route.url.startsWith('/api/v1/')) {
      assert.ok(
        PUBLIC_BY_DESIGN.has(key) || isDocs(route.url),
        `${key} is public but not on the public-by-design list`,
      );
      continue;
    }
    const res = await call(
      app,
      null,
      route.method as 'GET',
      concrete(route.url),
      route.method === 'GET' ? undefined : {},
    );
    assert.equal(res.statusCode, 401, `${key} answered ${res.statusCode} to an anonymous caller`);
  }
});

it('every person route answers a signed-in stranger exactly as it answers for a person who does not exist', async () => {
  const personRoutes = app.routeTable.filter((r) => r.url.startsWith('/api/v1/people/:id'));
  assert.ok(personRoutes.length >= 5);
  for (const route of personRoutes) {
    const body = route.method === 'GET' ? undefined : validBodyFor(route.url);
    const real = await call(app, stranger, route.method as 'GET', concrete(route.url), body);
    const missing = await call(
      app,
      stranger,
      route.method as 'GET',
      concrete(route.url).replace(personId, crypto.randomUUID()),
      body,
    );
    const key = `${route.method} ${route.url}`;
    assert.ok(
      real.statusCode === 404 || real.statusCode === 403,
      `${key} answered ${real.statusCode}: ${real.body}`,
    );
    assert.equal(real.statusCode, missing.statusCode, `${key} tells an existing person from a missing one`);
    if (route.method === 'GET') assert.equal(real.statusCode, 404, `${key} answered ${real.statusCode}`);
  }
});

it('answers another team’s service manager 404 on a real sample, with a valid finding', async () => {
  const routes = app.routeTable.filter((r) => r.url.startsWith('/api/v1/handover-samples/'));
  assert.ok(routes.length >= 2);
  // A real sample, drawn by the weekly job for team A's manager from one escalation last week.
  const now = new Date();
  const org = colleague.organisationId;
  const recipientOrg = await makeOrganisation(database, { type: 'HOUSING_PROVIDER' });
  const teamA = await makeTeam(database, org, 'Sampled team');
  const teamB = await makeTeam(database, org, 'Neighbouring team');
  const sender = await makeStaff(database, {
    organisationId: org,
    roles: ['care_manager'],
    teamIds: [teamA],
  });
  await makeStaff(database, {
    organisationId: org,
    roles: ['service_manager'],
    teamIds: [teamA],
    username: 'sm.owner',
  });
  await makeStaff(database, {
    organisationId: org,
    roles: ['service_manager'],
    teamIds: [teamB],
    username: 'sm.neighbour',
  });
  const lead = await makeStaff(database, { organisationId: recipientOrg, roles: ['care_manager'] });
  const handoverId = crypto.randomUUID();
  await governedDb(database)
    .insertInto('handovers')
    .values(
      handoverRow({
        id: handoverId,
        person_id: personId,
        sender_staff_id: sender.id,
        sender_org_id: org,
        recipient_org_id: recipientOrg,
        lead_staff_id: lead.id,
        sent_at: new Date(Date.parse(lastCompleteWeek(now).fromInstant) + 3_600_000).toISOString(),
      }),
    )
    .execute();
  await drawWeeklySamples(database, now, { seedFor: () => 'route-coverage' });
  const owner = await signIn(app, 'sm.owner');
  const neighbour = await signIn(app, 'sm.neighbour');
  const [sample] = (await call(app, owner, 'GET', '/api/v1/handover-samples')).json<{
    items: { id: string }[];
  }>().items;
  assert.ok(sample, 'the owning manager has the sample');
  const url = (u: string) => u.replace(':id', sample.id).replace(':handoverId', handoverId);
  for (const route of routes) {
    const body =
      route.method === 'GET'
        ? undefined
        : { complete: true, sharedAppropriately: true, reflectedInRecord: false, note: 'Checked.' };
    const res = await call(app, neighbour, route.method as 'GET', url(route.url), body);
    assert.equal(res.statusCode, 404, `${route.method} ${route.url} answered ${res.statusCode}: ${res.body}`);
  }
  // The same request reaches the sample for its owner, so the 404 above is the guard's.
  const mine = await call(app, owner, 'GET', `/api/v1/handover-samples/${sample.id}`);
  assert.equal(mine.statusCode, 200, mine.body);
});

/** A body that passes validation for each person write, so the guard is what answers. */
function validBodyFor(url: string): Record<string, unknown> {
  if (url.endsWith('/care-team'))
    return { staffId: crypto.randomUUID(), role: 'CLINICIAN', startDate: '2024-01-01' };
  if (url.endsWith('/end')) return { endDate: '2024-01-01' };
  if (url.endsWith('/entries')) return { category: 'RISK_SUMMARY', title: 't', body: 'b' };
  if (url.includes('/entries/')) return { title: 't', body: 'b', reason: 'r' };
  if (url.endsWith('/contacts'))
    return { type: 'HOME_VISIT', outcome: 'ATTENDED', occurredAt: '2024-01-01T10:00:00Z' };
  if (url.endsWith('/attendance')) return { outcome: 'ATTENDED' };
  if (url.endsWith('/signals'))
    return { prompt: 'SELF_HARM', observation: 'o', observedAt: '2024-01-01T10:00:00Z' };
  const decision = {
    capacity: 'HAS_CAPACITY',
    explanation: 'Explained what this means for their care.',
    reviewDate: '2999-01-01',
  };
  if (url.endsWith('/consent')) return { ...decision, provisions: [{ kind: 'ROUTINE_COORDINATION' }] };
  if (url.endsWith('/consent/preview')) return { provisions: [] };
  if (url.endsWith('/consent/withdraw') || url.endsWith('/consent/refuse')) return decision;
  if (url.endsWith('/consent/review-triggers')) return { trigger: 'HOSPITAL_ADMISSION' };
  if (url.endsWith('/consent/fhir')) return { resourceType: 'Consent' };
  if (url.endsWith('/lawful-exceptions')) {
    return {
      ground: 'SAFEGUARDING',
      article6: 'A6_E_PUBLIC_TASK',
      article9: 'A9_G_SUBSTANTIAL_PUBLIC_INTEREST',
      commonLaw: 'CLDC_OVERRIDING_PUBLIC_INTEREST',
      rationale: 'Serious risk of harm; sharing is proportionate.',
    };
  }
  if (url.endsWith('/reviews')) return { dueOn: '2024-01-01' };
  const action = { description: 'Check in daily', ownerStaffId: colleague.id, dueDate: '2024-01-08' };
  if (url.endsWith('/interim-decisions'))
    return {
      authority: 'DUTY_INTERIM_AUTHORITY',
      decision: 'Crisis team to visit tomorrow morning.',
      rationale: 'Distressed on the phone; agreed safety plan.',
    };
  if (url.endsWith('/follow-ups'))
    return { kind: 'INPATIENT_DISCHARGE', occurredAt: '2024-01-01T10:00:00Z', suicideRisk: false };
  if (url.endsWith('/safeguarding/concerns'))
    return {
      enquiryType: 'CONCERN',
      abuseTypes: ['SELF_NEGLECT'],
      s42: { careAndSupportNeeds: true, atRiskOfAbuseOrNeglect: true, unableToProtectSelf: false },
      sourceOfRisk: 'OTHER_KNOWN_TO_INDIVIDUAL',
      locationOfRisk: 'Own home',
      immediateActions: 'Spoke with the person.',
      protectiveActions: [action],
      adultViews: 'Wants support at home.',
      desiredOutcomes: 'To feel safe.',
      capacity: { assessment: 'HAS_CAPACITY' },
      advocacy: { needed: false },
      police: { involved: false },
      sharing: [],
    };
  if (url.endsWith('/huddle-reviews'))
    return {
      heldOn: '2024-01-01',
      partnerContacts: [{ organisation: 'Housing', contact: 'Officer', outcome: 'Visit booked' }],
      actions: [action],
      nextHuddleOn: '2024-01-08',
    };
  if (url.endsWith('/complete')) return { outcome: 'Done as agreed.' };
  if (url.endsWith('/case-conferences'))
    return {
      heldOn: '2024-01-01',
      attendees: [{ name: 'A. Lead', organisationId: colleague.organisationId, role: 'Chair' }],
      personViews: 'Wants to stay at home.',
      shared: [],
      decisions: ['Continue the protection plan.'],
      actions: [action],
    };
  return {};
}
