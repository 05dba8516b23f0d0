import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { governedDb, personReadForTest, personWriteForTest } from '../../../../test/harness/governed.ts';
import { call } from '../../../../test/harness/http.ts';
import type {
  ConsentReviewTaskDto,
  ConsentView,
  ExceptionReviewDto,
  LawfulExceptionDto,
} from '../../../contracts/consent.ts';
import { AuditWriter } from '../audit/audit-writer.ts';
import type { Principal } from '../auth/auth.ts';
import { type ConsentWorld, captureBody, consentWorld } from './consent.test-setup.ts';
import { loadConsentFacts } from './consent-facts.ts';
import { raiseConsentReview } from './consent-review.service.ts';

const DAY_MS = 86_400_000;

describeEachEngine('consent reviews and lawful exceptions', (database) => {
  let w: ConsentWorld;
  before(async () => {
    w = await consentWorld(database());
  });
  const url = (personId: string, rest = '') => `/api/v1/people/${personId}/consent${rest}`;
  const given = async () => {
    const alex = await w.person();
    const res = await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }]),
    );
    assert.equal(res.statusCode, 201, res.body);
    return alex;
  };
  const exception = {
    ground: 'SAFEGUARDING',
    article6: 'A6_E_PUBLIC_TASK',
    article9: 'A9_G_SUBSTANTIAL_PUBLIC_INTEREST',
    commonLaw: 'CLDC_OVERRIDING_PUBLIC_INTEREST',
    categories: ['RISK_SUMMARY'],
  };

  it('turns a trigger into a task for the care coordinator and marks review due, consent still applying', async () => {
    const alex = await given();
    const res = await call(w.app, w.as.clinician, 'POST', url(alex.id, '/review-triggers'), {
      trigger: 'HOSPITAL_ADMISSION',
    });
    assert.equal(res.statusCode, 201, res.body);
    const task = res.json<ConsentReviewTaskDto>();
    assert.equal(task.assignedTo, w.staff.coordinator);
    assert.equal(task.trigger, 'HOSPITAL_ADMISSION');
    const facts = await loadConsentFacts(
      await personReadForTest(database(), alex.id),
      new Date().toISOString(),
    );
    assert.equal(facts.consent?.status, 'given');
    assert.equal(facts.consent?.reviewDue, true);
    const decision = await w.decideFor(alex.id, 'council', 'RISK_SUMMARY');
    assert.equal(decision.effect, 'permit', 'consent still applies while its review is due');
    assert.ok(decision.reasons.some((r) => r.code === 'CONSENT_REVIEW_DUE'));

    const again = await call(w.app, w.as.clinician, 'POST', url(alex.id, '/review-triggers'), {
      trigger: 'HOSPITAL_ADMISSION',
    });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json<ConsentReviewTaskDto>().id, task.id, 'an open trigger is not raised twice');

    const mine = (await call(w.app, w.as.coordinator, 'GET', '/api/v1/consent-reviews?mine=true')).json<
      ConsentReviewTaskDto[]
    >();
    assert.ok(mine.some((t) => t.id === task.id));

    const done = await call(w.app, w.as.coordinator, 'POST', `/api/v1/consent-reviews/${task.id}/complete`, {
      outcome: 'CONFIRMED',
      nextReviewDate: captureBody([]).reviewDate,
    });
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json<ConsentReviewTaskDto>().status, 'done');
    const cleared = await loadConsentFacts(
      await personReadForTest(database(), alex.id),
      new Date().toISOString(),
    );
    assert.equal(cleared.consent?.reviewDue, false);
    const view = (await call(w.app, w.as.coordinator, 'GET', url(alex.id))).json<ConsentView>();
    assert.deepEqual(
      view.history.map((v) => v.change),
      ['REVIEWED', 'REVIEW_DUE', 'CAPTURE'],
    );
  });

  it('closes open reviews when consent is captured afresh, and accepts CHANGED only after a change', async () => {
    const alex = await given();
    const trigger = (t: string) =>
      call(w.app, w.as.coordinator, 'POST', url(alex.id, '/review-triggers'), { trigger: t });
    const first = (await trigger('DISCHARGE_PLANNING')).json<ConsentReviewTaskDto>();
    const recaptured = await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }]),
    );
    const view = recaptured.json<ConsentView>();
    assert.deepEqual(view.openReviews, []);
    assert.equal(view.reviewDue, false);
    const closed = await governedDb(database())
      .selectFrom('consent_review_tasks')
      .select(['status', 'outcome'])
      .where('id', '=', first.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...closed }, { status: 'done', outcome: 'RECAPTURED' });

    const second = (await trigger('TRANSITION_BETWEEN_SETTINGS')).json<ConsentReviewTaskDto>();
    const complete = () =>
      call(w.app, w.as.coordinator, 'POST', `/api/v1/consent-reviews/${second.id}/complete`, {
        outcome: 'CHANGED',
      });
    const early = await complete();
    assert.equal(early.statusCode, 400);
    assert.equal(early.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.outcome');
    await call(w.app, w.as.coordinator, 'POST', url(alex.id, '/withdraw'), {
      capacity: 'HAS_CAPACITY',
      explanation: 'Explained that organisations will stop sharing with each other.',
      reviewDate: captureBody([]).reviewDate,
    });
    assert.equal(
      (await loadConsentFacts(await personReadForTest(database(), alex.id), new Date().toISOString())).consent
        ?.reviewDue,
      true,
    );
    const done = await complete();
    assert.equal(done.statusCode, 200, done.body);
    const facts = await loadConsentFacts(
      await personReadForTest(database(), alex.id),
      new Date().toISOString(),
    );
    assert.equal(facts.consent?.status, 'withdrawn');
    assert.equal(facts.consent?.reviewDue, false);
  });

  it('raises a review inside another module’s transaction, for the coordinator', async () => {
    const alex = await given();
    const principal: Principal = {
      staffId: w.staff.socialWorker,
      organisationId: w.orgs.council,
      username: 'sw',
      displayName: 'Social worker',
      roles: ['care_manager'],
      teamIds: [],
      active: true,
      igTrainingExpiresOn: '2999-12-31',
      safeguardingTrained: false,
      via: 'token',
      sessionId: null,
      csrfToken: null,
    };
    const ctx = {
      database: database(),
      principal,
      requestId: 'test',
      now: new Date(),
      audit: new AuditWriter(database()),
    };
    const raised = await governedDb(database())
      .transaction()
      .execute(async (tx) =>
        raiseConsentReview(ctx, await personWriteForTest(tx, alex.id), 'NEW_CARE_TEAM_PARTNER'),
      );
    assert.equal(raised.created, true);
    const task = await governedDb(database())
      .selectFrom('consent_review_tasks')
      .selectAll()
      .where('id', '=', raised.taskId)
      .executeTakeFirstOrThrow();
    assert.equal(task.assigned_to, w.staff.coordinator);
    assert.equal(
      (await loadConsentFacts(await personReadForTest(database(), alex.id), new Date().toISOString())).consent
        ?.reviewDue,
      true,
    );
  });

  it('makes review due once the review date is reached, and gives the coordinator the task', async () => {
    const alex = await given();
    const current = await governedDb(database())
      .selectFrom('consents')
      .select('review_date')
      .where('person_id', '=', alex.id)
      .executeTakeFirstOrThrow();
    const dayAfter = new Date(Date.parse(`${current.review_date}T12:00:00Z`) + DAY_MS).toISOString();
    assert.equal(
      (await loadConsentFacts(await personReadForTest(database(), alex.id), new Date().toISOString())).consent
        ?.reviewDue,
      false,
    );
    assert.equal(
      (await loadConsentFacts(await personReadForTest(database(), alex.id), dayAfter)).consent?.reviewDue,
      true,
    );

    // Time passing: the stored review date moves into the past.
    await governedDb(database())
      .updateTable('consents')
      .set({ review_date: '2020-01-01' })
      .where('person_id', '=', alex.id)
      .execute();
    const mine = (await call(w.app, w.as.coordinator, 'GET', '/api/v1/consent-reviews')).json<
      ConsentReviewTaskDto[]
    >();
    const overdue = mine.find((t) => t.personId === alex.id);
    assert.equal(overdue?.trigger, 'REVIEW_DATE_REACHED');
    const view = (await call(w.app, w.as.coordinator, 'GET', url(alex.id))).json<ConsentView>();
    assert.equal(view.reviewDue, true);
    assert.equal(view.reviewDueReason, 'REVIEW_DATE_REACHED');
    assert.equal(view.openReviews.length, 1, 'reading again raises no second task');
    const confirm = await call(
      w.app,
      w.as.coordinator,
      'POST',
      `/api/v1/consent-reviews/${overdue?.id}/complete`,
      {
        outcome: 'CONFIRMED',
      },
    );
    assert.equal(confirm.statusCode, 400);
    assert.equal(confirm.json<{ errors: { field: string }[] }>().errors[0]?.field, 'body.nextReviewDate');
  });

  it('requires a rationale for a lawful exception', async () => {
    const alex = await given();
    const res = await call(w.app, w.as.coordinator, 'POST', `/api/v1/people/${alex.id}/lawful-exceptions`, {
      ...exception,
      rationale: 'Needed',
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res.json<{ errors: { field: string }[] }>().errors.map((e) => e.field),
      ['body.rationale'],
    );
    const consentBased = await call(
      w.app,
      w.as.coordinator,
      'POST',
      `/api/v1/people/${alex.id}/lawful-exceptions`,
      {
        ...exception,
        article6: 'A6_A_CONSENT',
        rationale: 'Serious risk of harm from a known person; sharing is proportionate.',
      },
    );
    assert.equal(consentBased.statusCode, 400);
    const stored = await governedDb(database())
      .selectFrom('lawful_exceptions')
      .select('id')
      .where('person_id', '=', alex.id)
      .execute();
    assert.equal(stored.length, 0);
  });

  it('lets a lawful exception permit sharing despite withdrawn consent, queued for the IG lead', async () => {
    const alex = await given();
    await call(w.app, w.as.coordinator, 'POST', url(alex.id, '/withdraw'), {
      capacity: 'HAS_CAPACITY',
      explanation: 'Explained that the care team will stop sharing with each other.',
      reviewDate: captureBody([]).reviewDate,
    });
    assert.equal((await w.decideFor(alex.id, 'council', 'RISK_SUMMARY')).effect, 'deny');
    const res = await call(w.app, w.as.coordinator, 'POST', `/api/v1/people/${alex.id}/lawful-exceptions`, {
      ...exception,
      recipientOrganisationId: w.orgs.council,
      rationale: 'Threats to harm a neighbour; the council safeguarding hub must know the risk summary.',
    });
    assert.equal(res.statusCode, 201, res.body);
    const recorded = res.json<LawfulExceptionDto>();
    const decision = await w.decideFor(alex.id, 'council', 'RISK_SUMMARY');
    assert.equal(decision.effect, 'permit');
    assert.deepEqual(
      decision.obligations.filter((o) => o.type === 'QUEUE_EXCEPTION_REVIEW'),
      [{ type: 'QUEUE_EXCEPTION_REVIEW', exceptionId: recorded.id }],
    );
    assert.equal(
      (await w.decideFor(alex.id, 'council', 'MEDICATION')).effect,
      'deny',
      'only the categories it names',
    );

    const list = await call(w.app, w.as.igTrust, 'GET', '/api/v1/exception-reviews?status=open');
    assert.equal(list.statusCode, 200, list.body);
    const review = list
      .json<{ items: ExceptionReviewDto[] }>()
      .items.find((r) => r.subjectId === recorded.id);
    assert.equal(review?.kind, 'LAWFUL_EXCEPTION');
    assert.equal(review?.exception?.rationale, recorded.rationale);
    assert.match(
      review?.personName ?? '',
      /^Alex Person\d+$/,
      'the reviewing IG lead is told whom it is about',
    );
    assert.equal(review?.personWithheld, null);
    assert.ok(review);

    const theirs = await call(w.app, w.as.igHousing, 'GET', '/api/v1/exception-reviews');
    assert.ok(!theirs.json<{ items: ExceptionReviewDto[] }>().items.some((r) => r.id === review.id));
    const notTheirs = await call(
      w.app,
      w.as.igHousing,
      'POST',
      `/api/v1/exception-reviews/${review.id}/close`,
      {
        outcome: 'INAPPROPRIATE',
        notes: 'Not ours to judge.',
      },
    );
    assert.equal(notTheirs.statusCode, 404);
    const notIg = await call(
      w.app,
      w.as.coordinator,
      'POST',
      `/api/v1/exception-reviews/${review.id}/close`,
      {
        outcome: 'APPROPRIATE',
        notes: 'Marking my own homework.',
      },
    );
    assert.equal(notIg.statusCode, 403);

    const closed = await call(w.app, w.as.igTrust, 'POST', `/api/v1/exception-reviews/${review.id}/close`, {
      outcome: 'APPROPRIATE',
      notes: 'Proportionate; documented; Caldicott guardian consulted.',
    });
    assert.equal(closed.statusCode, 200, closed.body);
    assert.equal(closed.json<ExceptionReviewDto>().outcome, 'APPROPRIATE');
    const twice = await call(w.app, w.as.igTrust, 'POST', `/api/v1/exception-reviews/${review.id}/close`, {
      outcome: 'APPROPRIATE',
      notes: 'Again.',
    });
    assert.equal(twice.statusCode, 409);
    const audit = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'exception_id'])
      .where('person_id', '=', alex.id)
      .where('action', 'in', ['lawful_exception.record', 'exception_review.close'])
      .execute();
    assert.deepEqual(
      audit.map((a) => a.exception_id),
      [recorded.id, recorded.id],
    );
  });
});
