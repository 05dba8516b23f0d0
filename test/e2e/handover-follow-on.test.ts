/**
 * What a handover starts and what follows it: fields prefilled from the record (owned by the
 * entry's organisation), the "information missing" escalation resolved by the sender's manager,
 * and acknowledgement tasks on their owners' worklists, closable by the owner only.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { HandoverAction, HandoverDto, Prefill } from '../../src/contracts/exchange.ts';
import type { PersonDetail } from '../../src/contracts/people.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { deliverInterimDecisions } from '../../src/server/modules/exchange/index.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const housing = organisationId('housing');
const trust = organisationId('trust');
const DAY = 86_400_000;

const discharge = {
  current_risks: 'Low mood since the move.',
  triggers: 'Letters about rent arrears.',
  contact_expectations: 'Weekly visit.',
  immediate_actions: 'Check the heating.',
  follow_up_due: 'Within 72 hours.',
  medication: 'Sertraline 100 mg.',
  key_contacts: 'Sister; GP practice.',
};

type Problem = { errors: { field: string }[] };
const fieldsOf = (body: string) => (JSON.parse(body) as Problem).errors.map((e) => e.field);

describeEachEngine('what follows a handover', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let housingOfficer: Session;
  let trustManager: Session;
  let personId: string;
  const draft = (overrides: Record<string, unknown> = {}) => ({
    personId,
    template: 'DISCHARGE_STEP_DOWN',
    recipient: { organisationId: housing, staffId: staffId('ho.kerry') },
    purpose: 'DIRECT_CARE',
    route: 'ACCORD',
    fields: discharge,
    ...overrides,
  });
  const handoverCount = async () =>
    (await governedDb(database()).selectFrom('handovers').select('id').execute()).length;
  const worklist = async (session: Session) => {
    const r = await call(app, session, 'GET', '/api/v1/worklist?limit=100');
    assert.equal(r.statusCode, 200, r.body);
    return r.json<Worklist>();
  };

  before(async () => {
    const db = database();
    await loadDemo(db, { password: 'demo', people: 120 });
    app = await testApp(db);
    coordinator = await signIn(app, 'cc.amara', 'demo');
    housingOfficer = await signIn(app, 'ho.kerry', 'demo');
    trustManager = await signIn(app, 'mgr.helen', 'demo');
    const caseload = (await call(app, housingOfficer, 'GET', '/api/v1/people?pageSize=100')).json<{
      items: { id: string }[];
    }>().items;
    for (const { id } of caseload) {
      const mine = await call(app, coordinator, 'GET', `/api/v1/people/${id}`);
      if (mine.statusCode !== 200) continue;
      const risk = mine.json<PersonDetail>().sections.find((s) => s.category === 'RISK_SUMMARY');
      if (risk?.entries.some((e) => e.organisationId === trust)) {
        personId = id;
        break;
      }
    }
    assert.ok(personId, 'a person the coordinator and housing share, with a trust risk summary');
  });

  it('prefills fields from the entries the sender may see, naming each entry and its owner', async () => {
    const res = await call(
      app,
      coordinator,
      'GET',
      `/api/v1/handovers/prefill?personId=${personId}&template=DISCHARGE_STEP_DOWN`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const prefill = res.json<Prefill>();
    const risks = prefill.fields.find((f) => f.key === 'current_risks');
    assert.ok(risks, 'the record’s risk summary fills current risks');
    const seen = (await call(app, coordinator, 'GET', `/api/v1/people/${personId}`)).json<PersonDetail>();
    const visible = seen.sections.flatMap((s) => s.entries);
    for (const f of prefill.fields) {
      const entry = visible.find((e) => e.id === f.source.entryId);
      assert.ok(entry, `${f.key} comes from an entry the sender may see`);
      assert.equal(entry.organisationId, f.source.organisationId);
      assert.equal(entry.body, f.value);
    }
    const unknown = await call(
      app,
      coordinator,
      'GET',
      `/api/v1/handovers/prefill?personId=${crypto.randomUUID()}&template=DISCHARGE_STEP_DOWN`,
    );
    assert.equal(unknown.statusCode, 404);
    const bad = await call(
      app,
      coordinator,
      'GET',
      `/api/v1/handovers/prefill?personId=${personId}&template=POSTCARD`,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.match(bad.body, /template/);
  });

  it('a field sent from the record carries the owner of its entry; a source that is not the person’s is refused naming it', async () => {
    const prefill = (
      await call(
        app,
        coordinator,
        'GET',
        `/api/v1/handovers/prefill?personId=${personId}&template=DISCHARGE_STEP_DOWN`,
      )
    ).json<Prefill>();
    const risks = prefill.fields.find((f) => f.key === 'current_risks');
    assert.ok(risks);
    const before = await handoverCount();
    const forged = await call(
      app,
      coordinator,
      'POST',
      '/api/v1/handovers',
      draft({ sources: { current_risks: crypto.randomUUID() } }),
    );
    assert.equal(forged.statusCode, 400, forged.body);
    assert.deepEqual(fieldsOf(forged.body), ['body.sources.current_risks']);
    assert.equal(await handoverCount(), before, 'nothing stored');
    const sent = await call(
      app,
      coordinator,
      'POST',
      '/api/v1/handovers',
      draft({
        fields: { ...discharge, current_risks: `${risks.value} Edited by the sender.` },
        sources: { current_risks: risks.source.entryId },
      }),
    );
    assert.equal(sent.statusCode, 201, sent.body);
    const h = sent.json<HandoverDto>();
    const row = await governedDb(database())
      .selectFrom('handover_fields')
      .selectAll()
      .where('handover_id', '=', h.id)
      .where('key', '=', 'current_risks')
      .executeTakeFirstOrThrow();
    assert.equal(row.owner_org_id, risks.source.organisationId);
    assert.equal(row.source_entry_id, risks.source.entryId);
    assert.match(row.value ?? '', /Edited by the sender/, 'the prefilled value stayed editable');
  });

  let gapId: string;
  it('“information missing” goes to the sender’s manager, who resolves it; the worklist item clears', async () => {
    const { triggers: _left, ...fields } = discharge;
    const sent = await call(
      app,
      coordinator,
      'POST',
      '/api/v1/handovers',
      draft({ fields, informationMissing: true }),
    );
    assert.equal(sent.statusCode, 201, sent.body);
    const h = sent.json<HandoverDto>();
    gapId = h.id;
    const gap = h.escalations.find((e) => e.reason === 'INFORMATION_MISSING');
    assert.equal(gap?.toStaffId, staffId('mgr.helen'));
    const isMine = (w: Worklist) =>
      w.items.some((i) => i.kind === 'HANDOVER_ESCALATION' && i.link === `/handovers/${h.id}`);
    assert.ok(isMine(await worklist(trustManager)), 'on the manager’s worklist');
    const path = `/api/v1/handovers/${h.id}/missing-information`;
    const noReason = await call(app, trustManager, 'POST', path, {});
    assert.equal(noReason.statusCode, 400, noReason.body);
    assert.deepEqual(fieldsOf(noReason.body), ['body.reason']);
    const notMissing = await call(app, trustManager, 'POST', path, { fields: { key_contacts: 'x' } });
    assert.equal(notMissing.statusCode, 400);
    assert.ok(fieldsOf(notMissing.body).includes('body.fields.key_contacts'));
    const lead = await call(app, housingOfficer, 'POST', path, { reason: 'Not known' });
    assert.equal(lead.statusCode, 403, 'the recipient’s lead does not resolve the sender’s gap');
    const done = await call(app, trustManager, 'POST', path, { fields: { triggers: 'Nights alone.' } });
    assert.equal(done.statusCode, 200, done.body);
    const resolved = done.json<HandoverDto>();
    assert.deepEqual(resolved.missingFields, []);
    assert.equal(resolved.informationMissing, false);
    assert.ok(resolved.escalations.find((e) => e.reason === 'INFORMATION_MISSING')?.resolvedAt);
    assert.equal(resolved.fields.find((f) => f.key === 'triggers')?.value, 'Nights alone.');
    assert.ok(!isMine(await worklist(trustManager)), 'gone from the worklist');
    const again = await call(app, trustManager, 'POST', path, { reason: 'again' });
    assert.equal(again.statusCode, 409);
    const audited = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('action', '=', 'handover.resolve_missing')
      .where('target_id', '=', h.id)
      .execute();
    assert.equal(audited.length, 1);
  });

  it('a task set at acknowledgement is on its owner’s worklist and only its owner closes it', async () => {
    const due = new Date(Date.now() + DAY).toISOString();
    const ack = await call(app, housingOfficer, 'POST', `/api/v1/handovers/${gapId}/acknowledge`, {
      actions: [{ description: 'Visit within two days', ownerStaffId: staffId('ho.kerry'), dueAt: due }],
    });
    assert.equal(ack.statusCode, 200, ack.body);
    const task = ack.json<HandoverDto>().actions[0];
    assert.ok(task);
    const item = (await worklist(housingOfficer)).items.find(
      (i) => i.kind === 'HANDOVER_ACTION' && i.id === task.id,
    );
    assert.ok(item, 'on the owner’s worklist');
    assert.equal(item.link, `/handovers/${gapId}`);
    const path = `/api/v1/handover-actions/${task.id}/close`;
    const other = await call(app, coordinator, 'POST', path, { note: 'Done' });
    assert.equal(other.statusCode, 404, 'someone else’s task is not theirs to know');
    const empty = await call(app, housingOfficer, 'POST', path, {});
    assert.equal(empty.statusCode, 400);
    assert.deepEqual(fieldsOf(empty.body), ['body.note']);
    const closed = await call(app, housingOfficer, 'POST', path, { note: 'Visited; heating fixed.' });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<HandoverAction>().status, 'done');
    assert.ok(!(await worklist(housingOfficer)).items.some((i) => i.id === task.id), 'cleared');
    assert.equal((await call(app, housingOfficer, 'POST', path, { note: 'again' })).statusCode, 409);
  });

  it('a duty worker finds a person by name and date of birth, audited, and break-glass opens the whole crisis summary', async () => {
    const duty = await signIn(app, 'duty.leon', 'demo');
    const person = await governedDb(database())
      .selectFrom('people')
      .selectAll()
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    const search = (session: Session, query: string) =>
      call(app, session, 'GET', `/api/v1/crisis-line/people?${query}`);
    const q = `familyName=${encodeURIComponent(person.family_name.toUpperCase())}&dateOfBirth=${person.date_of_birth}`;
    const found = await search(duty, q);
    assert.equal(found.statusCode, 200, found.body);
    const match = found
      .json<{ items: { nhsNumber: string }[] }>()
      .items.find((m) => m.nhsNumber === person.nhs_number);
    assert.ok(match, 'found by family name (any case) and date of birth');
    assert.equal((await search(coordinator, q)).statusCode, 403, 'only duty workers search the partnership');
    const bad = await search(
      duty,
      `familyName=${encodeURIComponent(person.family_name)}&dateOfBirth=31-12-1980`,
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /dateOfBirth/);
    const audited = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'crisis.search')
      .where('person_id', '=', personId)
      .execute();
    assert.equal(audited.length, 1, 'each search audited, one entry per person shown');
    assert.ok(!JSON.stringify(audited).includes(person.family_name), 'the search terms are not logged');
    const granted = await call(app, duty, 'POST', '/api/v1/break-glass', {
      nhsNumber: match.nhsNumber,
      reason: 'Called the crisis line at 02:00; risk to life',
    });
    assert.equal(granted.statusCode, 201, granted.body);
    assert.deepEqual(granted.json<{ categories: string[] }>().categories.sort(), [
      'CONTACTS_CARERS',
      'CRISIS_PLAN',
      'MEDICATION',
      'RISK_SUMMARY',
    ]);
  });

  it('an interim decision with its authority and rationale reaches the care coordinator next working day, once', async () => {
    const duty = await signIn(app, 'duty.leon', 'demo');
    const path = `/api/v1/people/${personId}/interim-decisions`;
    const bad = await call(app, duty, 'POST', path, { authority: 'HUNCH', decision: 'x', rationale: 'y' });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(fieldsOf(bad.body), ['body.authority']);
    assert.equal(
      (
        await call(app, coordinator, 'POST', path, {
          authority: 'CLINICAL_JUDGEMENT',
          decision: 'x',
          rationale: 'y',
        })
      ).statusCode,
      403,
    );
    const res = await call(app, duty, 'POST', path, {
      authority: 'DUTY_INTERIM_AUTHORITY',
      decision: 'Arranged for the sister to stay overnight; crisis team to phone at 10:00.',
      rationale: 'Safer at home with family than an admission tonight.',
    });
    assert.equal(res.statusCode, 201, res.body);
    const decision = res.json<{ id: string; deliverAt: string }>();
    const deliverAt = new Date(decision.deliverAt);
    assert.ok(deliverAt.getTime() > Date.now());
    assert.ok(![0, 6].includes(deliverAt.getUTCDay()), 'a working day');
    assert.equal((await deliverInterimDecisions(database(), new Date())).delivered, 0, 'not before its time');
    assert.equal((await deliverInterimDecisions(database(), deliverAt)).delivered, 1);
    assert.equal((await deliverInterimDecisions(database(), deliverAt)).delivered, 0, 'delivered once');
    const db = governedDb(database());
    const row = await db
      .selectFrom('crisis_interim_decisions')
      .selectAll()
      .where('id', '=', decision.id)
      .executeTakeFirstOrThrow();
    assert.ok(row.handover_id);
    const h = await db
      .selectFrom('handovers')
      .selectAll()
      .where('id', '=', row.handover_id)
      .executeTakeFirstOrThrow();
    const coordinatorOf = await db
      .selectFrom('care_team_memberships')
      .select('staff_id')
      .where('person_id', '=', personId)
      .where('role', '=', 'CARE_COORDINATOR')
      .where('end_date', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(h.lead_staff_id, coordinatorOf.staff_id);
    assert.equal(h.sender_staff_id, staffId('duty.leon'));
    const actions = await db
      .selectFrom('handover_fields')
      .select('value')
      .where('handover_id', '=', h.id)
      .where('key', '=', 'actions_taken')
      .executeTakeFirstOrThrow();
    assert.match(actions.value ?? '', /interim authority.*Rationale: Safer at home/s);
  });
});
