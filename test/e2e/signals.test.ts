import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { PersonDetail } from '../../src/contracts/people.ts';
import type { AlertDto, CoordinationTimeline } from '../../src/contracts/signals.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { AuditWriter } from '../../src/server/modules/audit/index.ts';
import { escalateOverdueAlerts, sweepEscalation } from '../../src/server/modules/signals/index.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describeEachEngine('signals and escalation end to end with a test clock', (database) => {
  let app: FastifyInstance;
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const ago = (ms: number) => new Date(now().getTime() - ms).toISOString();
  let coordinator: Session;
  let housingOfficer: Session;
  let clinicalLead: Session;
  let personId: string;
  let otherPersonId: string;
  // Sessions end when idle: moving the clock days on means signing in again, as staff would.
  const advance = async (ms: number) => {
    offsetMs += ms;
    coordinator = await signIn(app, 'cc.amara', 'demo');
    housingOfficer = await signIn(app, 'ho.kerry', 'demo');
    clinicalLead = await signIn(app, 'cpn.grace', 'demo');
  };

  before(async () => {
    const db = database();
    await loadDemo(db, { password: 'demo', people: 120 });
    app = await testApp(db, now);
    coordinator = await signIn(app, 'cc.amara', 'demo');
    housingOfficer = await signIn(app, 'ho.kerry', 'demo');
    clinicalLead = await signIn(app, 'cpn.grace', 'demo');
    // People the housing officer works with whose care coordinator is Amara, with no signals yet.
    const caseload = (await call(app, housingOfficer, 'GET', '/api/v1/people?pageSize=100')).json<{
      items: { id: string }[];
    }>().items;
    const found: string[] = [];
    for (const { id } of caseload) {
      const res = await call(app, coordinator, 'GET', `/api/v1/people/${id}`);
      if (res.statusCode !== 200) continue;
      const detail = res.json<PersonDetail>();
      const coordinates = detail.careTeam.some(
        (m) => m.current && m.role === 'CARE_COORDINATOR' && m.staffId === staffId('cc.amara'),
      );
      const signals = await governedDb(db)
        .selectFrom('risk_signals')
        .select('id')
        .where('person_id', '=', id)
        .execute();
      if (coordinates && signals.length === 0) found.push(id);
      if (found.length === 2) break;
    }
    assert.equal(found.length, 2, 'the demo has people Amara coordinates and housing works with');
    [personId, otherPersonId] = found as [string, string];
  });

  const countRows = async (table: 'risk_signals' | 'care_contacts' | 'signal_alerts') =>
    Number(
      (
        await governedDb(database())
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const alertsOf = async (
    session: Session,
    kind: 'SIGNAL_ALERT' | 'SIGNAL_ALERT_ESCALATED',
    person: string,
  ) =>
    (await call(app, session, 'GET', '/api/v1/worklist?limit=100'))
      .json<Worklist>()
      .items.filter((i) => i.kind === kind && i.personId === person);

  it('a future-dated signal or contact, or an unknown prompt, is refused naming the field, and nothing is stored', async () => {
    const [signalsBefore, contactsBefore] = [
      await countRows('risk_signals'),
      await countRows('care_contacts'),
    ];
    const future = new Date(now().getTime() + HOUR).toISOString();
    const cases = [
      {
        url: 'signals',
        body: { prompt: 'SELF_HARM', observation: 'Cuts on forearm.', observedAt: future },
        field: 'body.observedAt',
      },
      {
        url: 'signals',
        body: { prompt: 'FEELING_OFF', observation: 'Something.', observedAt: ago(HOUR) },
        field: 'body.prompt',
      },
      {
        url: 'contacts',
        body: { type: 'HOME_VISIT', outcome: 'ATTENDED', occurredAt: future },
        field: 'body.occurredAt',
      },
    ];
    for (const c of cases) {
      const res = await call(app, housingOfficer, 'POST', `/api/v1/people/${personId}/${c.url}`, c.body);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
      const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
      assert.deepEqual(fields, [c.field]);
    }
    assert.equal(await countRows('risk_signals'), signalsBefore);
    assert.equal(await countRows('care_contacts'), contactsBefore);
    // Scheduling a visit ahead is not a future-dated record.
    const scheduled = await call(app, housingOfficer, 'POST', `/api/v1/people/${personId}/contacts`, {
      type: 'HOUSING_SUPPORT_SESSION',
      outcome: 'SCHEDULED',
      occurredAt: new Date(now().getTime() + 3 * DAY).toISOString(),
    });
    assert.equal(scheduled.statusCode, 201, scheduled.body);
    scheduledId = scheduled.json<{ id: string }>().id;
    const early = await call(
      app,
      housingOfficer,
      'POST',
      `/api/v1/people/${personId}/contacts/${scheduledId}/attendance`,
      { outcome: 'ATTENDED' },
    );
    assert.equal(early.statusCode, 400, early.body);
    assert.deepEqual(
      early.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['body.outcome'],
    );
  });

  let alert: AlertDto;
  let scheduledId: string;
  it('signals from different agencies over several days raise exactly one alert to the care coordinator, linking them', async () => {
    const record = async (session: Session, body: Record<string, unknown>) => {
      const res = await call(app, session, 'POST', `/api/v1/people/${personId}/signals`, body);
      assert.equal(res.statusCode, 201, res.body);
      return res.json<{ id: string }>().id;
    };
    const ids: string[] = [];
    ids.push(
      await record(housingOfficer, {
        prompt: 'HOUSING_CRISIS',
        observation: 'Notice seeking possession served for arrears.',
        observedAt: ago(HOUR),
      }),
    );
    await advance(2 * DAY);
    ids.push(
      await record(housingOfficer, {
        prompt: 'DISENGAGEMENT',
        observation: 'Not answering the door for the second week.',
        observedAt: ago(2 * HOUR),
        category: 'RISK_SUMMARY',
      }),
    );
    assert.equal(
      (await alertsOf(coordinator, 'SIGNAL_ALERT', personId)).length,
      0,
      'one agency alone raises nothing',
    );
    await advance(2 * DAY);
    ids.push(
      await record(coordinator, {
        prompt: 'EARLY_RELAPSE_SIGN',
        observation: 'Sleeping little, talking fast on the phone.',
        observedAt: ago(HOUR),
      }),
    );
    await advance(DAY);
    await record(housingOfficer, {
      prompt: 'DISENGAGEMENT',
      observation: 'Missed the rent meeting.',
      observedAt: ago(HOUR),
      category: 'RISK_SUMMARY',
    });
    // The sweep finds nothing new to raise either: the same signals never raise a second alert.
    await sweepEscalation(database(), now(), { audit: new AuditWriter(database()) });

    const items = await alertsOf(coordinator, 'SIGNAL_ALERT', personId);
    assert.equal(items.length, 1, 'exactly one alert');
    const res = await call(app, coordinator, 'GET', `/api/v1/signal-alerts/${items[0]?.id}`);
    assert.equal(res.statusCode, 200, res.body);
    alert = res.json<AlertDto>();
    assert.equal(alert.kind, 'RISING_RISK');
    assert.equal(alert.recipientStaffId, staffId('cc.amara'));
    const links = await governedDb(database())
      .selectFrom('signal_alert_links')
      .select('signal_id')
      .where('alert_id', '=', alert.id)
      .execute();
    assert.deepEqual(links.map((l) => l.signal_id).sort(), [...ids].sort());
    // Every linked signal is either shown or counted in a withheld marker.
    const withheld = alert.withheld.reduce((n, w) => n + (w.count ?? 0), 0);
    assert.ok(alert.signals.every((s) => ids.includes(s.id)));
    assert.ok(
      alert.signals.some((s) => s.prompt === 'EARLY_RELAPSE_SIGN'),
      'her own signal is shown',
    );
    assert.ok(alert.signals.length + withheld <= ids.length);
  });

  it('an alert that is not yours is a 404, and changes nothing', async () => {
    const res = await call(app, housingOfficer, 'POST', `/api/v1/signal-alerts/${alert.id}/acknowledge`, {
      outcome: 'JOINT_VISIT',
    });
    assert.equal(res.statusCode, 404, res.body);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(
      (await call(app, housingOfficer, 'GET', `/api/v1/signal-alerts/${alert.id}`)).statusCode,
      404,
    );
  });

  it('acknowledging with an outcome is audited; a second acknowledgement is a 409 naming the alert', async () => {
    const res = await call(app, coordinator, 'POST', `/api/v1/signal-alerts/${alert.id}/acknowledge`, {
      outcome: 'JOINT_VISIT',
      note: 'Joint visit with housing on Thursday.',
    });
    assert.equal(res.statusCode, 200, res.body);
    const acked = res.json<AlertDto>();
    assert.equal(acked.outcome, 'JOINT_VISIT');
    assert.ok(acked.acknowledgedAt);
    const again = await call(app, coordinator, 'POST', `/api/v1/signal-alerts/${alert.id}/acknowledge`, {
      outcome: 'CRISIS_PLAN_UPDATED',
    });
    assert.equal(again.statusCode, 409, again.body);
    assert.deepEqual(
      again.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['params.id'],
    );
    const audit = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'actor_staff_id', 'details'])
      .where('target_id', '=', alert.id)
      .execute();
    const actions = audit.map((a) => a.action);
    assert.ok(actions.includes('signal_alert.raise'));
    assert.equal(actions.filter((a) => a === 'signal_alert.acknowledge').length, 1);
    assert.equal(actions.filter((a) => a === 'signal_alert.outcome').length, 1);
    assert.ok(
      audit.some((a) => a.action === 'signal_alert.outcome' && a.actor_staff_id === staffId('cc.amara')),
    );
    const stored = await governedDb(database())
      .selectFrom('signal_alerts')
      .select('outcome')
      .where('id', '=', alert.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.outcome, 'JOINT_VISIT', 'the second acknowledgement changed nothing');
    assert.equal((await alertsOf(coordinator, 'SIGNAL_ALERT', personId)).length, 0, 'gone from the worklist');
  });

  it('a scheduled visit missed becomes a signal once it was due; its attendance is recorded once', async () => {
    const url = `/api/v1/people/${personId}/contacts/${scheduledId}/attendance`;
    const coordinatorTry = await call(app, coordinator, 'POST', url, { outcome: 'DID_NOT_ATTEND' });
    assert.equal(coordinatorTry.statusCode, 404, 'another organisation’s contact is not theirs to record');
    const res = await call(app, housingOfficer, 'POST', url, { outcome: 'DID_NOT_ATTEND' });
    assert.equal(res.statusCode, 200, res.body);
    const derived = res.json<{ derivedSignalId: string | null }>().derivedSignalId;
    assert.ok(derived);
    const signal = await governedDb(database())
      .selectFrom('risk_signals')
      .select(['prompt', 'contact_id'])
      .where('id', '=', derived)
      .executeTakeFirstOrThrow();
    assert.equal(signal.prompt, 'MISSED_APPOINTMENT');
    assert.equal(signal.contact_id, scheduledId);
    const again = await call(app, housingOfficer, 'POST', url, { outcome: 'ATTENDED' });
    assert.equal(again.statusCode, 409, again.body);
    assert.deepEqual(
      again.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['params.contactId'],
    );
  });

  it('repeated missed medication support notifies clinical oversight, which escalates once if not acknowledged', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await call(app, housingOfficer, 'POST', `/api/v1/people/${otherPersonId}/contacts`, {
        type: 'MEDICATION_SUPPORT_VISIT',
        outcome: 'DID_NOT_ATTEND',
        occurredAt: ago(HOUR),
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.ok(
        res.json<{ derivedSignalId: string | null }>().derivedSignalId,
        'a missed visit becomes a signal',
      );
      if (i < 2) {
        assert.equal((await alertsOf(clinicalLead, 'SIGNAL_ALERT', otherPersonId)).length, 0);
        await advance(DAY);
      }
    }
    const items = await alertsOf(clinicalLead, 'SIGNAL_ALERT', otherPersonId);
    assert.equal(items.length, 1, 'the team’s clinical lead is notified');
    const detail = (
      await call(app, clinicalLead, 'GET', `/api/v1/signal-alerts/${items[0]?.id}`)
    ).json<AlertDto>();
    assert.equal(detail.kind, 'CLINICAL_OVERSIGHT');
    assert.equal(detail.trigger, 'MISSED_MEDICATION_SUPPORT');

    const audit = new AuditWriter(database());
    const escalatedAt = async () =>
      (
        await governedDb(database())
          .selectFrom('signal_alerts')
          .select('escalated_at')
          .where('id', '=', detail.id)
          .executeTakeFirstOrThrow()
      ).escalated_at;
    await escalateOverdueAlerts(database(), now(), { audit });
    assert.equal(await escalatedAt(), null, 'not due yet');
    await advance(5 * HOUR);
    await escalateOverdueAlerts(database(), now(), { audit });
    const first = await escalatedAt();
    assert.ok(first, 'escalated once due');
    assert.equal((await escalateOverdueAlerts(database(), now(), { audit })).escalated, 0, 'never twice');
    assert.equal(await escalatedAt(), first);
    const manager = await signIn(app, 'mgr.helen', 'demo');
    const escalated = await alertsOf(manager, 'SIGNAL_ALERT_ESCALATED', otherPersonId);
    assert.equal(escalated.length, 1);
    // The manager it reached opens it from the worklist and answers it.
    const opened = await call(app, manager, 'GET', `/api/v1/signal-alerts/${detail.id}`);
    assert.equal(opened.statusCode, 200, opened.body);
    const answered = await call(app, manager, 'POST', `/api/v1/signal-alerts/${detail.id}/acknowledge`, {
      outcome: 'REVIEW_BROUGHT_FORWARD',
    });
    assert.equal(answered.statusCode, 200, answered.body);
  });

  it('the coordination timeline shows signals, contacts and alerts across agencies, with markers for what is withheld', async () => {
    const res = await call(app, coordinator, 'GET', `/api/v1/people/${personId}/coordination`);
    assert.equal(res.statusCode, 200, res.body);
    const timeline = res.json<CoordinationTimeline>();
    const kinds = new Set(timeline.items.map((i) => i.kind));
    assert.ok(kinds.has('signal') && kinds.has('alert'));
    const orgs = new Set(
      timeline.items.flatMap((i) => (i.kind === 'signal' ? [i.signal.organisationId] : [])),
    );
    const total = await governedDb(database())
      .selectFrom('risk_signals')
      .select('id')
      .where('person_id', '=', personId)
      .execute();
    const shown = timeline.items.filter((i) => i.kind === 'signal').length;
    const marked = timeline.withheld
      .filter((w) => w.kind === 'signal')
      .reduce((n, w) => n + (w.count ?? 1), 0);
    assert.ok(shown + marked >= total.length, 'every signal is shown or marked withheld');
    assert.ok(orgs.size >= 1);
    const stranger = await signIn(app, 'gp.omar', 'demo');
    const refused = await call(app, stranger, 'GET', `/api/v1/people/${crypto.randomUUID()}/coordination`);
    assert.equal(refused.statusCode, 404);
  });
});
