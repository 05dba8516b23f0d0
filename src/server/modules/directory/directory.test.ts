import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { Organisation, Staff, Team } from '../../../contracts/directory.ts';

describeEachEngine('directory API', (database) => {
  let app: FastifyInstance;
  let admin: Session;
  let practitioner: Session;
  let adminOrg: string;

  before(async () => {
    const db = database();
    app = await testApp(db);
    adminOrg = await makeOrganisation(db, { name: 'Hosting Trust' });
    await makeStaff(db, { organisationId: adminOrg, roles: ['system_admin'], username: 'admin' });
    await makeStaff(db, { organisationId: adminOrg, roles: ['frontline'], username: 'worker' });
    admin = await signIn(app, 'admin');
    practitioner = await signIn(app, 'worker');
  });

  it('creates organisations, teams and staff, and names governance roles', async () => {
    const org = await call(app, admin, 'POST', '/api/v1/organisations', {
      name: 'Northshire Housing',
      type: 'HOUSING_PROVIDER',
      odsCode: 'NH123',
    });
    assert.equal(org.statusCode, 201, org.body);
    const { id } = org.json<Organisation>();
    const team = await call(app, admin, 'POST', '/api/v1/teams', {
      organisationId: id,
      name: 'Tenancy sustainment',
    });
    assert.equal(team.statusCode, 201);
    // A new organisation's first account is its administrator; its own staff come from there.
    const first = await call(app, admin, 'POST', '/api/v1/staff', {
      organisationId: id,
      username: 'sam.admin',
      displayName: 'Sam Admin',
      jobTitle: 'Administrator',
      password: 'a sufficiently long one',
      roles: ['system_admin'],
    });
    assert.equal(first.statusCode, 201, first.body);
    const local = await signIn(app, 'sam.admin', 'a sufficiently long one');
    const staff = await call(app, local, 'POST', '/api/v1/staff', {
      organisationId: id,
      username: 'dana.ig',
      displayName: 'Dana Ig',
      jobTitle: 'IG lead',
      password: 'a sufficiently long one',
      roles: ['ig_lead'],
      teamIds: [team.json<Team>().id],
    });
    assert.equal(staff.statusCode, 201, staff.body);
    const staffId = staff.json<Staff>().id;
    const gov = await call(app, local, 'PUT', `/api/v1/organisations/${id}/governance`, {
      role: 'IG_LEAD',
      staffId,
    });
    assert.equal(gov.statusCode, 200);
    assert.deepEqual(
      gov.json<Organisation>().governance.map((g) => g.role),
      ['IG_LEAD'],
    );
    const training = await call(app, local, 'POST', `/api/v1/staff/${staffId}/training`, {
      kind: 'IG_ANNUAL',
      completedOn: '2026-01-10',
      expiresOn: '2027-01-10',
    });
    assert.equal(training.statusCode, 201);
    assert.equal(training.json<Staff>().training[0]?.expiresOn, '2027-01-10');
  });

  it('refuses duplicate usernames and names the field, writing nothing', async () => {
    const before = await database()
      .db.selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call(app, admin, 'POST', '/api/v1/staff', {
      organisationId: adminOrg,
      username: 'worker',
      displayName: 'Again',
      jobTitle: 'x',
      roles: ['frontline'],
    });
    assert.equal(res.statusCode, 409);
    assert.equal(res.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.username');
    const after = await database()
      .db.selectFrom('staff')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('names every bad field: unknown roles, teams of another organisation, training expiring before completion', async () => {
    const res = await call(app, admin, 'POST', '/api/v1/staff', {
      organisationId: adminOrg,
      username: 'X',
      displayName: '',
      jobTitle: 'x',
      roles: ['wizard'],
    });
    assert.equal(res.statusCode, 400);
    const fields = res
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort();
    assert.deepEqual(fields, ['body.displayName', 'body.roles.0', 'body.username']);
    const otherOrg = await makeOrganisation(database());
    const foreignTeam = (
      await call(app, admin, 'POST', '/api/v1/teams', { organisationId: otherOrg, name: 'Elsewhere' })
    ).json<Team>().id;
    const teamRes = await call(app, admin, 'POST', '/api/v1/staff', {
      organisationId: adminOrg,
      username: 'someone',
      displayName: 'Someone',
      jobTitle: 'x',
      roles: ['frontline'],
      teamIds: [foreignTeam],
    });
    assert.equal(teamRes.statusCode, 400);
    assert.equal(teamRes.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.teamIds.0');
    const staffId = (await call(app, admin, 'GET', '/api/v1/staff?q=worker')).json<{ items: Staff[] }>()
      .items[0]?.id;
    const training = await call(app, admin, 'POST', `/api/v1/staff/${staffId}/training`, {
      kind: 'IG_ANNUAL',
      completedOn: '2026-01-10',
      expiresOn: '2025-01-10',
    });
    assert.equal(training.statusCode, 400);
    assert.equal(training.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.expiresOn');
  });

  it('searches staff for wildcard characters literally, on both engines', async () => {
    await makeStaff(database(), { organisationId: adminOrg, roles: ['frontline'], username: 'ward_nurse' });
    await makeStaff(database(), { organisationId: adminOrg, roles: ['frontline'], username: 'wardxnurse' });
    const names = async (q: string) =>
      (await call(app, admin, 'GET', `/api/v1/staff?q=${encodeURIComponent(q)}`))
        .json<{ items: { username: string }[] }>()
        .items.map((s) => s.username);
    assert.deepEqual(
      await names('ward_n'),
      ['ward_nurse'],
      'an underscore is a character, not "any character"',
    );
    assert.deepEqual(await names('ward%n'), []);
  });

  it('answers 404 for unknown ids and 400 for malformed ones', async () => {
    assert.equal(
      (await call(app, admin, 'GET', `/api/v1/organisations/${crypto.randomUUID()}`)).statusCode,
      404,
    );
    const malformed = await call(app, admin, 'GET', '/api/v1/organisations/not-a-uuid');
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json<{ errors: { field: string }[] }>().errors[0]?.field, 'params.id');
  });

  it('lets practitioners read organisations but not staff records, and change nothing', async () => {
    assert.equal((await call(app, practitioner, 'GET', '/api/v1/organisations')).statusCode, 200);
    assert.equal((await call(app, practitioner, 'GET', '/api/v1/staff')).statusCode, 403);
    const res = await call(app, practitioner, 'POST', '/api/v1/organisations', {
      name: 'Nope',
      type: 'GP_PRACTICE',
    });
    assert.equal(res.statusCode, 403);
  });

  it('refuses to let an administrator deactivate themselves', async () => {
    const me = (await call(app, admin, 'GET', '/api/v1/me')).json<{ id: string }>();
    const res = await call(app, admin, 'PATCH', `/api/v1/staff/${me.id}`, { active: false });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.active');
  });

  it('deactivating an account ends its sessions', async () => {
    const { id } = await makeStaff(database(), {
      organisationId: adminOrg,
      roles: ['frontline'],
      username: 'leaver',
    });
    const session = await signIn(app, 'leaver');
    assert.equal((await call(app, admin, 'PATCH', `/api/v1/staff/${id}`, { active: false })).statusCode, 200);
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).statusCode, 401);
  });

  it('an administrator of the account’s organisation clears its failed sign-ins; others may not', async () => {
    const { id } = await makeStaff(database(), {
      organisationId: adminOrg,
      roles: ['frontline'],
      username: 'forgetful',
    });
    for (let i = 0; i < 4; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'forgetful', password: `wrong guess ${i}` },
      });
      assert.ok([401, 429].includes(res.statusCode));
    }
    const locked = await call(app, admin, 'GET', `/api/v1/staff/${id}`);
    assert.equal(locked.json<Staff>().locked, true, 'repeated failures show as locked');

    const otherOrg = await makeOrganisation(database());
    await makeStaff(database(), { organisationId: otherOrg, roles: ['system_admin'], username: 'far.admin' });
    const farAdmin = await signIn(app, 'far.admin');
    const refused = await call(app, farAdmin, 'POST', `/api/v1/staff/${id}/unlock`);
    assert.equal(refused.statusCode, 403);
    assert.deepEqual(
      refused.json<{ reasons: { code: string }[] }>().reasons.map((r) => r.code),
      ['CHANGE_OTHER_ORGANISATION'],
    );
    assert.equal((await call(app, practitioner, 'POST', `/api/v1/staff/${id}/unlock`)).statusCode, 403);
    assert.equal((await call(app, admin, 'GET', `/api/v1/staff/${id}`)).json<Staff>().locked, true);

    const unlocked = await call(app, admin, 'POST', `/api/v1/staff/${id}/unlock`);
    assert.equal(unlocked.statusCode, 200, unlocked.body);
    assert.equal(unlocked.json<Staff>().locked, false);
    await signIn(app, 'forgetful');
    const entries = await database()
      .db.selectFrom('audit_entries')
      .select(['outcome'])
      .where('action', '=', 'staff.unlock')
      .where('target_id', '=', id)
      .execute();
    assert.deepEqual(entries.map((e) => e.outcome).sort(), ['deny', 'success']);
  });

  it('lets administrators change only their own organisation once it has accounts', async () => {
    const elsewhere = await makeOrganisation(database(), { name: 'Elsewhere Housing' });
    await makeStaff(database(), { organisationId: elsewhere, roles: ['frontline'] });
    const body = { name: 'Renamed Housing', type: 'HOUSING_PROVIDER' };
    const refused = await call(app, admin, 'PUT', `/api/v1/organisations/${elsewhere}`, body);
    assert.equal(refused.statusCode, 403);
    assert.equal(
      (await call(app, admin, 'GET', `/api/v1/organisations/${elsewhere}`)).json<Organisation>().name,
      'Elsewhere Housing',
    );
    const own = await call(app, admin, 'PUT', `/api/v1/organisations/${adminOrg}`, {
      name: 'Hosting Trust',
      type: 'NHS_TRUST',
    });
    assert.equal(own.statusCode, 200, own.body);
  });

  it('rejects oversize bodies with 413 and names nothing personal', async () => {
    const res = await call(app, admin, 'POST', '/api/v1/organisations', {
      name: 'x'.repeat(300_000),
      type: 'GP_PRACTICE',
    });
    assert.equal(res.statusCode, 413);
    assert.equal(res.json<{ code: string }>().code, 'PAYLOAD_TOO_LARGE');
  });
});
