/**
 * After an IG incident: the post-incident review (versioned), links to the handovers and signals
 * involved (through the door: only someone the IG lead's organisation cares for, only that
 * person's handover), and actions with named owners in their worklists. Closing without root
 * cause or learning stays refused.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { IncidentAction, IncidentReview } from '../../src/contracts/incident-review.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { demoId, organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const trust = organisationId('trust');
const open = demoId('incident:lost-referral-letter');
const DAY = 86_400_000;

type Problem = { errors: { field: string }[] };
const fieldsOf = (body: string) => (JSON.parse(body) as Problem).errors.map((e) => e.field).sort();

describeEachEngine('post-incident review and incident actions', (database) => {
  let app: FastifyInstance;
  let ig: Session;
  let manager: Session;
  let handover: { id: string; person_id: string };
  let otherPerson: string;
  let action: IncidentAction;
  const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
  const failures = async (action: string) =>
    (
      await database()
        .db.selectFrom('audit_entries')
        .select('id')
        .where('action', '=', action)
        .where('outcome', '=', 'failure')
        .execute()
    ).length;
  const review = async () => {
    const res = await call(app, ig, 'GET', `/api/v1/assurance/incidents/${open}/review`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json<IncidentReview>();
  };

  before(async () => {
    const db = database();
    await loadDemo(db, { password: 'demo', people: 120 });
    app = await testApp(db);
    ig = await signIn(app, 'ig.priya', 'demo');
    manager = await signIn(app, 'mgr.helen', 'demo');
    const full = governedDb(db);
    const sent = await full
      .selectFrom('handovers')
      .select(['id', 'person_id'])
      .where('sender_org_id', '=', trust)
      .orderBy('id')
      .executeTakeFirst();
    assert.ok(sent, 'the demo has a handover the trust sent');
    handover = sent;
    const other = await full
      .selectFrom('care_team_memberships')
      .select('person_id')
      .where('organisation_id', '=', trust)
      .where('person_id', '!=', sent.person_id)
      .orderBy('person_id')
      .executeTakeFirst();
    assert.ok(other);
    otherPerson = other.person_id;
  });

  it('records the post-incident review against the version read', async () => {
    const before = await failures('incident.review.write');
    const write = (expectedVersion: number, weakPoints: string) =>
      call(app, ig, 'PUT', `/api/v1/assurance/incidents/${open}/review`, {
        weakPoints,
        whatHeld: 'The practice told us within a day.',
        expectedVersion,
      });
    const stale = await write(3, 'Posted letters');
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(fieldsOf(stale.body), ['body.expectedVersion']);
    assert.equal(await failures('incident.review.write'), before + 1);
    assert.equal((await review()).review, null);
    assert.equal((await write(0, 'Referral letters were posted with no receipt.')).statusCode, 200);
    const second = await write(1, 'Referral letters were posted with no receipt or follow-up.');
    assert.equal(second.statusCode, 200, second.body);
    assert.deepEqual(
      [second.json<IncidentReview>().review?.version, second.json<IncidentReview>().review?.weakPoints],
      [2, 'Referral letters were posted with no receipt or follow-up.'],
    );
  });

  it('links a handover involved only through the door: the person’s own handover, someone the trust cares for', async () => {
    const link = (body: Record<string, unknown>) =>
      call(app, ig, 'POST', `/api/v1/assurance/incidents/${open}/links`, { kind: 'HANDOVER', ...body });
    const wrong = await link({ id: handover.id, personId: otherPerson });
    assert.equal(wrong.statusCode, 400, wrong.body);
    assert.deepEqual(fieldsOf(wrong.body), ['body.id']);
    const nobody = await link({ id: handover.id, personId: crypto.randomUUID() });
    assert.equal(nobody.statusCode, 404);
    assert.deepEqual((await review()).links, []);
    const ok = await link({ id: handover.id, personId: handover.person_id });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(
      ok.json<IncidentReview>().links.map((l) => [l.kind, l.id, l.personId]),
      [['HANDOVER', handover.id, handover.person_id]],
    );
    const listed = await database()
      .db.selectFrom('audit_entries')
      .select('person_id')
      .where('action', '=', 'incident.flow.list')
      .execute();
    assert.ok(
      listed.some((e) => e.person_id === handover.person_id),
      'showing the link is audited',
    );
    const signal = await governedDb(database())
      .selectFrom('risk_signals as s')
      .innerJoin('care_team_memberships as m', 'm.person_id', 's.person_id')
      .select(['s.id', 's.person_id'])
      .where('m.organisation_id', '=', trust)
      .orderBy('s.id')
      .executeTakeFirst();
    assert.ok(signal, 'the demo has a risk signal about someone the trust cares for');
    const signalLink = await link({ kind: 'SIGNAL', id: signal.id, personId: signal.person_id });
    assert.equal(signalLink.statusCode, 200, signalLink.body);
    assert.deepEqual(
      signalLink
        .json<IncidentReview>()
        .links.map((l) => l.kind)
        .sort(),
      ['HANDOVER', 'SIGNAL'],
    );
    // A council IG lead neither sees the trust's incident nor links to it.
    const council = await signIn(app, 'ig.daniel', 'demo');
    const stranger = await call(app, council, 'POST', `/api/v1/assurance/incidents/${open}/links`, {
      kind: 'HANDOVER',
      id: handover.id,
      personId: handover.person_id,
    });
    assert.equal(stranger.statusCode, 404);
  });

  it('lists a link to someone the trust no longer has any record of caring for as withheld, unaudited', async () => {
    const full = governedDb(database());
    const council = organisationId('council');
    const moved = await full
      .selectFrom('care_team_memberships')
      .select('id')
      .where('person_id', '=', handover.person_id)
      .where('organisation_id', '=', trust)
      .execute();
    const listedFor = async () =>
      (
        await database()
          .db.selectFrom('audit_entries')
          .select('id')
          .where('action', '=', 'incident.flow.list')
          .where('person_id', '=', handover.person_id)
          .execute()
      ).length;
    const before = await listedFor();
    const ids = moved.map((m) => m.id);
    await full
      .updateTable('care_team_memberships')
      .set({ organisation_id: council })
      .where('id', 'in', ids)
      .execute();
    try {
      const links = (await review()).links;
      const mine = links.find((l) => l.kind === 'HANDOVER' && l.id === handover.id);
      assert.deepEqual([mine?.personId, mine?.withheld], [null, true]);
      assert.ok(
        links.some((l) => l.kind === 'SIGNAL' && l.personId !== null && !l.withheld),
        'the other link is still shown',
      );
      assert.equal(await listedFor(), before, 'a person withheld is not audited as shown');
    } finally {
      await full
        .updateTable('care_team_memberships')
        .set({ organisation_id: trust })
        .where('id', 'in', ids)
        .execute();
    }
    const again = (await review()).links.find((l) => l.id === handover.id);
    assert.deepEqual([again?.personId, again?.withheld], [handover.person_id, false]);
    assert.equal(await listedFor(), before + 1);
  });

  it('puts each action in its owner’s worklist until the owner records it done', async () => {
    const before = await failures('incident.action.create');
    const actionsBefore = (await review()).actions.length;
    const bad = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${open}/actions`, {
      description: 'Send referrals through Accord',
      ownerStaffId: staffId('ho.kerry'),
      dueOn: day(-2),
    });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(fieldsOf(bad.body), ['body.dueOn', 'body.ownerStaffId']);
    assert.equal(await failures('incident.action.create'), before + 1);
    assert.equal((await review()).actions.length, actionsBefore);
    const res = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${open}/actions`, {
      description: 'Send GP referrals through the registered transfer route with a receipt',
      ownerStaffId: staffId('mgr.helen'),
      dueOn: day(7),
    });
    assert.equal(res.statusCode, 201, res.body);
    action = res.json<IncidentAction>();
    const work = async () =>
      (await call(app, manager, 'GET', '/api/v1/worklist?limit=100'))
        .json<Worklist>()
        .items.filter((i) => i.kind === 'INCIDENT_ACTION');
    const item = (await work()).find((i) => i.id === action.id);
    assert.deepEqual([item?.overdue, item?.link], [false, '/incident-actions']);
    const coordinator = await signIn(app, 'cc.amara', 'demo');
    const notTheirs = await call(
      app,
      coordinator,
      'POST',
      `/api/v1/assurance/incident-actions/${action.id}/complete`,
      {
        note: 'Done',
      },
    );
    assert.equal(notTheirs.statusCode, 404);
    const done = await call(
      app,
      manager,
      'POST',
      `/api/v1/assurance/incident-actions/${action.id}/complete`,
      {
        note: 'Referral route agreed with the practice manager.',
      },
    );
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json<IncidentAction>().status, 'done');
    assert.ok(!(await work()).some((i) => i.id === action.id), 'done: off the worklist');
    const again = await call(
      app,
      manager,
      'POST',
      `/api/v1/assurance/incident-actions/${action.id}/complete`,
      {
        note: 'Again',
      },
    );
    assert.equal(again.statusCode, 409);
  });

  it('still refuses to close an incident without root cause and learning', async () => {
    const res = await call(app, ig, 'POST', `/api/v1/assurance/incidents/${open}/close`, {});
    assert.equal(res.statusCode, 400);
    assert.deepEqual(fieldsOf(res.body), ['learning', 'rootCause']);
  });
});
