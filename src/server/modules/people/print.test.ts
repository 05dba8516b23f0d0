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
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { PersonDetail, PersonPrint } from '../../../contracts/people.ts';

describeEachEngine('printing a person page', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let outsider: Session;
  let coordinatorId: string;
  let person: { id: string };

  before(async () => {
    const db = database();
    app = await testApp(db);
    const trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    const cc = await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'print.cc' });
    coordinatorId = cc.id;
    await db.db
      .updateTable('staff')
      .set({ email: 'print.cc@trust.example.org' })
      .where('id', '=', cc.id)
      .execute();
    await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'print.outsider' });
    person = await makePerson(db, { givenName: 'Pat', familyName: 'Printer' });
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
    });
    coordinator = await signIn(app, 'print.cc');
    outsider = await signIn(app, 'print.outsider');
  });

  const printEntries = () =>
    database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'record.print')
      .where('person_id', '=', person.id)
      .execute();

  it('presents each care-team member’s job title and email as the directory holds them', async () => {
    const res = await call(app, coordinator, 'GET', `/api/v1/people/${person.id}`);
    assert.equal(res.statusCode, 200);
    const member = res.json<PersonDetail>().careTeam.find((m) => m.staffId === coordinatorId);
    assert.equal(member?.staffEmail, 'print.cc@trust.example.org');
    assert.equal(member?.staffJobTitle, 'Practitioner');
  });

  it('records a printout as a person read of kind print, with who and what, before answering', async () => {
    const res = await call(app, coordinator, 'POST', `/api/v1/people/${person.id}/print`, {});
    assert.equal(res.statusCode, 200);
    const stamp = res.json<PersonPrint>();
    assert.equal(stamp.printedBy, 'Staff print.cc');
    assert.ok(Date.parse(stamp.printedAt) > 0);
    const entries = await printEntries();
    assert.equal(entries.length, 1);
    const [entry] = entries;
    assert.equal(entry?.actor_staff_id, coordinatorId);
    assert.equal(entry?.outcome, 'permit');
    assert.equal(entry?.request_id, stamp.reference);
    assert.ok(entry?.categories.split(',').includes('CRISIS_PLAN'));
    assert.equal(JSON.parse(entry?.details ?? '{}').kind, 'print');
  });

  it('answers a caller who may not know the person with 404 and records no printout', async () => {
    const before = (await printEntries()).length;
    const res = await call(app, outsider, 'POST', `/api/v1/people/${person.id}/print`, {});
    assert.equal(res.statusCode, 404);
    const missing = await call(app, outsider, 'POST', `/api/v1/people/${crypto.randomUUID()}/print`, {});
    assert.equal(missing.statusCode, 404);
    assert.equal((await printEntries()).length, before);
  });

  it('refuses a body with fields as bad input', async () => {
    const res = await call(app, coordinator, 'POST', `/api/v1/people/${person.id}/print`, { copies: 2 });
    assert.equal(res.statusCode, 400);
  });
});
