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
  makeTeam,
  nextNhsNumber,
} from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { PersonDetail } from '../../../contracts/people.ts';

describeEachEngine('people API', (database) => {
  let app: FastifyInstance;
  let trust: string;
  let housing: string;
  let coordinator: Session;
  let frontline: Session;
  let outsider: Session;
  let teamMember: Session;
  let expired: Session;
  let alice: { id: string; nhsNumber: string };
  let bob: { id: string };
  let endedMembership: string;

  before(async () => {
    const db = database();
    app = await testApp(db);
    trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    const cmht = await makeTeam(db, trust, 'CMHT');
    const cc = await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'coord' });
    const fl = await makeStaff(db, {
      organisationId: housing,
      roles: ['frontline'],
      username: 'housing.worker',
    });
    await makeStaff(db, {
      organisationId: trust,
      roles: ['clinical'],
      username: 'team.member',
      teamIds: [cmht],
    });
    const ex = await makeStaff(db, {
      organisationId: trust,
      roles: ['care_manager'],
      username: 'expired',
      igExpiresOn: '2020-01-01',
    });
    await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'outsider' });
    alice = await makePerson(db, { givenName: 'Alice', familyName: 'Ashworth' });
    bob = await makePerson(db, { givenName: 'Bob', familyName: 'Brennan' });
    await addMembership(db, {
      personId: alice.id,
      organisationId: trust,
      staffId: cc.id,
      role: 'CARE_COORDINATOR',
    });
    await addMembership(db, {
      personId: alice.id,
      organisationId: housing,
      staffId: fl.id,
      role: 'HOUSING_OFFICER',
    });
    await addMembership(db, { personId: alice.id, organisationId: trust, teamId: cmht, role: 'CLINICIAN' });
    await addMembership(db, { personId: alice.id, organisationId: trust, staffId: ex.id });
    endedMembership = await addMembership(db, {
      personId: bob.id,
      organisationId: trust,
      staffId: cc.id,
      endDate: '2021-01-01',
    });
    await addEntry(db, {
      personId: alice.id,
      organisationId: trust,
      authorId: cc.id,
      category: 'CRISIS_PLAN',
      title: 'Trust crisis plan',
    });
    await addEntry(db, {
      personId: alice.id,
      organisationId: trust,
      authorId: cc.id,
      category: 'MEDICATION',
      title: 'Trust medication',
    });
    await addEntry(db, {
      personId: alice.id,
      organisationId: housing,
      authorId: fl.id,
      category: 'SUPPORT_INSTRUCTIONS',
      title: 'Housing support',
    });
    coordinator = await signIn(app, 'coord');
    frontline = await signIn(app, 'housing.worker');
    outsider = await signIn(app, 'outsider');
    teamMember = await signIn(app, 'team.member');
    expired = await signIn(app, 'expired');
  });

  const detail = async (session: Session, id: string) => {
    const res = await call(app, session, 'GET', `/api/v1/people/${id}`);
    return { status: res.statusCode, body: res.json<PersonDetail>() };
  };
  const section = (p: PersonDetail, category: string) => p.sections.find((s) => s.category === category);

  it('lists only people on the caller’s current caseload', async () => {
    const res = await call(app, coordinator, 'GET', '/api/v1/people');
    assert.equal(res.statusCode, 200);
    const body = res.json<{ items: { id: string }[]; total: number }>();
    assert.deepEqual(
      body.items.map((p) => p.id),
      [alice.id],
    );
    assert.equal(body.total, 1);
  });

  it('counts team memberships as involvement', async () => {
    const body = (await call(app, teamMember, 'GET', '/api/v1/people')).json<{ items: { id: string }[] }>();
    assert.deepEqual(
      body.items.map((p) => p.id),
      [alice.id],
    );
  });

  it('searches the caseload by name and NHS number, paginated', async () => {
    const byName = (await call(app, coordinator, 'GET', '/api/v1/people?q=ashw')).json<{
      items: unknown[];
    }>();
    assert.equal(byName.items.length, 1);
    const byNhs = (
      await call(app, coordinator, 'GET', `/api/v1/people?q=${alice.nhsNumber.slice(0, 6)}`)
    ).json<{ items: unknown[] }>();
    assert.equal(byNhs.items.length, 1);
    const none = (await call(app, coordinator, 'GET', '/api/v1/people?q=zzz')).json<{
      items: unknown[];
      total: number;
    }>();
    assert.equal(none.total, 0);
    const page2 = (await call(app, coordinator, 'GET', '/api/v1/people?page=2&pageSize=1')).json<{
      items: unknown[];
      page: number;
    }>();
    assert.equal(page2.items.length, 0);
    assert.equal(page2.page, 2);
    assert.equal((await call(app, coordinator, 'GET', '/api/v1/people?pageSize=1000')).statusCode, 400);
  });

  it('shows own-organisation entries and withholds other organisations’ with a reason', async () => {
    const { status, body } = await detail(coordinator, alice.id);
    assert.equal(status, 200);
    assert.equal(body.nhsNumber, alice.nhsNumber);
    assert.equal(section(body, 'CRISIS_PLAN')?.status, 'shown');
    assert.equal(section(body, 'CRISIS_PLAN')?.entries[0]?.title, 'Trust crisis plan');
    const support = section(body, 'SUPPORT_INSTRUCTIONS');
    assert.equal(support?.status, 'withheld');
    assert.equal(support?.entries.length, 0);
    assert.ok((support?.withheldReasons.length ?? 0) > 0);
    assert.ok(body.careTeam.length >= 3);
    assert.equal(body.can.viewAccessReport, true, 'the care coordinator may hand over the access report');
    assert.equal(body.can.explainAccess, true);
  });

  it('keeps categories outside the role tier withheld without counting them', async () => {
    const { body } = await detail(frontline, alice.id);
    assert.equal(body.can.viewAccessReport, false);
    assert.equal(body.can.explainAccess, false);
    const medication = section(body, 'MEDICATION');
    assert.equal(medication?.status, 'withheld');
    assert.equal(medication?.withheldCount, 0);
    assert.equal(section(body, 'SUPPORT_INSTRUCTIONS')?.entries[0]?.title, 'Housing support');
    assert.equal(
      section(body, 'CRISIS_PLAN')?.entries.length,
      0,
      'no agreement yet: trust data stays in the trust',
    );
  });

  it('answers 404 alike for people the caller is not involved with and people who do not exist', async () => {
    const notMine = await call(app, outsider, 'GET', `/api/v1/people/${alice.id}`);
    const missing = await call(app, outsider, 'GET', `/api/v1/people/${crypto.randomUUID()}`);
    assert.equal(notMine.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(notMine.json<{ detail: string }>().detail, missing.json<{ detail: string }>().detail);
  });

  it('ends access when the membership has ended', async () => {
    assert.equal((await detail(coordinator, bob.id)).status, 404);
    assert.ok(endedMembership);
  });

  it('lists no caseload to staff whose IG training has expired, and audits each person a list shows', async () => {
    const res = (await call(app, expired, 'GET', '/api/v1/people')).json<{
      items: unknown[];
      total: number;
    }>();
    assert.deepEqual([res.items.length, res.total], [0, 0]);
    await call(app, coordinator, 'GET', '/api/v1/people');
    const listed = await database()
      .db.selectFrom('audit_entries')
      .select('person_id')
      .where('action', '=', 'caseload.list')
      .where('outcome', '=', 'permit')
      .execute();
    assert.ok(listed.some((e) => e.person_id === alice.id));
  });

  it('denies everything to staff whose IG training has expired', async () => {
    assert.equal((await detail(expired, alice.id)).status, 404);
  });

  it('adds an entry, amends it, and keeps the earlier version', async () => {
    const created = await call(app, coordinator, 'POST', `/api/v1/people/${alice.id}/entries`, {
      category: 'RISK_SUMMARY',
      title: 'Risk',
      body: 'Low risk',
    });
    assert.equal(created.statusCode, 201);
    const { id } = created.json<{ id: string }>();
    const amended = await call(app, coordinator, 'PUT', `/api/v1/people/${alice.id}/entries/${id}`, {
      title: 'Risk',
      body: 'Raised risk after missed appointments',
      reason: 'New information from housing',
    });
    assert.equal(amended.statusCode, 200);
    assert.equal(amended.json<{ version: number }>().version, 2);
    const versions = (
      await call(app, coordinator, 'GET', `/api/v1/people/${alice.id}/entries/${id}/versions`)
    ).json<{ body: string }[]>();
    assert.deepEqual(
      versions.map((v) => v.body),
      ['Low risk', 'Raised risk after missed appointments'],
    );
  });

  it('refuses to amend another organisation’s entry and hides its existence', async () => {
    const { body } = await detail(frontline, alice.id);
    const housingEntry = section(body, 'SUPPORT_INSTRUCTIONS')?.entries[0];
    assert.ok(housingEntry);
    const res = await call(app, coordinator, 'PUT', `/api/v1/people/${alice.id}/entries/${housingEntry.id}`, {
      title: 'x',
      body: 'y',
      reason: 'z',
    });
    assert.equal(res.statusCode, 404);
  });

  it('rejects entries outside the writer’s tier and bad input, writing nothing', async () => {
    const before = await governedDb(database())
      .selectFrom('record_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const outOfTier = await call(app, frontline, 'POST', `/api/v1/people/${alice.id}/entries`, {
      category: 'MEDICATION',
      title: 't',
      body: 'b',
    });
    assert.equal(outOfTier.statusCode, 403);
    const unknownField = await call(app, coordinator, 'POST', `/api/v1/people/${alice.id}/entries`, {
      category: 'RISK_SUMMARY',
      title: 't',
      body: 'b',
      extra: 1,
    });
    assert.equal(unknownField.statusCode, 400);
    assert.match(unknownField.body, /extra/);
    const badCategory = await call(app, coordinator, 'POST', `/api/v1/people/${alice.id}/entries`, {
      category: 'NOPE',
      title: 't',
      body: 'b',
    });
    assert.equal(badCategory.statusCode, 400);
    assert.equal(badCategory.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.category');
    const after = await governedDb(database())
      .selectFrom('record_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('registers a person with a valid NHS number and rejects an invalid one', async () => {
    const ok = await call(app, coordinator, 'POST', '/api/v1/people', {
      nhsNumber: nextNhsNumber(),
      givenName: 'Chris',
      familyName: 'Carter',
      dateOfBirth: '1990-02-03',
      postcode: 'ls1 4ap',
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.equal(ok.json<PersonDetail>().postcode, 'LS1 4AP');
    const bad = await call(app, coordinator, 'POST', '/api/v1/people', {
      nhsNumber: '9434765918',
      givenName: 'Dee',
      familyName: 'Dunn',
      dateOfBirth: '1990-02-03',
    });
    assert.equal(bad.statusCode, 400);
    const problem = bad.json<{ errors: { field: string; message: string }[] }>();
    assert.equal(problem.errors[0]?.field, 'body.nhsNumber');
    assert.equal(bad.headers['content-type'], 'application/problem+json; charset=utf-8');
    const duplicate = await call(app, coordinator, 'POST', '/api/v1/people', {
      nhsNumber: alice.nhsNumber,
      givenName: 'Again',
      familyName: 'Again',
      dateOfBirth: '1990-02-03',
    });
    assert.equal(duplicate.statusCode, 409);
    const refusals = await database()
      .db.selectFrom('audit_entries')
      .select('person_id')
      .where('action', '=', 'person.register')
      .where('outcome', '=', 'deny')
      .execute();
    assert.ok(
      refusals.some((r) => r.person_id === alice.id),
      'the refusal that tells a number is registered is audited',
    );
    const lapsed = await call(app, expired, 'POST', '/api/v1/people', {
      nhsNumber: alice.nhsNumber,
      givenName: 'Probe',
      familyName: 'Probe',
      dateOfBirth: '1990-02-03',
    });
    assert.equal(lapsed.statusCode, 403, 'staff with lapsed training cannot test NHS numbers');
    assert.equal(duplicate.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.nhsNumber');
  });

  it('manages the care team: end dates before start dates are refused, ending removes access at once', async () => {
    const outsiderId = (
      await database()
        .db.selectFrom('staff')
        .select('id')
        .where('username', '=', 'outsider')
        .executeTakeFirstOrThrow()
    ).id;
    const bad = await call(app, coordinator, 'POST', `/api/v1/people/${alice.id}/care-team`, {
      staffId: outsiderId,
      role: 'CLINICIAN',
      startDate: '2024-05-01',
      endDate: '2024-04-01',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.endDate');
    const added = await call(app, coordinator, 'POST', `/api/v1/people/${alice.id}/care-team`, {
      staffId: outsiderId,
      role: 'CLINICIAN',
      startDate: '2024-05-01',
    });
    assert.equal(added.statusCode, 201);
    assert.equal((await detail(outsider, alice.id)).status, 200);
    const membership = added.json<PersonDetail>().careTeam.find((m) => m.staffId === outsiderId);
    assert.ok(membership);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const ended = await call(
      app,
      coordinator,
      'POST',
      `/api/v1/people/${alice.id}/care-team/${membership.id}/end`,
      { endDate: yesterday },
    );
    assert.equal(ended.statusCode, 204);
    assert.equal((await detail(outsider, alice.id)).status, 404);
  });

  it('refuses a care-team place to an account whose roles see no person-level data', async () => {
    const commissioner = await makeStaff(database(), { organisationId: trust, roles: ['commissioner'] });
    const res = await call(app, coordinator, 'POST', `/api/v1/people/${alice.id}/care-team`, {
      staffId: commissioner.id,
      role: 'OTHER',
      startDate: '2024-05-01',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.staffId');
  });

  it('requires sign-in and the CSRF token on browser writes', async () => {
    assert.equal((await call(app, null, 'GET', '/api/v1/people')).statusCode, 401);
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/api/v1/people/${alice.id}/entries`,
      headers: { cookie: coordinator.cookie },
      payload: { category: 'RISK_SUMMARY', title: 't', body: 'b' },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json<{ code: string }>().code, 'CSRF_FAILED');
  });
});
