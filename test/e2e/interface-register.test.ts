/**
 * The register of interfaces and workarounds: entries with owner, risk and review date; a review
 * due is the owner's work; a handover sent outside Accord links to its live entry, and one with
 * no live entry is refused naming the route, with nothing sent.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { HandoverDto } from '../../src/contracts/exchange.ts';
import type { InterfaceEntry } from '../../src/contracts/interface-register.ts';
import type { PersonDetail } from '../../src/contracts/people.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const housing = organisationId('housing');
const trust = organisationId('trust');
const DAY = 86_400_000;

type Problem = { errors: { field: string }[] };
const fieldsOf = (body: string) => (JSON.parse(body) as Problem).errors.map((e) => e.field).sort();

describeEachEngine('register of interfaces and workarounds', (database) => {
  let app: FastifyInstance;
  let ig: Session;
  let coordinator: Session;
  let personId: string;
  let entry: InterfaceEntry;
  const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
  const input = (overrides: Record<string, unknown> = {}) => ({
    title: 'Discharge summaries to the tenancy team by structured form',
    gap: 'The tenancy system cannot receive Accord handovers; the team prints a structured form.',
    route: 'MANUAL_TRANSFER',
    partnerOrganisationIds: [housing],
    ownerStaffId: staffId('cc.amara'),
    likelihood: 2,
    severity: 3,
    risk: 'A printed form could be left in a shared office.',
    mitigations: 'Hand delivered to the named officer; receipt recorded the same day.',
    reviewOn: day(10),
    ...overrides,
  });
  const send = (route: string) =>
    call(app, coordinator, 'POST', '/api/v1/handovers', {
      personId,
      template: 'CRISIS_SUMMARY',
      recipient: { organisationId: housing, staffId: staffId('ho.kerry') },
      purpose: 'DIRECT_CARE',
      route,
      fields: {
        current_risks: 'Risk to self when alone at night.',
        known_triggers: 'Letters about debt.',
        de_escalation: 'Quiet room.',
        medication_considerations: 'Holds a week of medication at home.',
        key_contacts: 'Sister; GP practice.',
      },
    });
  const handovers = async () =>
    (await governedDb(database()).selectFrom('handovers').select('id').execute()).length;
  const entries = async () =>
    (await database().db.selectFrom('interface_register').select('id').execute()).length;
  const failures = async (action: string) =>
    (
      await database()
        .db.selectFrom('audit_entries')
        .select('id')
        .where('action', '=', action)
        .where('outcome', '=', 'failure')
        .execute()
    ).length;

  before(async () => {
    const db = database();
    await loadDemo(db, { password: 'demo', people: 120 });
    app = await testApp(db);
    ig = await signIn(app, 'ig.priya', 'demo');
    coordinator = await signIn(app, 'cc.amara', 'demo');
    const housingOfficer = await signIn(app, 'ho.kerry', 'demo');
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
    assert.ok(personId, 'a person the coordinator and housing share');
  });

  it('refuses an entry naming a stranger as owner, an unknown partner or a past review date, changing nothing', async () => {
    const before = [await entries(), await failures('interface.create')];
    const res = await call(
      app,
      ig,
      'POST',
      '/api/v1/assurance/interfaces',
      input({
        ownerStaffId: staffId('ho.kerry'),
        partnerOrganisationIds: [crypto.randomUUID()],
        reviewOn: day(-1),
      }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(fieldsOf(res.body), [
      'body.ownerStaffId',
      'body.partnerOrganisationIds.0',
      'body.reviewOn',
    ]);
    assert.deepEqual(
      [await entries(), await failures('interface.create')],
      [before[0], (before[1] ?? 0) + 1],
    );
    const worker = await call(app, coordinator, 'POST', '/api/v1/assurance/interfaces', input());
    assert.equal(worker.statusCode, 403);
  });

  it('refuses a handover by a route with no live register entry, naming the route, and sends nothing', async () => {
    const before = await handovers();
    const res = await send('MANUAL_TRANSFER');
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(fieldsOf(res.body), ['body.route']);
    assert.equal(await handovers(), before);
  });

  it('links a handover sent by a registered route to its entry, and the review is the owner’s work', async () => {
    const created = await call(app, ig, 'POST', '/api/v1/assurance/interfaces', input());
    assert.equal(created.statusCode, 201, created.body);
    entry = created.json<InterfaceEntry>();
    assert.deepEqual(
      [entry.ownerName, entry.riskScore, entry.reviewState, entry.partners[0]?.organisationId],
      ['Amara Okafor', 6, 'due', housing],
    );
    const res = await send('MANUAL_TRANSFER');
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json<HandoverDto>().interfaceEntryId, entry.id);
    const accord = await send('ACCORD');
    assert.equal(accord.json<HandoverDto>().interfaceEntryId, null);
    const work = (await call(app, coordinator, 'GET', '/api/v1/worklist?limit=100')).json<Worklist>();
    const item = work.items.find((i) => i.kind === 'INTERFACE_REVIEW' && i.id === entry.id);
    assert.ok(item, 'the owner has the review');
    assert.deepEqual([item.overdue, item.link], [false, `/interfaces/${entry.id}`]);
  });

  it('lets the owner review it against the version read, and a retired route refuses handovers again', async () => {
    const update = (body: Record<string, unknown>) =>
      call(app, coordinator, 'PUT', `/api/v1/assurance/interfaces/${entry.id}`, {
        ...input(),
        status: 'live',
        expectedVersion: entry.version,
        ...body,
      });
    const stale = await update({ expectedVersion: 7 });
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(fieldsOf(stale.body), ['body.expectedVersion']);
    const reviewed = await update({ reviewOn: day(180) });
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    assert.equal(reviewed.json<InterfaceEntry>().reviewState, 'ok');
    const work = (await call(app, coordinator, 'GET', '/api/v1/worklist?limit=100')).json<Worklist>();
    assert.ok(!work.items.some((i) => i.id === entry.id), 'reviewed: no longer due');
    const entryNow = async () =>
      (await call(app, ig, 'GET', `/api/v1/assurance/interfaces/${entry.id}`)).json<InterfaceEntry>();
    const asOwner = await call(app, coordinator, 'GET', `/api/v1/assurance/interfaces/${entry.id}`);
    assert.deepEqual(asOwner.json<InterfaceEntry>().can, { edit: true, manage: false });
    assert.deepEqual((await entryNow()).can, { edit: true, manage: true });
    const council = organisationId('council');
    const widened = await update({
      partnerOrganisationIds: [housing, council],
      route: 'SECURE_EMAIL',
      status: 'retired',
      expectedVersion: 2,
    });
    assert.equal(widened.statusCode, 403, widened.body);
    assert.deepEqual(fieldsOf(widened.body), ['body.partnerOrganisationIds', 'body.route', 'body.status']);
    assert.deepEqual(
      [(await entryNow()).version, (await entryNow()).partners.length, (await entryNow()).route],
      [2, 1, 'MANUAL_TRANSFER'],
    );
    const byLead = await call(app, ig, 'PUT', `/api/v1/assurance/interfaces/${entry.id}`, {
      ...input({ reviewOn: day(180), partnerOrganisationIds: [housing, council] }),
      status: 'live',
      expectedVersion: 2,
    });
    assert.equal(byLead.statusCode, 200, byLead.body);
    const audited = await database()
      .db.selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'interface.update')
      .where('outcome', '=', 'success')
      .where('target_id', '=', entry.id)
      .orderBy('recorded_at', 'desc')
      .executeTakeFirstOrThrow();
    const details = JSON.parse(audited.details) as Record<string, unknown>;
    assert.deepEqual([details.partnersBefore, details.partnersAfter], [housing, `${housing},${council}`]);
    const retired = await call(app, ig, 'PUT', `/api/v1/assurance/interfaces/${entry.id}`, {
      ...input({ reviewOn: day(180), partnerOrganisationIds: [housing, council] }),
      status: 'retired',
      expectedVersion: 3,
    });
    assert.equal(retired.statusCode, 200, retired.body);
    const refused = await send('MANUAL_TRANSFER');
    assert.equal(refused.statusCode, 400);
    assert.deepEqual(fieldsOf(refused.body), ['body.route']);
  });

  it('refuses a handover by a route whose register entry is overdue for review, sending nothing', async () => {
    const created = await call(
      app,
      ig,
      'POST',
      '/api/v1/assurance/interfaces',
      input({ route: 'SECURE_EMAIL' }),
    );
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json<InterfaceEntry>().id;
    assert.equal((await send('SECURE_EMAIL')).statusCode, 201);
    // Every trust secure email route to housing (the demo's too) passes its review date.
    await database()
      .db.updateTable('interface_register')
      .set({ review_on: day(-1) })
      .where('organisation_id', '=', trust)
      .where('route', '=', 'SECURE_EMAIL')
      .execute();
    const before = await handovers();
    const refused = await send('SECURE_EMAIL');
    assert.equal(refused.statusCode, 400, refused.body);
    assert.deepEqual(fieldsOf(refused.body), ['body.route']);
    assert.match(refused.body, /review is overdue/);
    assert.equal(await handovers(), before);
    const reviewed = await call(app, coordinator, 'PUT', `/api/v1/assurance/interfaces/${id}`, {
      ...input({ route: 'SECURE_EMAIL', reviewOn: day(90) }),
      status: 'live',
      expectedVersion: 1,
    });
    assert.equal(reviewed.statusCode, 200, reviewed.body);
    assert.equal((await send('SECURE_EMAIL')).statusCode, 201);
  });
});
