import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { addEntry, addMembership, makeOrganisation, makePerson, makeStaff } from './harness/factories.ts';
import { call, signIn } from './harness/http.ts';

const lines: string[] = [];
let database: Database;
let app: FastifyInstance;

before(async () => {
  database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(database);
  app = await buildApp({
    database,
    logLevel: 'trace',
    web: false,
    logStream: { write: (line) => void lines.push(line) },
  });
});

after(async () => {
  await app.close();
  await database.close();
});

it('keeps names, NHS numbers, search terms, passwords and record text out of every log line', async () => {
  const org = await makeOrganisation(database);
  const staff = await makeStaff(database, {
    organisationId: org,
    roles: ['care_manager'],
    username: 'logcheck',
    password: 'a very secret phrase',
  });
  const person = await makePerson(database, { givenName: 'Zebedee', familyName: 'Quartermaine' });
  await addMembership(database, { personId: person.id, organisationId: org, staffId: staff.id });
  await addEntry(database, {
    personId: person.id,
    organisationId: org,
    authorId: staff.id,
    category: 'CRISIS_PLAN',
    body: 'Hears voices at night',
  });
  const session = await signIn(app, 'logcheck', 'a very secret phrase');
  await call(app, null, 'POST', '/api/v1/auth/login', {
    username: 'logcheck',
    password: 'wrong secret phrase',
  });
  await call(app, session, 'GET', '/api/v1/people?q=Quartermaine');
  await call(app, session, 'GET', `/api/v1/people?q=${person.nhsNumber}`);
  await call(app, session, 'GET', `/api/v1/people/${person.id}`);
  await call(app, session, 'POST', '/api/v1/people', {
    nhsNumber: '1234567890',
    givenName: 'Zebedee',
    familyName: 'Quartermaine',
    dateOfBirth: '1990-01-01',
  });
  await call(app, session, 'POST', `/api/v1/people/${person.id}/entries`, {
    category: 'RISK_SUMMARY',
    title: 'Self-harm disclosed',
    body: 'Disclosed self-harm to the housing officer',
  });
  assert.ok(lines.length > 10, 'requests were logged');
  const all = lines.join('\n');
  for (const secret of [
    'Zebedee',
    'Quartermaine',
    person.nhsNumber,
    'a very secret phrase',
    'wrong secret phrase',
    'Hears voices',
    'Self-harm',
    '1234567890',
  ]) {
    assert.ok(!all.includes(secret), `a log line contains "${secret}"`);
  }
});
