import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { FollowUpDto, HandoverDto, RecipientCopy } from '../../src/contracts/exchange.ts';
import type { PersonDetail } from '../../src/contracts/people.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { AuditWriter } from '../../src/server/modules/audit/index.ts';
import { raiseDueConsentReviews } from '../../src/server/modules/consent/consent-review.job.ts';
import { escalateOverdueHandovers, markMissedFollowUps } from '../../src/server/modules/exchange/index.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { makeOrganisation, makeStaff } from '../harness/factories.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const housing = organisationId('housing');
const HOUR = 3_600_000;

const discharge = {
  current_risks: 'Low mood since the move; no current plans to harm self.',
  triggers: 'Letters about rent arrears; nights alone.',
  contact_expectations: 'Weekly visit from the housing officer; coordinator calls on Fridays.',
  immediate_actions: 'Check the heating is on and the prescription was collected.',
  follow_up_due: 'Within 72 hours of discharge.',
  medication: 'Sertraline 100 mg each morning.',
  key_contacts: 'Sister (carer), on the contacts list; GP practice.',
};

describeEachEngine('handovers end to end with a test clock', (database) => {
  let app: FastifyInstance;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  let coordinator: Session;
  let housingOfficer: Session;
  let housingManager: Session;
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

  before(async () => {
    const db = database();
    await loadDemo(db, { password: 'demo', people: 120 });
    app = await testApp(db, now);
    coordinator = await signIn(app, 'cc.amara', 'demo');
    housingOfficer = await signIn(app, 'ho.kerry', 'demo');
    housingManager = await signIn(app, 'mgr.ian', 'demo');
    // Someone both the coordinator and the housing officer know, whose copy for housing holds the
    // risk summary: chosen by asking the API, as each of them would.
    const caseload = (await call(app, housingOfficer, 'GET', '/api/v1/people?pageSize=100')).json<{
      items: { id: string }[];
    }>().items;
    for (const { id } of caseload) {
      const mine = await call(app, coordinator, 'GET', `/api/v1/people/${id}`);
      if (mine.statusCode !== 200) continue;
      const theirs = (await call(app, housingOfficer, 'GET', `/api/v1/people/${id}`)).json<PersonDetail>();
      const risk = theirs.sections.find((s) => s.category === 'RISK_SUMMARY');
      if (risk?.entries.some((e) => e.organisationId === organisationId('trust'))) {
        personId = id;
        break;
      }
    }
    assert.ok(personId, 'the demo has a person shared between the trust coordinator and housing');
  });

  const handoverCount = async () =>
    Number(
      (
        await governedDb(database())
          .selectFrom('handovers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('a handover missing a required field cannot be sent, and the error names the field', async () => {
    const before = await handoverCount();
    const { triggers: _left, ...fields } = discharge;
    const res = await call(
      app,
      coordinator,
      'POST',
      '/api/v1/handovers',
      draft({ fields: { ...fields, key_contacts: ' ' } }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    const fieldsAtFault = res
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort();
    assert.deepEqual(fieldsAtFault, ['body.fields.key_contacts', 'body.fields.triggers']);
    assert.equal(await handoverCount(), before, 'nothing was stored');
  });

  it('the preview is the recipient’s copy: medication is withheld from housing with a marker', async () => {
    const res = await call(app, coordinator, 'POST', '/api/v1/handovers/preview', draft());
    assert.equal(res.statusCode, 200, res.body);
    const copy = res.json<RecipientCopy>();
    const medication = copy.fields.find((f) => f.key === 'medication');
    assert.equal(medication?.value, null);
    assert.equal(medication?.withheld?.category, 'MEDICATION');
    assert.ok((medication?.withheld?.reasons.length ?? 0) > 0);
    const risks = copy.fields.find((f) => f.key === 'current_risks');
    assert.equal(risks?.withheld, null);
    assert.equal(risks?.value, discharge.current_risks);
  });

  let sentId: string;
  it('a sent handover keeps only the recipient’s copy and records each crossing as a disclosure', async () => {
    const res = await call(app, coordinator, 'POST', '/api/v1/handovers', draft());
    assert.equal(res.statusCode, 201, res.body);
    const h = res.json<HandoverDto>();
    sentId = h.id;
    assert.equal(h.status, 'sent');
    assert.equal(h.leadStaffId, staffId('ho.kerry'));
    assert.equal(h.fields.find((f) => f.key === 'medication')?.value, null);
    assert.ok(h.fields.find((f) => f.key === 'medication')?.withheld);
    const seen = await call(app, housingOfficer, 'GET', `/api/v1/handovers/${h.id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.ok(!seen.body.includes('Sertraline'), 'the withheld value never reaches the recipient');
    const disclosures = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'handover.disclose')
      .where('target_id', '=', h.id)
      .execute();
    assert.ok(disclosures.length > 0);
    assert.ok(disclosures.every((d) => d.recipient_org_id === housing && d.agreement_id !== null));
    assert.ok(!disclosures.some((d) => d.categories.split(',').includes('MEDICATION')));
    const withheld = await database()
      .db.selectFrom('audit_entries')
      .select('categories')
      .where('action', '=', 'handover.withhold')
      .where('target_id', '=', h.id)
      .execute();
    assert.ok(withheld.some((w) => w.categories.split(',').includes('MEDICATION')));
  });

  it('is acknowledged by its named lead: not by the sender, and not twice', async () => {
    const bySender = await call(app, coordinator, 'POST', `/api/v1/handovers/${sentId}/acknowledge`, {
      actions: [],
    });
    assert.equal(bySender.statusCode, 403, bySender.body);
    const res = await call(app, housingOfficer, 'POST', `/api/v1/handovers/${sentId}/acknowledge`, {
      note: 'Read with the team.',
      actions: [{ description: 'Visit within two days', ownerStaffId: staffId('ho.kerry') }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const h = res.json<HandoverDto>();
    assert.equal(h.status, 'acknowledged');
    assert.equal(h.acknowledgedBy, staffId('ho.kerry'));
    assert.equal(h.actions.length, 1);
    const again = await call(app, housingOfficer, 'POST', `/api/v1/handovers/${sentId}/acknowledge`, {
      actions: [],
    });
    assert.equal(again.statusCode, 409, again.body);
    const stranger = await signIn(app, 'mgr.ruth', 'demo');
    const hidden = await call(app, stranger, 'POST', `/api/v1/handovers/${sentId}/acknowledge`, {
      actions: [],
    });
    assert.equal(hidden.statusCode, 404, hidden.body);
  });

  it('an unacknowledged one escalates to the recipient’s service manager once the SLA has passed, once', async () => {
    const res = await call(app, coordinator, 'POST', '/api/v1/handovers', {
      ...draft(),
      template: 'CRISIS_ESCALATION',
      purpose: 'DIRECT_CARE',
      fields: {
        what_changed: 'Stopped answering the door since Monday.',
        current_risks: 'Risk to self raised; no known plan.',
        actions_taken: 'Crisis plan step 1 tried: sister called.',
        request: 'A welfare visit today.',
        time_sensitivity: 'Today.',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const h = res.json<HandoverDto>();
    assert.equal(Date.parse(h.dueAt) - Date.parse(h.sentAt), HOUR, 'crisis escalation SLA is one hour');
    const db = database();
    const tiersOf = async () =>
      (
        await governedDb(db)
          .selectFrom('handover_escalations')
          .select('tier')
          .where('handover_id', '=', h.id)
          .orderBy('tier')
          .execute()
      ).map((r) => r.tier);
    await escalateOverdueHandovers(db, new Date(Date.parse(h.sentAt) + 30 * 60_000));
    assert.deepEqual(await tiersOf(), [], 'not within the SLA');
    const late = new Date(Date.parse(h.sentAt) + HOUR + 60_000);
    await escalateOverdueHandovers(db, late);
    assert.deepEqual(await tiersOf(), [1]);
    assert.equal((await escalateOverdueHandovers(db, late)).escalated, 0, 'never escalates twice');
    assert.deepEqual(await tiersOf(), [1]);
    const seen = await call(app, housingManager, 'GET', `/api/v1/handovers/${h.id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    const escalations = seen.json<HandoverDto>().escalations;
    assert.deepEqual(
      escalations.map((e) => [e.tier, e.reason, e.toStaffId]),
      [[1, 'UNACKNOWLEDGED', staffId('mgr.ian')]],
    );
    const told = await governedDb(db)
      .selectFrom('handover_escalations')
      .select('notify_staff_id')
      .where('handover_id', '=', h.id)
      .executeTakeFirstOrThrow();
    assert.equal(told.notify_staff_id, staffId('cc.amara'), 'the sender is told');
    await escalateOverdueHandovers(db, new Date(Date.parse(h.sentAt) + 2 * HOUR + 60_000));
    assert.deepEqual(await tiersOf(), [1, 2], 'a further tier follows');
    const ack = await call(app, housingManager, 'POST', `/api/v1/handovers/${h.id}/acknowledge`, {
      actions: [],
    });
    assert.equal(ack.statusCode, 200, ack.body);
  });

  it('a follow-up due is tracked, then closed by a recorded contact; a missed one escalates and is counted', async () => {
    offsetMs = 0;
    const occurredAt = new Date(Date.now() - HOUR).toISOString();
    const made = await call(app, coordinator, 'POST', `/api/v1/people/${personId}/follow-ups`, {
      kind: 'INPATIENT_DISCHARGE',
      occurredAt,
      suicideRisk: true,
    });
    assert.equal(made.statusCode, 201, made.body);
    const f = made.json<FollowUpDto>();
    assert.equal(f.rule, 'FU_48_HOURS_SUICIDE_RISK');
    assert.equal(Date.parse(f.dueAt) - Date.parse(occurredAt), 48 * HOUR);
    const db = database();
    const statusOf = async (id: string) =>
      (
        await governedDb(db)
          .selectFrom('follow_ups')
          .select('status')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).status;
    await markMissedFollowUps(db, new Date(Date.now() + 24 * HOUR));
    assert.equal(await statusOf(f.id), 'due', 'still within its 48 hours');
    const early = await call(app, coordinator, 'POST', `/api/v1/follow-ups/${f.id}/contact`, {
      contactAt: new Date(Date.parse(occurredAt) - HOUR).toISOString(),
    });
    assert.equal(early.statusCode, 400, early.body);
    assert.equal(early.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.contactAt');
    offsetMs = 2 * HOUR;
    const done = await call(app, coordinator, 'POST', `/api/v1/follow-ups/${f.id}/contact`, {
      contactAt: new Date(Date.now() + HOUR).toISOString(),
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json<FollowUpDto>().status, 'done');
    offsetMs = 0;

    const other = await call(app, coordinator, 'POST', `/api/v1/people/${personId}/follow-ups`, {
      kind: 'CRISIS_STEP_DOWN',
      occurredAt,
      suicideRisk: false,
    });
    const missedOne = other.json<FollowUpDto>();
    assert.equal(missedOne.rule, 'FU_72_HOURS');
    const later = new Date(Date.parse(occurredAt) + 73 * HOUR);
    await markMissedFollowUps(db, later);
    assert.equal(await statusOf(missedOne.id), 'missed');
    assert.equal((await markMissedFollowUps(db, later)).missed, 0, 'counted once');
    const counted = await db.db
      .selectFrom('audit_entries')
      .select('id')
      .where('action', '=', 'follow_up.miss')
      .where('target_id', '=', missedOne.id)
      .execute();
    assert.equal(counted.length, 1);
    const row = await governedDb(db)
      .selectFrom('follow_ups')
      .selectAll()
      .where('id', '=', missedOne.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'missed');
    assert.equal(row.escalated_to, staffId('mgr.helen'));
  });

  it('bad input names the field and changes nothing', async () => {
    const before = await handoverCount();
    const cases: [Record<string, unknown>, string][] = [
      [draft({ template: 'NO_SUCH_TEMPLATE' }), 'body.template'],
      [draft({ fields: { ...discharge, favourite_colour: 'blue' } }), 'body.fields.favourite_colour'],
      [
        draft({ recipient: { organisationId: crypto.randomUUID(), staffId: staffId('ho.kerry') } }),
        'body.recipient.organisationId',
      ],
      [
        draft({ recipient: { organisationId: housing, staffId: staffId('cc.amara') } }),
        'body.recipient.staffId',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await call(app, coordinator, 'POST', '/api/v1/handovers', body);
      assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${field}: ${res.statusCode}`);
      const errors = res.json<{ errors?: { field: string }[] }>().errors ?? [];
      assert.ok(
        errors.some((e) => e.field.startsWith(field)),
        `${field}: ${res.body}`,
      );
    }
    assert.equal(await handoverCount(), before);
  });

  it('a recipient who may receive nothing is refused with the reasons', async () => {
    const stranger = await makeOrganisation(database(), {
      name: 'Unconnected provider',
      type: 'VOLUNTARY_SECTOR',
    });
    const worker = await makeStaff(database(), { organisationId: stranger, roles: ['care_manager'] });
    const before = await handoverCount();
    const res = await call(
      app,
      coordinator,
      'POST',
      '/api/v1/handovers',
      draft({ recipient: { organisationId: stranger, staffId: worker.id } }),
    );
    assert.equal(res.statusCode, 422, res.body);
    const errors = res.json<{ errors: { field: string; message: string }[] }>().errors;
    assert.ok(errors.every((e) => e.field === 'body.recipient.organisationId'));
    assert.ok(
      errors.some((e) => e.message.startsWith('NO_ACTIVE_AGREEMENT')),
      res.body,
    );
    assert.equal(await handoverCount(), before);
  });

  it('an escalation run that fails midway records nothing, and the next run escalates exactly once', async () => {
    const res = await call(app, coordinator, 'POST', '/api/v1/handovers', draft());
    assert.equal(res.statusCode, 201, res.body);
    const h = res.json<HandoverDto>();
    const db = database();
    const late = new Date(Date.parse(h.dueAt) + 60_000);
    const failing = new AuditWriter(db);
    failing.appendInTransaction = async () => {
      throw new Error('the audit store is unavailable');
    };
    await assert.rejects(escalateOverdueHandovers(db, late, { audit: failing }));
    const rows = () =>
      governedDb(db)
        .selectFrom('handover_escalations')
        .select('tier')
        .where('handover_id', '=', h.id)
        .execute();
    assert.equal((await rows()).length, 0, 'the failed run left no escalation behind');
    await escalateOverdueHandovers(db, late);
    assert.equal((await rows()).length, 1);
    assert.equal((await escalateOverdueHandovers(db, late)).escalated, 0);
    assert.equal((await rows()).length, 1);
  });

  it('consent reviews falling due by date are raised by the job, once, for the care coordinator', async () => {
    const db = database();
    const later = new Date(Date.now() + 3 * 365 * 24 * HOUR);
    const first = await raiseDueConsentReviews(db, later);
    assert.ok(first.raised > 0, 'three years on, some review dates have passed');
    assert.equal((await raiseDueConsentReviews(db, later)).raised, 0, 'never raised twice');
    const raised = await governedDb(db)
      .selectFrom('consent_review_tasks')
      .selectAll()
      .where('trigger', '=', 'REVIEW_DATE_REACHED')
      .where('created_by', 'is', null)
      .execute();
    assert.ok(raised.length >= first.raised);
    const open = await governedDb(db)
      .selectFrom('consent_review_tasks')
      .select('person_id')
      .where('status', '=', 'open')
      .execute();
    assert.equal(new Set(open.map((o) => o.person_id)).size, open.length, 'one open review per person');
  });

  it('the worklist shows each user their work, soonest due first, counted and paged by cursor', async () => {
    const res = await call(app, coordinator, 'POST', '/api/v1/handovers', {
      ...draft(),
      template: 'CRISIS_ESCALATION',
      fields: {
        what_changed: 'Not seen at the hostel for two days.',
        current_risks: 'Risk to self raised.',
        actions_taken: 'Sister called; no answer.',
        request: 'A welfare visit.',
        time_sensitivity: 'Within hours.',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const h = res.json<HandoverDto>();
    await escalateOverdueHandovers(database(), new Date(Date.parse(h.sentAt) + HOUR + 60_000));
    offsetMs = HOUR + 120_000;
    const worklist = async (session: Session, query = '') => {
      const r = await call(app, session, 'GET', `/api/v1/worklist${query}`);
      assert.equal(r.statusCode, 200, r.body);
      return r.json<Worklist>();
    };
    const lead = await worklist(housingOfficer);
    const toAck = lead.items.find((i) => i.kind === 'HANDOVER_ACKNOWLEDGE' && i.id === h.id);
    assert.ok(toAck, 'the lead has it to acknowledge');
    assert.equal(toAck.overdue, true);
    assert.equal(toAck.link, `/handovers/${h.id}`);
    assert.ok(toAck.personName, 'the lead knows the person, so sees the name');
    assert.ok(lead.counts.byKind.HANDOVER_ACKNOWLEDGE >= 1);
    const manager = await worklist(housingManager);
    const escalated = manager.items.find(
      (i) => i.kind === 'HANDOVER_ESCALATION' && i.link === `/handovers/${h.id}`,
    );
    assert.ok(escalated, 'the recipient’s service manager has the escalation');
    if (escalated.personName === null) assert.equal(escalated.personHidden, true);
    const sender = await worklist(coordinator, '?limit=100');
    assert.ok(
      sender.items.some((i) => i.kind === 'HANDOVER_ESCALATION' && i.link === `/handovers/${h.id}`),
      'the sender is told',
    );
    const dues = sender.items.map((i) => i.dueAt);
    assert.deepEqual(dues, [...dues].sort(), 'soonest due (so overdue) first');
    assert.equal(
      sender.counts.total,
      Object.values(sender.counts.byKind).reduce((a, b) => a + b, 0),
    );

    const paged: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 200; i++) {
      const page: Worklist = await worklist(coordinator, `?limit=3${after ? `&after=${after}` : ''}`);
      paged.push(...page.items.map((x) => `${x.kind}:${x.id}`));
      after = page.nextCursor;
      if (!after) break;
    }
    const whole = sender.items.map((x) => `${x.kind}:${x.id}`);
    assert.deepEqual(paged.slice(0, whole.length), whole, 'pages by cursor give the same list, in order');
    assert.equal(new Set(paged).size, paged.length, 'no item twice');
    const entries = await database()
      .db.selectFrom('audit_entries')
      .select(['request_id'])
      .where('action', '=', 'worklist.list')
      .where('actor_staff_id', '=', staffId('cc.amara'))
      .execute();
    assert.ok(entries.length >= sender.items.filter((i) => i.personId !== null).length);
    // Exception and break-glass reviews reach the IG lead of the organisation concerned.
    await governedDb(database())
      .insertInto('exception_reviews')
      .values({
        id: crypto.randomUUID(),
        kind: 'BREAK_GLASS',
        subject_id: crypto.randomUUID(),
        person_id: personId,
        organisation_id: organisationId('trust'),
        status: 'open',
        outcome: null,
        notes: null,
        reviewed_by: null,
        reviewed_at: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const ig = await worklist(await signIn(app, 'ig.priya', 'demo'), '?limit=100');
    const open = await governedDb(database())
      .selectFrom('exception_reviews')
      .select('kind')
      .where('organisation_id', '=', organisationId('trust'))
      .where('status', '=', 'open')
      .execute();
    assert.equal(ig.counts.byKind.EXCEPTION_REVIEW, open.filter((r) => r.kind === 'LAWFUL_EXCEPTION').length);
    assert.equal(ig.counts.byKind.BREAK_GLASS_REVIEW, open.filter((r) => r.kind === 'BREAK_GLASS').length);
    assert.ok(open.length > 0, 'the demo has exception reviews waiting');
    assert.ok(ig.items.some((i) => i.kind === 'EXCEPTION_REVIEW' || i.kind === 'BREAK_GLASS_REVIEW'));
    const bad = await call(app, coordinator, 'GET', '/api/v1/worklist?after=bm9wZQ');
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json<{ errors: { field: string }[] }>().errors[0]?.field, 'query.after');
    offsetMs = 0;
  });
});
