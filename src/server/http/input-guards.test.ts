/**
 * Hostile input is refused before any route sees it, as a 400 problem+json naming the field, with
 * the security headers, never quoting the path; paths are logged without NHS-number-shaped values.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describeEachEngine } from '../../../test/harness/engines.ts';
import { makeOrganisation, makeStaff } from '../../../test/harness/factories.ts';
import { governedDb } from '../../../test/harness/governed.ts';
import { type Session, signIn } from '../../../test/harness/http.ts';
import { buildApp } from '../app.ts';
import { findHostileInput } from './input-guards.ts';
import { loggablePath } from './log-path.ts';

function assertRefused(res: LightMyRequestResponse, field: string, status = 400): void {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.ok(res.headers['content-security-policy']);
  assert.equal(res.headers['cache-control'], 'no-store');
  const body = res.json<{ errors?: { field: string }[] }>();
  assert.deepEqual(
    body.errors?.map((e) => e.field),
    [field],
  );
  assert.doesNotMatch(res.body, /9434765919/);
}

it('finds prototype keys and NUL characters at any depth, and lets plain words through', () => {
  assert.deepEqual(findHostileInput({ a: [{ b: 'x\u0000' }] }, 'body'), { path: 'body.a.0.b', kind: 'nul' });
  assert.deepEqual(findHostileInput(JSON.parse('{"a":{"__proto__":{}}}'), 'body'), {
    path: 'body.a.__proto__',
    kind: 'key',
  });
  assert.equal(findHostileInput({ constructor: 'builder', prototype: 'v2' }, 'body'), null);
  let deep: unknown = 'x\u0000';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(findHostileInput(deep, 'body')?.kind, 'nul');
});

it('masks NHS-number-shaped runs in logged paths and drops the query', () => {
  assert.equal(loggablePath('/api/v1/people/9434765919?q=Smith'), '/api/v1/people/{redacted}');
  assert.equal(loggablePath('/api/v1/people/943%20476%205919'), '/api/v1/people/{redacted}');
  assert.equal(loggablePath('/api/v1/people/943-476-5919/x'), '/api/v1/people/{redacted}/x');
  // A fixed id: a random one is all decimal digits in its last group about once in 300 runs, and
  // such a run is masked (over-masking an id in a log line is the safe side).
  const id = '3f2a9c1e-8b4d-4e6f-a1b2-c3d4e5f6a7b8';
  assert.equal(loggablePath(`/api/v1/people/${id}`), `/api/v1/people/${id}`);
});

describeEachEngine('hostile input', (database) => {
  let app: FastifyInstance;
  let session: Session;
  const lines: string[] = [];

  before(async () => {
    app = await buildApp({
      database: database(),
      logLevel: 'info',
      web: false,
      logStream: { write: (line) => void lines.push(line) },
    });
    const org = await makeOrganisation(database());
    const staff = await makeStaff(database(), { organisationId: org, roles: ['care_manager'] });
    session = await signIn(app, staff.username);
  });
  after(() => app.close());

  const send = (method: 'GET' | 'POST', url: string, payload?: string) =>
    app.inject({
      method,
      url,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload !== undefined ? { payload } : {}),
    });

  it('refuses a NUL character in a text field as a 400 naming the field, and stores nothing', async () => {
    const res = await send(
      'POST',
      '/api/v1/people',
      JSON.stringify({
        nhsNumber: '9434765919',
        givenName: 'Al\u0000ex',
        familyName: 'Smith',
        dateOfBirth: '1980-01-01',
      }),
    );
    assertRefused(res, 'body.givenName');
    const people = await governedDb(database()).selectFrom('people').select('id').execute();
    assert.equal(people.length, 0);
    assertRefused(await send('GET', '/api/v1/people?q=a%00'), 'querystring.q');
    assertRefused(await send('GET', '/api/v1/people/a%009434765919'), 'params.id');
  });

  it('refuses a __proto__ key as such, naming it, not as bad JSON', async () => {
    const res = await send('POST', '/api/v1/people', '{"givenName":"A","__proto__":{"admin":true}}');
    assertRefused(res, 'body.__proto__');
    assert.match(res.json<{ detail: string }>().detail, /forbidden key/);
    assertRefused(
      await send('POST', '/api/v1/people', '{"address":{"constructor":{"prototype":{"x":1}}}}'),
      'body.address.constructor',
    );
    assertRefused(await send('POST', '/api/v1/people', '{"givenName":'), 'body');
  });

  it('answers a malformed or overlong path with a problem that does not quote it', async () => {
    assertRefused(await send('GET', '/api/v1/people/9434765919%zz'), 'path');
    assertRefused(await send('GET', `/api/v1/people/9434765919${'a'.repeat(500)}`), 'params');
    const missing = await send('GET', '/api/v1/no-such-thing/9434765919');
    assert.equal(missing.statusCode, 404);
    assert.match(String(missing.headers['content-type']), /^application\/problem\+json/);
    assert.doesNotMatch(missing.body, /9434765919|no-such-thing/);
  });

  it('answers a request the HTTP parser cannot read with a problem and the security headers', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('GET /api/v1/people/9434765919 HTTP/1.1\r\nHost: x\r\nBad Header\u0001: y\r\n\r\n');
      });
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
      });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(raw, /^HTTP\/1\.1 400 /);
    assert.match(raw, /content-type: application\/problem\+json/i);
    assert.match(raw, /x-content-type-options: nosniff/i);
    assert.match(raw, /"code":"VALIDATION_FAILED"/);
    assert.doesNotMatch(raw, /9434765919/);
  });

  it('logs paths without NHS-number-shaped values', () => {
    assert.ok(lines.length > 0);
    assert.ok(lines.some((l) => l.includes('{redacted}')));
    assert.deepEqual(
      lines.filter((l) => l.includes('9434765919')),
      [],
    );
  });
});
