/**
 * Sign-in protection: failures slow a username down (known or not, the same answer) but never lock a
 * colleague out; an address is limited on failures only, per client behind a trusted proxy; the
 * counts live in the database, so every process sharing it sees them; idle sessions end.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../../test/harness/factories.ts';
import { buildApp } from '../../app.ts';
import type { Database } from '../../db/database.ts';
import {
  ADDRESS_FAILURE_LIMIT,
  FREE_ACCOUNT_FAILURES,
  MAX_ACCOUNT_DELAY_SECONDS,
  THROTTLE_WINDOW_MINUTES,
} from './sign-in-throttle.ts';

const PASSWORD = 'correct horse battery';

/** A clock the test moves by hand. */
function handClock(): { now: () => Date; advance: (seconds: number) => void } {
  let t = Date.parse('2026-03-02T10:00:00Z');
  return {
    now: () => new Date(t),
    advance: (s) => {
      t += s * 1000;
    },
  };
}

function app(
  database: Database,
  clock: () => Date,
  options: { trustedProxy?: string; sessionIdleMinutes?: number } = {},
): Promise<FastifyInstance> {
  return buildApp({ database, logLevel: 'silent', web: false, clock, ...options });
}

function login(
  server: FastifyInstance,
  username: string,
  password: string,
  forwardedFor?: string,
): Promise<LightMyRequestResponse> {
  return server.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
}

/** The parts of an answer that could tell a real account from an unknown one. */
const shape = (res: LightMyRequestResponse) => {
  const body = res.json<{ code: string; detail: string }>();
  return { status: res.statusCode, code: body.code, detail: body.detail };
};

describeEachEngine('sign-in protection', (database) => {
  let org: string;
  before(async () => {
    org = await makeOrganisation(database());
  });

  it('slows a real and an unknown username alike, and never locks a colleague out', async () => {
    const clock = handClock();
    const server = await app(database(), clock.now);
    const casey = await makeStaff(database(), { organisationId: org, roles: ['care_manager'] });
    const answers = { real: [] as unknown[], unknown: [] as unknown[] };
    // An attacker keeps failing against casey (and against a name no one has) for a whole morning.
    for (let i = 0; i < FREE_ACCOUNT_FAILURES + 4; i++) {
      answers.real.push(shape(await login(server, casey.username, 'guess')));
      answers.unknown.push(shape(await login(server, 'no.such.person', 'guess')));
    }
    assert.deepEqual(answers.real, answers.unknown);
    const refused = shape(await login(server, casey.username, PASSWORD));
    assert.equal(refused.status, 429);
    assert.equal(refused.code, 'RATE_LIMITED');
    assert.deepEqual(shape(await login(server, 'no.such.person', PASSWORD)), refused);
    const firstRefusals = answers.real.filter((a) => (a as { status: number }).status === 429);
    assert.ok(firstRefusals.length > 0, 'further attempts wait once the free failures are used');
    // However long the attack went on, casey waits at most the longest delay.
    clock.advance(MAX_ACCOUNT_DELAY_SECONDS);
    assert.equal((await login(server, casey.username, PASSWORD)).statusCode, 200);
    // Success clears casey's count: the next mistake is not delayed.
    assert.equal((await login(server, casey.username, 'typo')).statusCode, 401);
    assert.equal((await login(server, casey.username, PASSWORD)).statusCode, 200);
    await server.close();
  });

  it('counts only failures per address, per client behind the trusted proxy', async () => {
    const clock = handClock();
    const proxied = await app(database(), clock.now, { trustedProxy: '127.0.0.1' });
    const team = await makeStaff(database(), { organisationId: org, roles: ['frontline'] });
    // A busy team behind one address: successes never count.
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT + 5; i++)
      assert.equal((await login(proxied, team.username, PASSWORD, '10.0.0.9')).statusCode, 200);
    // One client guesses across many names until its address is held.
    let last = 0;
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT + 1; i++)
      last = (await login(proxied, `name${i}`, 'guess', '203.0.113.7')).statusCode;
    assert.equal(last, 429);
    assert.equal((await login(proxied, team.username, PASSWORD, '203.0.113.7')).statusCode, 429);
    // Colleagues behind the same proxy, at other client addresses, are not held up.
    assert.equal((await login(proxied, team.username, PASSWORD, '10.0.0.9')).statusCode, 200);
    clock.advance(THROTTLE_WINDOW_MINUTES * 60 + 1);
    assert.equal((await login(proxied, team.username, PASSWORD, '203.0.113.7')).statusCode, 200);
    await proxied.close();

    // Without a trusted proxy the header is the client's claim and is ignored: the socket address counts.
    const direct = await app(database(), clock.now);
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++)
      await login(direct, `other${i}`, 'guess', `198.51.100.${i}`);
    assert.equal((await login(direct, team.username, PASSWORD, '198.51.100.200')).statusCode, 429);
    await direct.close();
  });

  it('shares the counts between processes using the same database', async () => {
    const clock = handClock();
    clock.advance(86_400);
    const first = await app(database(), clock.now);
    const second = await app(database(), clock.now);
    const sam = await makeStaff(database(), { organisationId: org, roles: ['frontline'] });
    for (let i = 0; i < FREE_ACCOUNT_FAILURES + 1; i++) await login(first, sam.username, 'guess');
    assert.equal((await login(second, sam.username, PASSWORD)).statusCode, 429);
    await first.close();
    await second.close();
  });

  it('ends a session left idle, and keeps one in use', async () => {
    const clock = handClock();
    const server = await app(database(), clock.now, { sessionIdleMinutes: 30 });
    const pat = await makeStaff(database(), { organisationId: org, roles: ['frontline'] });
    const res = await login(server, pat.username, PASSWORD);
    const cookie = `accord_session=${res.cookies.find((c) => c.name === 'accord_session')?.value}`;
    const me = () => server.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    for (let i = 0; i < 4; i++) {
      clock.advance(25 * 60);
      assert.equal((await me()).statusCode, 200, 'in use every 25 minutes');
    }
    clock.advance(31 * 60);
    assert.equal((await me()).statusCode, 401, 'idle for 31 minutes');
    clock.advance(-31 * 60);
    assert.equal((await me()).statusCode, 401, 'an idle session is gone for good');
    await server.close();
  });
});
