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
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import type { ReviewDto } from '../../../contracts/reporting.ts';

describeEachEngine('care-plan reviews with coded outcome scores', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let stranger: Session;
  let personId: string;
  before(async () => {
    const db = database();
    app = await testApp(db);
    const org = await makeOrganisation(db);
    const cm = await makeStaff(db, { organisationId: org, roles: ['care_manager'] });
    const other = await makeStaff(db, { organisationId: org, roles: ['care_manager'] });
    personId = (await makePerson(db)).id;
    await addMembership(db, { personId, organisationId: org, staffId: cm.id, role: 'CARE_COORDINATOR' });
    coordinator = await signIn(app, cm.username);
    stranger = await signIn(app, other.username);
  });
  after(() => app.close());
  const url = (id: string) => `/api/v1/people/${id}/reviews`;
  const stored = async () =>
    (
      await governedDb(database())
        .selectFrom('outcome_scores')
        .select('review_id')
        .where('person_id', '=', personId)
        .execute()
    ).length;

  it('records a held review with its scores coded in SNOMED CT, audited, and lists it', async () => {
    const res = await call(app, coordinator, 'POST', url(personId), {
      dueOn: '2026-01-10',
      heldOn: '2026-01-08',
      scores: [
        { measure: 'DIALOG', item: 1, score: 4 },
        { measure: 'REQOL10', item: 1, score: 22 },
        { measure: 'HONOS', item: 12, score: 3 },
        { measure: 'GBO', item: 2, score: 7 },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const review = res.json<ReviewDto>();
    assert.deepEqual(
      review.scores.map((s) => s.snomedCode),
      ['1037651000000100', '1091071000000100', '979751000000109', '1638541000000106'],
    );
    const list = await call(app, coordinator, 'GET', url(personId));
    assert.equal(list.statusCode, 200);
    assert.equal(list.json<{ items: ReviewDto[] }>().items[0]?.id, review.id);
    const audit = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'target_id'])
      .where('person_id', '=', personId)
      .where('action', 'in', ['review.record', 'review.view'])
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), ['review.record', 'review.view']);
    // The view is also in the log per owning organisation, as any record view: what crosses is a disclosure.
    const byOwner = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'categories'])
      .where('person_id', '=', personId)
      .where('action', 'in', ['record.view', 'record.disclose', 'record.access.deny'])
      .execute();
    assert.ok(
      byOwner.some((e) => e.action === 'record.view' && String(e.categories).includes('OUTCOMES')),
      JSON.stringify(byOwner),
    );
  });

  it('refuses a score out of range, naming the field, and stores nothing', async () => {
    const before = await stored();
    for (const [score, field] of [
      [{ measure: 'DIALOG', item: 1, score: 8 }, 'body.scores.1.score'],
      [{ measure: 'HONOS', item: 1, score: 5 }, 'body.scores.1.score'],
      [{ measure: 'REQOL10', item: 1, score: 41 }, 'body.scores.1.score'],
      [{ measure: 'GBO', item: 4, score: 5 }, 'body.scores.1.item'],
    ] as const) {
      const res = await call(app, coordinator, 'POST', url(personId), {
        dueOn: '2026-02-10',
        heldOn: '2026-02-10',
        scores: [{ measure: 'DIALOG', item: 2, score: 5 }, score],
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.headers['content-type'] ?? '', /application\/problem\+json/);
      assert.deepEqual(
        res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
        [field],
      );
    }
    const noHeld = await call(app, coordinator, 'POST', url(personId), {
      dueOn: '2026-02-10',
      scores: [{ measure: 'DIALOG', item: 2, score: 5 }],
    });
    assert.equal(noHeld.statusCode, 400);
    assert.equal(noHeld.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.heldOn');
    assert.equal(await stored(), before);
  });

  it('answers a member of staff with no tie to the person as if there were no one', async () => {
    const real = await call(app, stranger, 'GET', url(personId));
    const missing = await call(app, stranger, 'GET', url(crypto.randomUUID()));
    assert.equal(real.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    const write = await call(app, stranger, 'POST', url(personId), { dueOn: '2026-03-01' });
    assert.equal(write.statusCode, 404);
  });
});
