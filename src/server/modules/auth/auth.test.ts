import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { call, signIn, testApp } from '../../../../test/harness/http.ts';
import { createApiToken, markSystemAccount } from './api-token.service.ts';
import { TOKEN_DEFAULT_DAYS } from './auth.ts';
import { hashPassword, verifyPassword } from './password.ts';

it('hashes passwords with scrypt and verifies only the right one', async () => {
  const hash = await hashPassword('a long passphrase');
  assert.match(hash, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('a long passphrase', hash), true);
  assert.equal(await verifyPassword('a long passphrasf', hash), false);
  assert.equal(await verifyPassword('x', 'not-a-hash'), false);
  assert.notEqual(await hashPassword('same'), await hashPassword('same'), 'salted');
});

describeEachEngine('authentication', (database) => {
  let app: FastifyInstance;
  let staffId: string;
  let systemId: string;

  before(async () => {
    const db = database();
    app = await testApp(db);
    const org = await makeOrganisation(db);
    staffId = (await makeStaff(db, { organisationId: org, roles: ['care_manager'], username: 'casey' })).id;
    await makeStaff(db, { organisationId: org, roles: ['frontline'], username: 'gone', active: false });
    systemId = (await makeStaff(db, { organisationId: org, roles: ['commissioner'], username: 'feed' })).id;
    await db.db.updateTable('staff').set({ password_hash: null }).where('id', '=', systemId).execute();
    await markSystemAccount(db, { id: systemId, hasPassword: false }, new Date());
  });

  it('signs in, sets an httpOnly SameSite cookie, and answers /me', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'casey', password: 'correct horse battery' },
    });
    assert.equal(res.statusCode, 200);
    const cookie = res.cookies.find((c) => c.name === 'accord_session');
    assert.ok(cookie?.httpOnly);
    assert.equal(cookie?.sameSite, 'Strict');
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: `accord_session=${cookie?.value}` },
    });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json<{ username: string }>().username, 'casey');
  });

  it('records sign-ins and failed sign-ins in the audit log without the attempted username', async () => {
    await call(app, null, 'POST', '/api/v1/auth/login', { username: 'not.a.user', password: 'guess' });
    const entries = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'auth.sign_in')
      .execute();
    assert.ok(entries.some((e) => e.outcome === 'success' && e.actor_staff_id === staffId));
    assert.ok(
      entries.some(
        (e) => e.outcome === 'failure' && e.actor_staff_id === null && e.reasons === 'UNKNOWN_ACCOUNT',
      ),
    );
    assert.ok(entries.every((e) => !JSON.stringify(e).includes('not.a.user')));
  });

  it('gives the same answer for a wrong password, an unknown user and an inactive account', async () => {
    const wrong = await call(app, null, 'POST', '/api/v1/auth/login', {
      username: 'casey',
      password: 'nope',
    });
    const unknown = await call(app, null, 'POST', '/api/v1/auth/login', {
      username: 'nobody',
      password: 'nope',
    });
    const inactive = await call(app, null, 'POST', '/api/v1/auth/login', {
      username: 'gone',
      password: 'correct horse battery',
    });
    for (const res of [wrong, unknown, inactive]) {
      assert.equal(res.statusCode, 401);
      assert.equal(res.json<{ detail: string }>().detail, 'The username or password is wrong.');
    }
  });

  it('signs out: the session no longer works', async () => {
    const session = await signIn(app, 'casey');
    assert.equal((await call(app, session, 'POST', '/api/v1/auth/logout')).statusCode, 204);
    assert.equal((await call(app, session, 'GET', '/api/v1/me')).statusCode, 401);
  });

  it('accepts API tokens as bearer credentials without CSRF, and stores only their hash', async () => {
    const now = new Date();
    const { token, expiresAt } = await createApiToken(
      database(),
      { staffId: systemId, name: 'integration' },
      now,
    );
    assert.equal(
      Date.parse(expiresAt) - now.getTime(),
      TOKEN_DEFAULT_DAYS * 86_400_000,
      'expires by default',
    );
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.json<{ username: string }>().username, 'feed');
    const created = await database()
      .db.selectFrom('audit_entries')
      .select('target_id')
      .where('action', '=', 'api_token.create')
      .execute();
    assert.ok(created.length > 0, 'token creation is an audited administrative action');
    const rows = await database().db.selectFrom('api_tokens').select('token_hash').execute();
    assert.ok(rows.every((r) => r.token_hash !== token && r.token_hash.length === 64));
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: 'Bearer acc_forged' },
    });
    assert.equal(bad.statusCode, 401);
  });

  it('refuses expired tokens', async () => {
    const { token } = await createApiToken(
      database(),
      { staffId: systemId, name: 'old', days: 1 },
      new Date(Date.now() - 2 * 86_400_000),
    );
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 401);
  });

  it('applies a change to the caller’s roles, training, teams or account at their very next request', async () => {
    const db = database();
    const org = await makeOrganisation(db);
    const { id } = await makeStaff(db, { organisationId: org, roles: ['frontline'], username: 'robin' });
    const session = await signIn(app, 'robin');
    const me = async () => {
      const res = await call(app, session, 'GET', '/api/v1/me');
      return { status: res.statusCode, body: res.statusCode === 200 ? res.json<MeBody>() : null };
    };
    type MeBody = { roles: string[]; igTrainingExpiresOn: string | null; teams: { id: string }[] };
    const first = await me();
    assert.deepEqual(first.body?.roles, ['frontline']);
    // Each change is made as another process would: straight in the database, no cache told.
    await db.db.insertInto('staff_roles').values({ staff_id: id, role: 'care_manager' }).execute();
    assert.deepEqual((await me()).body?.roles.sort(), ['care_manager', 'frontline']);
    await db.db
      .deleteFrom('staff_roles')
      .where('staff_id', '=', id)
      .where('role', '=', 'frontline')
      .execute();
    assert.deepEqual((await me()).body?.roles, ['care_manager']);
    const before = (await me()).body?.igTrainingExpiresOn;
    await db.db
      .insertInto('training_records')
      .values({
        id: crypto.randomUUID(),
        staff_id: id,
        kind: 'IG_ANNUAL',
        completed_on: '2026-01-01',
        expires_on: '2099-01-01',
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    assert.notEqual(before, '2099-01-01');
    assert.equal((await me()).body?.igTrainingExpiresOn, '2099-01-01');
    const team = crypto.randomUUID();
    await db.db
      .insertInto('teams')
      .values({
        id: team,
        organisation_id: org,
        name: 'Night team',
        service_type: null,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await db.db.insertInto('staff_teams').values({ staff_id: id, team_id: team }).execute();
    assert.deepEqual(
      (await me()).body?.teams.map((t) => t.id),
      [team],
    );
    await db.db.updateTable('staff').set({ active: 0 }).where('id', '=', id).execute();
    assert.equal((await me()).status, 401);
  });

  it('gives tokens to system accounts only, and never for longer than a year', async () => {
    await assert.rejects(
      createApiToken(database(), { staffId, name: 'mine' }, new Date()),
      /API tokens are for system accounts only/,
    );
    await assert.rejects(
      createApiToken(database(), { staffId: systemId, name: 'forever', days: 10_000 }, new Date()),
      /invalid fields/,
    );
    await assert.rejects(
      markSystemAccount(database(), { id: staffId, hasPassword: true }, new Date()),
      /has one/,
    );
    // A token row for a person (as issued before system accounts existed) authenticates no one.
    const { token } = await createApiToken(database(), { staffId: systemId, name: 'moved' }, new Date());
    await database()
      .db.updateTable('api_tokens')
      .set({ staff_id: staffId })
      .where('name', '=', 'moved')
      .execute();
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.statusCode, 401);
  });
});
