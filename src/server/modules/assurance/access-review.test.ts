import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
  makeTeam,
} from '../../../../test/harness/factories.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { AccessReview, AccessReviewDetail, AccessReviewItem } from '../../../contracts/assurance.ts';
import { insertEntries, toRow } from '../audit/index.ts';
import { escalateOverdueReviews, openMonthlyReviews } from './index.ts';

const OPENED = new Date('2025-04-01T08:00:00.000Z');
let now = OPENED;

describeEachEngine('access reviews', (database) => {
  let app: FastifyInstance;
  let lead: Session;
  let other: Session;
  let ig: Session;
  let practitioner: Session;
  const id: Record<string, string> = {};
  const membership: Record<string, string> = {};

  before(async () => {
    now = OPENED;
    const db = database();
    app = await testApp(db, () => now);
    const trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    const housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    const cmht = await makeTeam(db, trust, 'CMHT');
    const crht = await makeTeam(db, trust, 'Crisis');
    const staff = async (
      key: string,
      roles: Parameters<typeof makeStaff>[1]['roles'],
      teams: string[],
      active = true,
    ) => {
      id[key] = (
        await makeStaff(db, { organisationId: trust, roles, teamIds: teams, username: key, active })
      ).id;
    };
    await staff('sm.lead', ['service_manager'], [cmht]);
    await staff('sm.crisis', ['service_manager'], [crht]);
    await staff('amy', ['care_manager', 'frontline'], [cmht]);
    await staff('ben', ['clinical'], [cmht], false);
    await staff('cal', ['frontline'], [crht]);
    await staff('dee', ['care_manager'], []);
    await staff('eve', ['care_manager'], [cmht]);
    await staff('ig.lead', ['ig_lead'], []);
    await db.db
      .insertInto('governance_roles')
      .values({
        organisation_id: trust,
        role: 'SERVICE_MANAGER',
        staff_id: id['sm.lead'] ?? '',
        assigned_at: now.toISOString(),
      })
      .execute();
    const person = async () => (await makePerson(db)).id;
    const p = [
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
      await person(),
    ];
    const add = async (
      key: string,
      personId: string,
      o: { organisationId?: string; endDate?: string } = {},
    ) =>
      addMembership(db, {
        personId,
        organisationId: o.organisationId ?? trust,
        staffId: id[key] ?? '',
        ...o,
      });
    membership.amy = await add('amy', p[0] ?? '');
    membership.amyEnded = await add('amy', p[1] ?? '', { endDate: '2025-01-31' });
    membership.amyHousing = await add('amy', p[2] ?? '', { organisationId: housing });
    membership.ben = await add('ben', p[3] ?? '');
    membership.dee = await add('dee', p[4] ?? '');
    membership.eve = await add('eve', p[5] ?? '');
    await addMembership(db, { personId: p[0] ?? '', organisationId: trust, teamId: cmht });
    // Eve moved team, and Dee left hers, after their memberships were made (the directory logs it).
    await governedDb(db)
      .updateTable('care_team_memberships')
      .set({ created_at: '2024-01-01T00:00:00.000Z' })
      .where('id', 'in', [membership.eve, membership.dee])
      .execute();
    await insertEntries(
      db.db,
      ['eve', 'dee'].map((key) =>
        toRow(
          {
            action: 'staff.update',
            outcome: 'success',
            target: { type: 'staff', id: id[key] ?? '' },
            details: { fields: 'roles,teamIds' },
          },
          new Date('2024-06-01T00:00:00.000Z'),
          null,
        ),
      ),
    );
    lead = await signIn(app, 'sm.lead');
    other = await signIn(app, 'sm.crisis');
    ig = await signIn(app, 'ig.lead');
    practitioner = await signIn(app, 'amy');
  });

  after(async () => {
    await app.close();
  });

  async function reviewOf(session: Session): Promise<AccessReviewDetail> {
    const list = (await call(app, session, 'GET', '/api/v1/assurance/access-reviews?period=2025-04')).json<{
      items: AccessReview[];
    }>();
    const mine = list.items.find(
      (r) => r.reviewerStaffId === (session === lead ? id['sm.lead'] : id['sm.crisis']),
    );
    assert.ok(mine, 'the manager has a review');
    return (
      await call(app, session, 'GET', `/api/v1/assurance/access-reviews/${mine.id}`)
    ).json<AccessReviewDetail>();
  }

  const itemOf = (review: AccessReviewDetail, staffKey: string, subject: string): AccessReviewItem => {
    const item = review.items.find((i) => i.staffId === id[staffKey] && i.subject === subject);
    assert.ok(item, `an item for ${staffKey} ${subject}`);
    return item;
  };

  it('only IG leads and system administrators open reviews', async () => {
    const res = await call(app, practitioner, 'POST', '/api/v1/assurance/access-reviews/open', {
      period: '2025-04',
    });
    assert.equal(res.statusCode, 403);
    const bad = await call(app, ig, 'POST', '/api/v1/assurance/access-reviews/open', { period: '2025-13' });
    assert.equal(bad.statusCode, 400);
    assert.equal((await call(app, practitioner, 'GET', '/api/v1/assurance/access-reviews')).statusCode, 403);
  });

  it('opens one review per service manager, with flagged items, once a period', async () => {
    const res = await call(app, ig, 'POST', '/api/v1/assurance/access-reviews/open', { period: '2025-04' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().opened, 2);
    const again = await openMonthlyReviews(database(), '2025-04', now);
    assert.equal(again.opened, 0);
    assert.equal(again.alreadyOpen, 2);

    const review = await reviewOf(lead);
    assert.equal(review.dueOn, '2025-04-30');
    assert.equal(review.can.decide, true);
    const items = review.items.map((i) => [i.staffId, i.kind, i.subject, i.flag]);
    const expected = [
      [id.amy, 'ROLE', 'care_manager', null],
      [id.amy, 'ROLE', 'frontline', null],
      [id.amy, 'CARE_TEAM_MEMBERSHIP', membership.amy, null],
      [id.amy, 'CARE_TEAM_MEMBERSHIP', membership.amyHousing, 'LEFT_ORGANISATION'],
      [id.ben, 'ROLE', 'clinical', 'INACTIVE_ACCOUNT'],
      [id.ben, 'CARE_TEAM_MEMBERSHIP', membership.ben, 'INACTIVE_ACCOUNT'],
      // Dee and the IG lead are in no team: the organisation's named service manager reviews them.
      [id.dee, 'ROLE', 'care_manager', null],
      [id['ig.lead'], 'ROLE', 'ig_lead', null],
      [id.dee, 'CARE_TEAM_MEMBERSHIP', membership.dee, 'MEMBERSHIP_ENDED_TEAM'],
      [id.eve, 'ROLE', 'care_manager', null],
      [id.eve, 'CARE_TEAM_MEMBERSHIP', membership.eve, 'CHANGED_TEAM'],
      // The crisis team's manager shares no team with the lead, so the lead reviews them.
      [id['sm.crisis'], 'ROLE', 'service_manager', null],
    ];
    const key = (x: unknown[]) => x.join('|');
    assert.deepEqual(items.map(key).sort(), expected.map(key).sort());
    assert.ok(review.items.every((i) => i.subject !== membership.amyEnded));
    assert.ok(
      review.items.every((i) => i.staffId !== id['sm.lead']),
      'nobody reviews themselves',
    );

    const crisis = await reviewOf(other);
    assert.deepEqual(
      crisis.items.map((i) => [i.staffId, i.subject]).sort(),
      [
        [id.cal, 'frontline'],
        [id['sm.lead'], 'service_manager'],
      ].sort(),
    );
    const opened = await database()
      .db.selectFrom('audit_entries')
      .select('target_id')
      .where('action', '=', 'access_review.open')
      .execute();
    assert.equal(opened.length, 2);
  });

  it('revoking a role removes it, in the log, in the same request', async () => {
    const review = await reviewOf(lead);
    const item = itemOf(review, 'ben', 'clinical');
    const res = await call(app, lead, 'POST', `/api/v1/assurance/access-reviews/items/${item.id}/decision`, {
      decision: 'REVOKED',
    });
    assert.equal(res.statusCode, 200, res.body);
    const roles = await database()
      .db.selectFrom('staff_roles')
      .select('role')
      .where('staff_id', '=', id.ben ?? '')
      .execute();
    assert.deepEqual(roles, []);
    const entries = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'request_id', 'actor_staff_id'])
      .where('action', 'in', ['staff.role.revoke', 'access_review.item.decide'])
      .execute();
    assert.deepEqual(entries.map((e) => e.action).sort(), ['access_review.item.decide', 'staff.role.revoke']);
    assert.equal(entries[0]?.request_id, entries[1]?.request_id);
    assert.ok(entries.every((e) => e.actor_staff_id === id['sm.lead']));
    const twice = await call(
      app,
      lead,
      'POST',
      `/api/v1/assurance/access-reviews/items/${item.id}/decision`,
      {
        decision: 'CONFIRMED',
      },
    );
    assert.equal(twice.statusCode, 409);
  });

  it('revoking a membership ends it today, and the person’s history shows it', async () => {
    const review = await reviewOf(lead);
    const item = itemOf(review, 'ben', membership.ben ?? '');
    await call(app, lead, 'POST', `/api/v1/assurance/access-reviews/items/${item.id}/decision`, {
      decision: 'REVOKED',
    });
    const ended = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select(['end_date', 'person_id'])
      .where('id', '=', membership.ben ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(ended.end_date, '2025-04-01');
    const entry = await database()
      .db.selectFrom('audit_entries')
      .select('person_id')
      .where('action', '=', 'care_team.end')
      .where('target_id', '=', membership.ben ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(entry.person_id, ended.person_id);
    const confirmed = itemOf(review, 'amy', membership.amy ?? '');
    const res = await call(
      app,
      lead,
      'POST',
      `/api/v1/assurance/access-reviews/items/${confirmed.id}/decision`,
      {
        decision: 'CONFIRMED',
      },
    );
    assert.equal(res.statusCode, 200, res.body);
    const kept = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select('end_date')
      .where('id', '=', membership.amy ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(kept.end_date, null);
  });

  it("a manager cannot decide another manager's items; practitioners cannot decide at all", async () => {
    const review = await reviewOf(lead);
    const item = itemOf(review, 'eve', 'care_manager');
    const url = `/api/v1/assurance/access-reviews/items/${item.id}/decision`;
    assert.equal((await call(app, other, 'POST', url, { decision: 'REVOKED' })).statusCode, 404);
    assert.equal((await call(app, practitioner, 'POST', url, { decision: 'REVOKED' })).statusCode, 403);
    assert.equal(
      (await call(app, other, 'GET', `/api/v1/assurance/access-reviews/${review.id}`)).statusCode,
      404,
    );
    const bad = await call(app, lead, 'POST', url, { decision: 'MAYBE' });
    assert.equal(bad.statusCode, 400);
  });

  it('escalates undecided items after the due date, once, for the IG lead to see', async () => {
    const early = await escalateOverdueReviews(database(), new Date('2025-04-30T20:00:00.000Z'));
    assert.equal(early.reviews, 0);
    now = new Date('2025-05-01T07:00:00.000Z');
    // Sessions last a shift: a new day needs new sign-ins.
    [lead, other, ig] = [
      await signIn(app, 'sm.lead'),
      await signIn(app, 'sm.crisis'),
      await signIn(app, 'ig.lead'),
    ];
    const res = await call(app, ig, 'POST', '/api/v1/assurance/access-reviews/escalate', {});
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().reviews, 2);
    const undecided = (await reviewOf(lead)).items.filter((i) => i.decision === null);
    assert.ok(undecided.length > 0 && undecided.every((i) => i.escalatedAt !== null));
    assert.ok(
      (await reviewOf(lead)).items.filter((i) => i.decision !== null).every((i) => i.escalatedAt === null),
    );
    const again = await escalateOverdueReviews(database(), now);
    assert.deepEqual(again, { reviews: 0, items: 0 });
    const seen = (await call(app, ig, 'GET', '/api/v1/assurance/access-reviews?status=escalated')).json<{
      items: AccessReview[];
    }>();
    assert.equal(seen.items.length, 2);
    assert.ok(seen.items.every((r) => r.counts.escalated > 0));
    const logged = await database()
      .db.selectFrom('audit_entries')
      .select('actor_staff_id')
      .where('action', '=', 'access_review.escalate')
      .execute();
    assert.equal(logged.length, 2);
  });

  it('deciding the last item completes the review, even after escalation', async () => {
    const review = await reviewOf(other);
    for (const item of review.items)
      await call(app, other, 'POST', `/api/v1/assurance/access-reviews/items/${item.id}/decision`, {
        decision: 'CONFIRMED',
      });
    const done = await reviewOf(other);
    assert.equal(done.status, 'completed');
    assert.equal(done.can.decide, false);
    assert.equal(done.counts.decided, done.counts.items);
  });
});
