import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { AuditEntryDto } from '../../../contracts/audit.ts';

describeEachEngine('audit explorer names', (database) => {
  let app: FastifyInstance;
  let ig: Session;
  let lapsed: Session;
  let personId: string;
  let coordinatorId: string;

  before(async () => {
    const db = database();
    app = await testApp(db);
    const trust = await makeOrganisation(db, { name: 'Northshire Trust', type: 'NHS_TRUST' });
    const cc = await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'names.cc' });
    coordinatorId = cc.id;
    await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'names.outsider' });
    await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'names.ig' });
    await makeStaff(db, {
      organisationId: trust,
      roles: ['ig_lead'],
      username: 'names.lapsed',
      igExpiresOn: '2020-01-01',
    });
    personId = (await makePerson(db, { givenName: 'Nia', familyName: 'Named' })).id;
    await addMembership(db, { personId, organisationId: trust, staffId: cc.id, role: 'CARE_COORDINATOR' });
    await call(app, await signIn(app, 'names.cc'), 'GET', `/api/v1/people/${personId}`);
    await call(app, await signIn(app, 'names.outsider'), 'GET', `/api/v1/people/${personId}`);
    ig = await signIn(app, 'names.ig');
    lapsed = await signIn(app, 'names.lapsed');
  });

  const entries = async (session: Session, query: string) => {
    const res = await call(app, session, 'GET', `/api/v1/audit/entries?${query}`);
    assert.equal(res.statusCode, 200);
    return res.json<{ items: AuditEntryDto[] }>().items;
  };

  it('names the staff member, their job, the organisations and the person, and words each reason', async () => {
    const views = await entries(ig, `personId=${personId}&action=record.view`);
    const view = views.find((e) => e.actorStaffId === coordinatorId);
    assert.ok(view?.names);
    assert.deepEqual(view.names.actor, { name: 'Staff names.cc', jobTitle: 'Practitioner' });
    assert.equal(view.names.actorOrganisation, 'Northshire Trust');
    assert.equal(view.names.person, 'Nia Named');
    assert.equal(view.names.personWithheld, null);

    const [denied] = await entries(ig, `personId=${personId}&action=person.access.deny`);
    assert.ok(denied?.names);
    assert.deepEqual(
      denied.names.reasons.map((r) => r.code),
      ['NOT_KNOWN_TO_CALLER'],
    );
    assert.doesNotMatch(denied.names.reasons[0]?.message ?? '', /[A-Z]{3,}_[A-Z]/);

    const searches = await database()
      .db.selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'audit.search')
      .execute();
    assert.ok(
      searches.some((e) => JSON.parse(e.details).peopleNamed === '1'),
      'the search records whom it named',
    );

    const one = await call(app, ig, 'GET', `/api/v1/audit/entries/${view.id}`);
    assert.equal(one.json<AuditEntryDto>().names?.person, 'Nia Named');
  });

  it('does not name the person to an IG lead whose training has lapsed, and says why', async () => {
    const [view] = await entries(lapsed, `personId=${personId}&action=record.view`);
    assert.ok(view?.names);
    assert.equal(view.names.person, null);
    assert.match(view.names.personWithheld ?? '', /training has lapsed/);
    assert.equal(view.names.actor?.name, 'Staff names.cc');
  });
});
