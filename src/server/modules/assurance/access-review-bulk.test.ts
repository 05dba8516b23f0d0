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

const OPENED = new Date('2025-05-01T08:00:00.000Z');
let now = OPENED;
const minutes = (n: number) => new Date(OPENED.getTime() + n * 60_000);

describeEachEngine('access reviews: confirming many, revoking with undo', (database) => {
  let app: FastifyInstance;
  let lead: Session;
  let other: Session;
  const id: Record<string, string> = {};
  const membership: Record<string, string> = {};
  let knownPerson = '';

  before(async () => {
    now = OPENED;
    const db = database();
    app = await testApp(db, () => now);
    const trust = await makeOrganisation(db, { name: 'Trust', type: 'NHS_TRUST' });
    const cmht = await makeTeam(db, trust, 'CMHT');
    const crisis = await makeTeam(db, trust, 'Crisis');
    for (const [key, roles, teams] of [
      ['bulk.lead', ['service_manager'], [cmht]],
      ['bulk.other', ['service_manager'], [crisis]],
      ['fay', ['care_manager', 'frontline'], [cmht]],
      ['gus', ['clinical'], [cmht]],
      ['bulk.ig', ['ig_lead'], []],
    ] as const)
      id[key] = (
        await makeStaff(db, { organisationId: trust, roles: [...roles], teamIds: [...teams], username: key })
      ).id;
    knownPerson = (await makePerson(db, { givenName: 'Kim', familyName: 'Known' })).id;
    const unknown = (await makePerson(db, { givenName: 'Uma', familyName: 'Unknown' })).id;
    membership.fayKnown = await addMembership(db, {
      personId: knownPerson,
      organisationId: trust,
      staffId: id.fay ?? '',
    });
    membership.gus = await addMembership(db, {
      personId: unknown,
      organisationId: trust,
      staffId: id.gus ?? '',
      endDate: '2025-12-31',
    });
    // The lead is on Kim's care team (so may know her), not on Uma's.
    await addMembership(db, { personId: knownPerson, organisationId: trust, staffId: id['bulk.lead'] ?? '' });
    const ig = await signIn(app, 'bulk.ig');
    assert.equal(
      (await call(app, ig, 'POST', '/api/v1/assurance/access-reviews/open', { period: '2025-05' }))
        .statusCode,
      200,
    );
    lead = await signIn(app, 'bulk.lead');
    other = await signIn(app, 'bulk.other');
  });

  after(async () => {
    await app.close();
  });

  async function review(): Promise<AccessReviewDetail> {
    const list = (await call(app, lead, 'GET', '/api/v1/assurance/access-reviews?period=2025-05')).json<{
      items: AccessReview[];
    }>();
    const mine = list.items.find((r) => r.reviewerStaffId === id['bulk.lead']);
    assert.ok(mine, 'the lead has a review');
    return (
      await call(app, lead, 'GET', `/api/v1/assurance/access-reviews/${mine.id}`)
    ).json<AccessReviewDetail>();
  }
  const item = (r: AccessReviewDetail, staff: string, subject: string): AccessReviewItem => {
    const found = r.items.find((i) => i.staffId === id[staff] && i.subject === subject);
    assert.ok(found, `an item for ${staff} ${subject}`);
    return found;
  };

  it('names only the people the reviewer may know, and records each naming', async () => {
    const r = await review();
    assert.equal(item(r, 'fay', membership.fayKnown ?? '').membership?.personName, 'Kim Known');
    assert.equal(item(r, 'gus', membership.gus ?? '').membership?.personName, null);
    const named = await database()
      .db.selectFrom('audit_entries')
      .select('person_id')
      .where('action', '=', 'person.header.view')
      .execute();
    assert.ok(named.length > 0 && named.every((e) => e.person_id === knownPerson));
  });

  it('confirms many items at once, all or none, and never another manager’s', async () => {
    const r = await review();
    const roles = [item(r, 'fay', 'care_manager').id, item(r, 'fay', 'frontline').id];
    const path = `/api/v1/assurance/access-reviews/${r.id}/confirm`;
    assert.equal((await call(app, other, 'POST', path, { itemIds: roles })).statusCode, 404);
    assert.equal((await call(app, lead, 'POST', path, { itemIds: [] })).statusCode, 400);
    const res = await call(app, lead, 'POST', path, { itemIds: roles });
    assert.equal(res.statusCode, 200);
    const after = res.json<AccessReviewDetail>();
    for (const itemId of roles) assert.equal(after.items.find((i) => i.id === itemId)?.decision, 'CONFIRMED');
    // One of them is decided already: nothing else is confirmed.
    const gusRole = item(after, 'gus', 'clinical').id;
    const again = await call(app, lead, 'POST', path, { itemIds: [gusRole, ...roles] });
    assert.equal(again.statusCode, 409);
    assert.equal(item(await review(), 'gus', 'clinical').decision, null);
    const entries = await database()
      .db.selectFrom('audit_entries')
      .select('details')
      .where('action', '=', 'access_review.item.decide')
      .execute();
    assert.equal(entries.filter((e) => JSON.parse(e.details).bulk === true).length, 2);
  });

  it('undoes a revoked role and membership within the window, exactly as they were', async () => {
    const r = await review();
    const role = item(r, 'gus', 'clinical');
    const member = item(r, 'gus', membership.gus ?? '');
    for (const target of [role, member]) {
      const res = await call(
        app,
        lead,
        'POST',
        `/api/v1/assurance/access-reviews/items/${target.id}/decision`,
        {
          decision: 'REVOKED',
        },
      );
      assert.equal(res.statusCode, 200);
      assert.ok(item(res.json<AccessReviewDetail>(), 'gus', target.subject).undoUntil);
    }
    const db = database().db;
    assert.equal(
      (
        await db
          .selectFrom('staff_roles')
          .select('role')
          .where('staff_id', '=', id.gus ?? '')
          .execute()
      ).length,
      0,
    );
    const ended = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select('end_date')
      .where('id', '=', membership.gus ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(ended.end_date, '2025-05-01');

    now = minutes(5);
    assert.equal(
      (await call(app, other, 'POST', `/api/v1/assurance/access-reviews/items/${role.id}/undo`, {}))
        .statusCode,
      404,
    );
    for (const target of [role, member]) {
      const res = await call(
        app,
        lead,
        'POST',
        `/api/v1/assurance/access-reviews/items/${target.id}/undo`,
        {},
      );
      assert.equal(res.statusCode, 200);
      const back = item(res.json<AccessReviewDetail>(), 'gus', target.subject);
      assert.deepEqual([back.decision, back.undoUntil], [null, null]);
    }
    const roles = await db
      .selectFrom('staff_roles')
      .select('role')
      .where('staff_id', '=', id.gus ?? '')
      .execute();
    assert.deepEqual(
      roles.map((x) => x.role),
      ['clinical'],
    );
    const restored = await governedDb(database())
      .selectFrom('care_team_memberships')
      .select('end_date')
      .where('id', '=', membership.gus ?? '')
      .executeTakeFirstOrThrow();
    assert.equal(restored.end_date, '2025-12-31');
    const undone = await db
      .selectFrom('audit_entries')
      .select('action')
      .where('action', 'in', ['access_review.item.undo', 'staff.role.restore', 'care_team.restore'])
      .execute();
    assert.equal(undone.length, 4);
  });

  it('refuses an undo after the window, and reopens a review its undo leaves undecided', async () => {
    now = minutes(20);
    const r = await review();
    const role = item(r, 'gus', 'clinical');
    await call(app, lead, 'POST', `/api/v1/assurance/access-reviews/items/${role.id}/decision`, {
      decision: 'REVOKED',
    });
    now = minutes(31);
    assert.equal(
      (await call(app, lead, 'POST', `/api/v1/assurance/access-reviews/items/${role.id}/undo`, {}))
        .statusCode,
      409,
    );
    assert.equal(item(await review(), 'gus', 'clinical').undoUntil, null);

    // Decide everything left; the last revocation completes the review, and its undo reopens it.
    const open = (await review()).items.filter((i) => i.decision === null);
    const last = open.pop();
    assert.ok(last);
    if (open.length > 0)
      await call(app, lead, 'POST', `/api/v1/assurance/access-reviews/${r.id}/confirm`, {
        itemIds: open.map((i) => i.id),
      });
    const done = await call(app, lead, 'POST', `/api/v1/assurance/access-reviews/items/${last.id}/decision`, {
      decision: 'REVOKED',
    });
    assert.equal(done.json<AccessReviewDetail>().status, 'completed');
    const undo = await call(app, lead, 'POST', `/api/v1/assurance/access-reviews/items/${last.id}/undo`, {});
    assert.equal(undo.statusCode, 200);
    const reopened = undo.json<AccessReviewDetail>();
    assert.equal(reopened.status, 'open');
    assert.equal(reopened.can.decide, true);
  });
});
