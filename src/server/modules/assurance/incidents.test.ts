import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { InvestigationCase } from '../../../contracts/assurance.ts';
import type { Problem } from '../../../contracts/errors.ts';
import type { Incident } from '../../../contracts/incidents.ts';
import type { Worklist } from '../../../contracts/work.ts';

const NOW = new Date('2025-03-12T11:00:00.000Z');
const WINDOW = { from: '2025-03-12T10:00:00.000Z', to: '2025-03-12T12:00:00.000Z' };

describeEachEngine('IG incidents API', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let ig: Session;
  let otherIg: Session;
  let known: string;
  let stranger: string;
  let incident: Incident;

  const input = {
    kind: 'MIS_SHARING',
    title: 'Crisis plan emailed to the wrong housing officer',
    summary: 'A crisis plan went to a housing officer not on the care team.',
    detectedAt: '2025-03-12T09:00:00.000Z',
    likelihood: 4,
    severity: 3,
  };
  const failures = (action: string) =>
    database()
      .db.selectFrom('audit_entries')
      .select('outcome')
      .where('action', '=', action)
      .where('outcome', '=', 'failure')
      .execute();

  before(async () => {
    const db = database();
    app = await testApp(db, () => NOW);
    const trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    const council = await makeOrganisation(db, { name: 'Council', type: 'LOCAL_AUTHORITY' });
    const cc = await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'coord' });
    await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'ig.trust' });
    await makeStaff(db, { organisationId: council, roles: ['ig_lead'], username: 'ig.council' });
    known = (await makePerson(db)).id;
    stranger = (await makePerson(db)).id;
    await addMembership(db, { personId: known, organisationId: trust, staffId: cc.id });
    coordinator = await signIn(app, 'coord');
    ig = await signIn(app, 'ig.trust');
    otherIg = await signIn(app, 'ig.council');
  });

  after(async () => {
    await app.close();
  });

  it('promotes an anomaly case to an incident carrying its evidence, once', async () => {
    assert.equal((await call(app, coordinator, 'GET', `/api/v1/people/${stranger}`)).statusCode, 404);
    assert.equal(
      (await call(app, ig, 'POST', '/api/v1/assurance/anomaly-detection/run', WINDOW)).statusCode,
      200,
    );
    const cases = (await call(app, ig, 'GET', '/api/v1/assurance/cases')).json<{
      items: InvestigationCase[];
    }>();
    const found = cases.items[0];
    assert.ok(found);
    const promoted = await call(app, ig, 'POST', `/api/v1/assurance/cases/${found.id}/incident`, {
      ...input,
      kind: 'NEAR_MISS',
      likelihood: 1,
      severity: 2,
    });
    assert.equal(promoted.statusCode, 201, promoted.body);
    const body = promoted.json<Incident>();
    assert.equal(body.anomalyCaseId, found.id);
    assert.equal(body.auditEntryIds.length, 1);
    assert.equal(body.reportable, false);
    assert.equal(body.notifyIcoBy, null);
    const again = await call(app, ig, 'POST', `/api/v1/assurance/cases/${found.id}/incident`, input);
    assert.equal(again.statusCode, 409);
  });

  it('grades a reportable incident and puts its 72-hour ICO deadline in the IG lead’s worklist', async () => {
    const bad = await call(app, ig, 'POST', '/api/v1/assurance/incidents', {
      ...input,
      auditEntryIds: [crypto.randomUUID()],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(
      bad.json<Problem>().errors?.map((e) => e.field),
      ['auditEntryIds.0'],
    );
    const res = await call(app, ig, 'POST', '/api/v1/assurance/incidents', input);
    assert.equal(res.statusCode, 201, res.body);
    incident = res.json<Incident>();
    assert.equal(incident.grade, 12);
    assert.equal(incident.reportable, true);
    assert.equal(incident.notifyIcoBy, '2025-03-15T09:00:00.000Z');
    const work = (await call(app, ig, 'GET', '/api/v1/worklist?limit=100')).json<Worklist>();
    assert.deepEqual(
      work.items.filter((i) => i.kind === 'ICO_NOTIFICATION').map((i) => [i.id, i.dueAt]),
      [[incident.id, '2025-03-15T09:00:00.000Z']],
    );
    assert.equal(
      (await call(app, otherIg, 'GET', `/api/v1/assurance/incidents/${incident.id}`)).statusCode,
      404,
    );
    assert.equal((await call(app, coordinator, 'GET', '/api/v1/assurance/incidents')).statusCode, 403);
  });

  it('links people affected only through the door', async () => {
    const linked = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${incident.id}/people`, {
      personId: known,
    });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.equal(linked.json<Incident>().peopleAffected, 1);
    const twice = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${incident.id}/people`, {
      personId: known,
    });
    assert.equal(twice.json<Incident>().peopleAffected, 1);
    const unknown = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${incident.id}/people`, {
      personId: stranger,
    });
    assert.equal(unknown.statusCode, 404);
    const denied = await database()
      .db.selectFrom('audit_entries')
      .select('outcome')
      .where('action', '=', 'incident.person.link')
      .where('person_id', '=', stranger)
      .execute();
    assert.deepEqual(
      denied.map((d) => d.outcome),
      ['deny'],
    );
  });

  it('closes only once root cause and learning are recorded, naming what is missing, and audits the refusal', async () => {
    const early = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${incident.id}/close`, {});
    assert.equal(early.statusCode, 400);
    assert.equal(early.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.deepEqual(
      early.json<Problem>().errors?.map((e) => e.field),
      ['rootCause', 'learning'],
    );
    assert.equal((await failures('incident.close')).length, 1);
    const updated = await call(app, ig, 'PUT', `/api/v1/assurance/incidents/${incident.id}`, {
      investigation: 'The address book offered two officers with the same surname.',
      rootCause: 'Autocomplete picked the wrong recipient.',
      learning: 'Crisis plans go through Accord’s handover, never email.',
      actions: [
        {
          description: 'Disable autocomplete for the team mailbox',
          owner: 'IT service desk',
          dueOn: '2025-03-31',
        },
      ],
      icoNotifiedAt: '2025-03-13T10:00:00.000Z',
    });
    assert.equal(updated.statusCode, 200, updated.body);
    const closed = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${incident.id}/close`, {});
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<Incident>().status, 'closed');
    const work = (await call(app, ig, 'GET', '/api/v1/worklist?limit=100')).json<Worklist>();
    assert.equal(work.counts.byKind.ICO_NOTIFICATION, 0);
  });
});
