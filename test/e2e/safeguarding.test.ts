/**
 * Safeguarding end to end on both engines: the minimum dataset, the restricted notes (a frontline
 * worker on the care team sees the flag, never the notes, and cannot edit; a safeguarding-trained
 * lead can), protective actions closed only by their owners, the huddle list and case conference
 * disclosures in the audit log.
 */
import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { PersonDetail } from '../../src/contracts/people.ts';
import type { HuddleList, SafeguardingView } from '../../src/contracts/safeguarding.ts';
import type { Worklist } from '../../src/contracts/work.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { addMembership, makeOrganisation, makePerson, makeStaff } from '../harness/factories.ts';
import { governedDb } from '../harness/governed.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const DAY = 86_400_000;
const dayFrom = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
const NOTES = 'Nephew collects her bank card on benefit day';

describeEachEngine('safeguarding concerns, huddles and case conferences', (database) => {
  let app: FastifyInstance;
  let council: string;
  let housing: string;
  type Key = 'lead' | 'untrained' | 'frontline' | 'coordinator';
  const id = {} as Record<Key, string>;
  const as = {} as Record<Key, Session>;
  let personId: string;
  let otherPersonId: string;

  const concern = (overrides: Record<string, unknown> = {}) => ({
    enquiryType: 'CONCERN',
    abuseTypes: ['FINANCIAL_MATERIAL'],
    s42: { careAndSupportNeeds: true, atRiskOfAbuseOrNeglect: true, unableToProtectSelf: true },
    sourceOfRisk: 'OTHER_KNOWN_TO_INDIVIDUAL',
    locationOfRisk: 'Her own flat',
    immediateActions: `${NOTES}; bank asked to flag the account.`,
    protectiveActions: [
      {
        description: 'Visit with the tenancy officer and check the post',
        ownerStaffId: id.frontline,
        dueDate: dayFrom(-2),
      },
      { description: 'Refer to the appointee scheme', ownerStaffId: id.lead, dueDate: dayFrom(5) },
    ],
    adultViews: 'She wants to keep seeing her nephew but not to give him money.',
    desiredOutcomes: 'Keep control of her own money.',
    capacity: { assessment: 'HAS_CAPACITY' },
    advocacy: { needed: false },
    police: { involved: false },
    sharing: [
      { organisationId: housing, what: 'That a concern is open', why: 'Tenancy officer visits weekly' },
    ],
    ...overrides,
  });

  const count = async (table: 'safeguarding_concerns' | 'safeguarding_actions' | 'case_conferences') =>
    Number(
      (
        await governedDb(database())
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const auditOf = (action: string, personId: string) =>
    database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', action)
      .where('person_id', '=', personId)
      .execute();

  before(async () => {
    const db = database();
    app = await testApp(db);
    council = await makeOrganisation(db, { name: 'Northshire Council', type: 'LOCAL_AUTHORITY' });
    housing = await makeOrganisation(db, { name: 'Wendle Valley Homes', type: 'HOUSING_PROVIDER' });
    const tag = crypto.randomUUID().slice(0, 8);
    const staff = async (
      key: Key,
      roles: Parameters<typeof makeStaff>[1]['roles'],
      safeguardingTrained = false,
    ) => {
      const s = await makeStaff(db, {
        organisationId: council,
        roles,
        username: `${key}.${tag}`,
        safeguardingTrained,
      });
      id[key] = s.id;
      as[key] = await signIn(app, s.username);
    };
    await staff('lead', ['safeguarding_lead'], true);
    await staff('untrained', ['safeguarding_lead'], false);
    await staff('frontline', ['frontline'], true);
    await staff('coordinator', ['care_manager'], true);
    personId = (await makePerson(db)).id;
    otherPersonId = (await makePerson(db)).id;
    for (const p of [personId, otherPersonId]) {
      await addMembership(db, { personId: p, organisationId: council, staffId: id.lead, role: 'NAMED_LEAD' });
      await addMembership(db, { personId: p, organisationId: council, staffId: id.untrained, role: 'OTHER' });
      await addMembership(db, {
        personId: p,
        organisationId: council,
        staffId: id.frontline,
        role: 'SUPPORT_WORKER',
      });
      await addMembership(db, {
        personId: p,
        organisationId: council,
        staffId: id.coordinator,
        role: 'CARE_COORDINATOR',
      });
    }
  });

  it('a concern missing minimum fields is refused naming every one, and nothing is stored', async () => {
    const before = await count('safeguarding_concerns');
    const { adultViews: _views, ...rest } = concern();
    const res = await call(app, as.lead, 'POST', `/api/v1/people/${personId}/safeguarding/concerns`, {
      ...rest,
      abuseTypes: [],
      s42: { careAndSupportNeeds: true, atRiskOfAbuseOrNeglect: true },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
    const fields = res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    for (const f of ['body.adultViews', 'body.abuseTypes', 'body.s42.unableToProtectSelf'])
      assert.ok(fields.includes(f), `${f} is named in ${fields.join(', ')}`);
    assert.equal(await count('safeguarding_concerns'), before);
  });

  it('an action owner who is not a member of staff is named, and nothing is stored', async () => {
    const before = await count('safeguarding_concerns');
    const res = await call(
      app,
      as.lead,
      'POST',
      `/api/v1/people/${personId}/safeguarding/concerns`,
      concern({
        protectiveActions: [{ description: 'x', ownerStaffId: crypto.randomUUID(), dueDate: dayFrom(1) }],
      }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['body.protectiveActions.0.ownerStaffId'],
    );
    assert.equal(await count('safeguarding_concerns'), before);
  });

  it('an action owner not on the person’s care team is named, and nothing is stored', async () => {
    const outsider = await makeStaff(database(), { organisationId: council, roles: ['frontline'] });
    const before = await count('safeguarding_concerns');
    const res = await call(
      app,
      as.lead,
      'POST',
      `/api/v1/people/${personId}/safeguarding/concerns`,
      concern({
        protectiveActions: [
          { description: 'Check the post', ownerStaffId: outsider.id, dueDate: dayFrom(1) },
        ],
      }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(res.json<{ errors: { field: string; message: string }[] }>().errors, [
      { field: 'body.protectiveActions.0.ownerStaffId', message: 'must be on the person’s care team' },
    ]);
    assert.equal(await count('safeguarding_concerns'), before);
  });

  it('a frontline worker on the care team cannot record a concern, nor can an untrained lead', async () => {
    const before = await count('safeguarding_concerns');
    const byFrontline = await call(
      app,
      as.frontline,
      'POST',
      `/api/v1/people/${personId}/safeguarding/concerns`,
      concern(),
    );
    assert.equal(byFrontline.statusCode, 403, byFrontline.body);
    assert.match(byFrontline.headers['content-type'] ?? '', /application\/problem\+json/);
    const byUntrained = await call(
      app,
      as.untrained,
      'POST',
      `/api/v1/people/${personId}/safeguarding/concerns`,
      concern(),
    );
    assert.equal(byUntrained.statusCode, 403, byUntrained.body);
    const codes = byUntrained.json<{ reasons: { code: string }[] }>().reasons.map((r) => r.code);
    assert.deepEqual(codes, ['RESTRICTED_EDIT_REQUIRES_TRAINING']);
    assert.equal(await count('safeguarding_concerns'), before);
  });

  let concernId: string;
  it('a safeguarding-trained lead records a concern, which raises a consent review and is audited', async () => {
    const res = await call(
      app,
      as.lead,
      'POST',
      `/api/v1/people/${personId}/safeguarding/concerns`,
      concern(),
    );
    assert.equal(res.statusCode, 201, res.body);
    concernId = res.json<{ id: string }>().id;
    const tasks = await governedDb(database())
      .selectFrom('consent_review_tasks')
      .select(['trigger', 'status'])
      .where('person_id', '=', personId)
      .execute();
    assert.ok(tasks.some((t) => t.trigger === 'SAFEGUARDING_CONCERN' && t.status === 'open'));
    const recorded = await auditOf('safeguarding.concern.record', personId);
    assert.equal(recorded.length, 1);
    assert.equal(recorded[0]?.target_id, concernId);
  });

  it('a frontline worker on the care team sees the flag naming the lead, never the notes', async () => {
    const page = await call(app, as.frontline, 'GET', `/api/v1/people/${personId}`);
    assert.equal(page.statusCode, 200, page.body);
    const flag = page.json<PersonDetail>().safeguarding;
    assert.equal(flag?.openConcerns, 1);
    assert.deepEqual(
      flag?.contacts.map((c) => c.staffId),
      [id.lead],
    );
    const headers = await call(
      app,
      as.frontline,
      'GET',
      `/api/v1/people/headers?ids=${personId},${otherPersonId}`,
    );
    assert.deepEqual(
      headers
        .json<{ items: { id: string; safeguarding: boolean }[] }>()
        .items.map((h) => [h.id === personId, h.safeguarding])
        .sort(),
      [
        [false, false],
        [true, true],
      ],
      'the list header flags only the person with an open concern',
    );
    const view = await call(app, as.frontline, 'GET', `/api/v1/people/${personId}/safeguarding`);
    assert.equal(view.statusCode, 200, view.body);
    const body = view.json<SafeguardingView>();
    assert.equal(body.withheld, true);
    assert.deepEqual(body.concerns, []);
    assert.equal(body.can.record, false);
    assert.equal(body.flag?.contacts[0]?.staffId, id.lead);
    assert.ok(!view.body.includes(NOTES), 'the notes never reach the frontline worker');
    assert.ok(!view.body.includes('Her own flat'));
    // The action they own is theirs to see and close.
    assert.deepEqual(
      body.myActions.map((a) => a.ownerStaffId),
      [id.frontline],
    );
    const withheld = await auditOf('safeguarding.withhold', personId);
    assert.ok(withheld.some((e) => e.actor_staff_id === id.frontline && e.outcome === 'deny'));
  });

  it('the trained lead reads the notes, and the view is audited', async () => {
    const view = await call(app, as.lead, 'GET', `/api/v1/people/${personId}/safeguarding`);
    assert.equal(view.statusCode, 200, view.body);
    const body = view.json<SafeguardingView>();
    assert.equal(body.withheld, false);
    assert.equal(body.can.record, true);
    const [c] = body.concerns;
    assert.equal(c?.id, concernId);
    assert.match(c?.immediateActions ?? '', /bank card/);
    assert.equal(c?.can.edit, true);
    assert.equal(c?.protectiveActions.length, 2);
    assert.equal(c?.protectiveActions.find((a) => a.ownerStaffId === id.frontline)?.overdue, true);
    const viewed = await auditOf('safeguarding.view', personId);
    assert.ok(viewed.some((e) => e.actor_staff_id === id.lead && e.outcome === 'permit'));
  });

  it('an open action appears in its owner’s worklist, overdue', async () => {
    const res = await call(app, as.frontline, 'GET', '/api/v1/worklist');
    assert.equal(res.statusCode, 200, res.body);
    const list = res.json<Worklist>();
    const item = list.items.find((i) => i.kind === 'SAFEGUARDING_ACTION');
    assert.ok(item, 'the protective action is in the owner’s worklist');
    assert.equal(item.overdue, true);
    assert.equal(item.personId, personId);
    assert.equal(list.counts.byKind.SAFEGUARDING_ACTION, 1);
  });

  it('closing an action you do not own is a 403 and changes nothing; its owner closes it', async () => {
    const view = (
      await call(app, as.lead, 'GET', `/api/v1/people/${personId}/safeguarding`)
    ).json<SafeguardingView>();
    const action = view.concerns[0]?.protectiveActions.find((a) => a.ownerStaffId === id.frontline);
    assert.ok(action);
    const url = `/api/v1/people/${personId}/safeguarding/actions/${action.id}/complete`;
    const byLead = await call(app, as.lead, 'POST', url, { outcome: 'Visited' });
    assert.equal(byLead.statusCode, 403, byLead.body);
    assert.match(byLead.headers['content-type'] ?? '', /application\/problem\+json/);
    const stored = await governedDb(database())
      .selectFrom('safeguarding_actions')
      .selectAll()
      .where('id', '=', action.id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.status, 'open');
    assert.equal(stored.completed_at, null);
    const refused = await auditOf('safeguarding.action.complete', personId);
    assert.ok(refused.some((e) => e.outcome === 'deny' && e.actor_staff_id === id.lead));
    const empty = await call(app, as.frontline, 'POST', url, { outcome: ' ' });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.ok(empty.body.includes('body.outcome'));
    const byOwner = await call(app, as.frontline, 'POST', url, {
      outcome: 'Visited; post checked, no new letters.',
    });
    assert.equal(byOwner.statusCode, 200, byOwner.body);
    assert.equal(byOwner.json<{ status: string }>().status, 'done');
    const again = await call(app, as.frontline, 'POST', url, { outcome: 'Again' });
    assert.equal(again.statusCode, 409, again.body);
  });

  it('the huddle lists the organisation’s open concerns, overdue actions first, and records reviews', async () => {
    const later = await call(
      app,
      as.lead,
      'POST',
      `/api/v1/people/${otherPersonId}/safeguarding/concerns`,
      concern({
        abuseTypes: ['SELF_NEGLECT'],
        protectiveActions: [
          { description: 'Arrange a deep clean', ownerStaffId: id.lead, dueDate: dayFrom(-1) },
        ],
      }),
    );
    assert.equal(later.statusCode, 201, later.body);
    const laterId = later.json<{ id: string }>().id;
    const res = await call(app, as.lead, 'GET', '/api/v1/safeguarding/huddle');
    assert.equal(res.statusCode, 200, res.body);
    const huddle = res.json<HuddleList>();
    assert.deepEqual(
      huddle.items.map((i) => i.concernId),
      [laterId, concernId],
      'the concern with an overdue action comes first',
    );
    assert.equal(huddle.items[0]?.overdueActions, 1);
    const paged = await call(app, as.lead, 'GET', '/api/v1/safeguarding/huddle?limit=1');
    const first = paged.json<HuddleList>();
    assert.equal(first.items.length, 1);
    assert.ok(first.nextCursor);
    const second = (
      await call(app, as.lead, 'GET', `/api/v1/safeguarding/huddle?limit=1&after=${first.nextCursor}`)
    ).json<HuddleList>();
    assert.deepEqual(
      second.items.map((i) => i.concernId),
      [concernId],
    );
    const byFrontline = (
      await call(app, as.frontline, 'GET', '/api/v1/safeguarding/huddle')
    ).json<HuddleList>();
    assert.deepEqual(byFrontline.items, []);

    const review = await call(
      app,
      as.lead,
      'POST',
      `/api/v1/people/${personId}/safeguarding/concerns/${concernId}/huddle-reviews`,
      {
        heldOn: dayFrom(0),
        partnerContacts: [
          { organisation: 'Wendle Valley Homes', contact: 'Tenancy officer', outcome: 'Visits weekly' },
        ],
        actions: [{ description: 'Call the bank', ownerStaffId: id.coordinator, dueDate: dayFrom(3) }],
        nextHuddleOn: dayFrom(7),
      },
    );
    assert.equal(review.statusCode, 201, review.body);
    const badDate = await call(
      app,
      as.lead,
      'POST',
      `/api/v1/people/${personId}/safeguarding/concerns/${concernId}/huddle-reviews`,
      { heldOn: dayFrom(0), partnerContacts: [], actions: [], nextHuddleOn: dayFrom(0) },
    );
    assert.equal(badDate.statusCode, 400, badDate.body);
    assert.ok(badDate.body.includes('body.nextHuddleOn'));
    const after = (await call(app, as.lead, 'GET', '/api/v1/safeguarding/huddle')).json<HuddleList>();
    const item = after.items.find((i) => i.concernId === concernId);
    assert.equal(item?.nextHuddleOn, dayFrom(7));
    assert.equal(item?.lastHuddleOn, dayFrom(0));
    const listed = await auditOf('safeguarding.huddle.list', personId);
    assert.ok(listed.length > 0);
  });

  it('a case conference records what was shared as disclosures, and its actions reach worklists', async () => {
    const input = {
      heldOn: dayFrom(0),
      concernId,
      attendees: [
        { name: 'Mark Davies', organisationId: council, role: 'Safeguarding lead (chair)' },
        { name: 'Kerry Walsh', organisationId: housing, role: 'Tenancy sustainment officer' },
      ],
      personViews: 'Attended for the first half; wants her nephew told to stop.',
      shared: [
        {
          categories: ['SAFEGUARDING', 'RISK_SUMMARY'],
          organisationId: council,
          basis: 'SAFEGUARDING_DUTY',
          rationale: 'Care Act s42 enquiry; sharing necessary to protect her.',
        },
      ],
      decisions: ['Open a s42 enquiry', 'Housing to visit weekly'],
      actions: [{ description: 'Write to the nephew', ownerStaffId: id.coordinator, dueDate: dayFrom(10) }],
    };
    const before = await count('case_conferences');
    const missing = await call(app, as.lead, 'POST', `/api/v1/people/${personId}/case-conferences`, {
      ...input,
      decisions: [],
    });
    assert.equal(missing.statusCode, 400, missing.body);
    assert.ok(missing.body.includes('body.decisions'));
    const byFrontline = await call(
      app,
      as.frontline,
      'POST',
      `/api/v1/people/${personId}/case-conferences`,
      input,
    );
    assert.equal(byFrontline.statusCode, 403, byFrontline.body);
    assert.equal(await count('case_conferences'), before);

    const res = await call(app, as.lead, 'POST', `/api/v1/people/${personId}/case-conferences`, input);
    assert.equal(res.statusCode, 201, res.body);
    const conferenceId = res.json<{ id: string }>().id;
    const disclosures = await auditOf('case_conference.disclose', personId);
    assert.equal(disclosures.length, 1);
    assert.equal(disclosures[0]?.owner_org_id, council);
    assert.equal(disclosures[0]?.recipient_org_id, housing);
    assert.equal(disclosures[0]?.categories, 'RISK_SUMMARY,SAFEGUARDING');
    assert.equal(disclosures[0]?.target_id, conferenceId);
    assert.match(disclosures[0]?.details ?? '', /SAFEGUARDING_DUTY/);
    const work = (await call(app, as.coordinator, 'GET', '/api/v1/worklist')).json<Worklist>();
    assert.equal(work.counts.byKind.SAFEGUARDING_ACTION, 2);
    const view = (
      await call(app, as.lead, 'GET', `/api/v1/people/${personId}/safeguarding`)
    ).json<SafeguardingView>();
    assert.equal(view.conferences[0]?.attendees[1]?.organisationName, 'Wendle Valley Homes');
    const hidden = (
      await call(app, as.frontline, 'GET', `/api/v1/people/${personId}/safeguarding`)
    ).json<SafeguardingView>();
    assert.deepEqual(hidden.conferences, []);
  });
});
