/**
 * Consent reviews: events in the person's care (admission, discharge planning, a move, a new
 * partner, a safeguarding concern, a change in risk) call for the consent to be revisited with
 * them. Each raises a task for the care coordinator and marks the consent "review due"; the consent
 * still applies meanwhile, unless withdrawn.
 */
import type {
  ConsentReviewCompleteInput,
  ConsentReviewTaskDto,
  ConsentReviewTrigger,
} from '../../../contracts/consent.ts';
import type { Db } from '../../db/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { presentTask } from './consent.presenter.ts';
import {
  appendConsentVersion,
  closeTasks,
  findCareCoordinator,
  findCurrentConsent,
  findOpenTasks,
  findOpenTasksAssignedTo,
  findTask,
  hasDecisionSince,
} from './consent.repository.ts';
import { carriedForward, reviewFlagFor } from './consent.ts';
import { CONSENT_ROLES, knownPerson, REVIEW_TRIGGER_ROLES, requireRole } from './consent-access.ts';

/**
 * Raises a consent review for a person inside the caller's transaction: a task for their care
 * coordinator, and the consent marked "review due" (a new version). A trigger whose task is still
 * open is not raised twice. Other modules call this from their own write flows (care team:
 * NEW_CARE_TEAM_PARTNER; safeguarding entries: SAFEGUARDING_CONCERN; risk amendments:
 * RISK_STATUS_CHANGE); the caller has already checked access to the person.
 */
export async function raiseConsentReview(
  ctx: ServiceContext,
  tx: Db,
  personId: string,
  trigger: ConsentReviewTrigger,
): Promise<{ taskId: string; created: boolean }> {
  const open = await findOpenTasks(tx, personId);
  const same = open.find((t) => t.trigger === trigger);
  if (same) return { taskId: same.id, created: false };
  const now = ctx.now.toISOString();
  let consent = await findCurrentConsent(tx, personId);
  if (consent && consent.review_due === 0) {
    consent = await appendConsentVersion(
      tx,
      consent,
      carriedForward(consent, {
        change: 'REVIEW_DUE',
        review_due: 1,
        review_due_reason: trigger,
        recorded_by: ctx.principal.staffId,
        recorded_at: now,
      }),
    );
  }
  const taskId = crypto.randomUUID();
  const assignedTo = await findCareCoordinator(tx, personId, todayOf(ctx));
  await tx
    .insertInto('consent_review_tasks')
    .values({
      id: taskId,
      person_id: personId,
      consent_id: consent?.id ?? null,
      trigger,
      assigned_to: assignedTo,
      status: 'open',
      outcome: null,
      // A passed review date is noticed by the system, not raised by whoever happened to look.
      created_at: now,
      created_by: trigger === 'REVIEW_DATE_REACHED' ? null : ctx.principal.staffId,
      completed_at: null,
      completed_by: null,
    })
    .execute();
  await auditChange(
    ctx,
    tx,
    'consent.review.raise',
    { type: 'consent_review_task', id: taskId },
    { personId, consentId: consent?.id ?? null, details: { trigger, assigned: assignedTo !== null } },
  );
  return { taskId, created: true };
}

/** Records an event that calls for a consent review (admission, discharge planning, a move of setting). */
export async function recordReviewTrigger(
  ctx: ServiceContext,
  personId: string,
  trigger: ConsentReviewTrigger,
): Promise<{ task: ConsentReviewTaskDto; created: boolean }> {
  requireRole(ctx, REVIEW_TRIGGER_ROLES, 'Your role does not record consent review triggers.');
  await knownPerson(ctx, ctx.database.db, personId);
  const raised = await ctx.database.db.transaction().execute(async (tx) => {
    await knownPerson(ctx, tx, personId, false);
    return raiseConsentReview(ctx, tx, personId, trigger);
  });
  const task = await findTask(ctx.database.db, raised.taskId);
  if (!task) throw new NotFoundError('Consent review');
  return { task: presentTask(task), created: raised.created };
}

/**
 * Raises REVIEW_DATE_REACHED for a person whose review date has passed and who has no review open,
 * so there is a task to complete. Runs in its own transaction; call outside any other.
 */
export async function raiseOverdueReview(ctx: ServiceContext, personId: string): Promise<void> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const consent = await findCurrentConsent(tx, personId);
    if (!consent || consent.review_date > todayOf(ctx)) return;
    if ((await findOpenTasks(tx, personId)).length > 0) return;
    await raiseConsentReview(ctx, tx, personId, 'REVIEW_DATE_REACHED');
  });
}

/**
 * Completes a review. CONFIRMED: the consent stands, with a next review date (a new version).
 * CHANGED: the consent was captured, withdrawn or refused since the task was raised.
 */
export async function completeReview(
  ctx: ServiceContext,
  taskId: string,
  input: ConsentReviewCompleteInput,
): Promise<ConsentReviewTaskDto> {
  requireRole(ctx, CONSENT_ROLES, 'Only care coordinators, clinicians and service managers review consent.');
  const found = await findTask(ctx.database.db, taskId);
  if (!found) throw new NotFoundError('Consent review');
  // A task about someone the caller may not know answers as a task that does not exist.
  await knownPerson(ctx, ctx.database.db, found.person_id).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Consent review') : error;
  });
  const today = todayOf(ctx);
  const now = ctx.now.toISOString();
  await ctx.database.db.transaction().execute(async (tx) => {
    await knownPerson(ctx, tx, found.person_id, false);
    const task = await findTask(tx, taskId);
    if (task?.status !== 'open') throw new ConflictError('This review has already been completed.');
    const consent = await findCurrentConsent(tx, task.person_id);
    const remaining = (await findOpenTasks(tx, task.person_id))
      .filter((t) => t.id !== task.id)
      .map((t) => t.trigger);
    if (input.outcome === 'CONFIRMED') {
      if (!consent)
        throw new ValidationError([
          {
            field: 'body.outcome',
            message: 'there is no consent to confirm: capture one or record a refusal',
          },
        ]);
      const reviewDate = input.nextReviewDate ?? consent.review_date;
      if (reviewDate <= today)
        throw new ValidationError([
          {
            field: 'body.nextReviewDate',
            message: input.nextReviewDate ? 'must be after today' : 'is required: the review date has passed',
          },
        ]);
      await appendConsentVersion(
        tx,
        consent,
        carriedForward(consent, {
          change: 'REVIEWED',
          review_date: reviewDate,
          ...reviewFlagFor(remaining),
          recorded_by: ctx.principal.staffId,
          recorded_at: now,
        }),
      );
    } else {
      if (!consent || !(await hasDecisionSince(tx, task.person_id, task.created_at)))
        throw new ValidationError([
          {
            field: 'body.outcome',
            message:
              'record the changed consent first (capture, withdraw or refuse), then complete the review',
          },
        ]);
      if (consent.review_due === 1 && remaining.length === 0) {
        await appendConsentVersion(
          tx,
          consent,
          carriedForward(consent, {
            change: 'REVIEWED',
            ...reviewFlagFor(remaining),
            recorded_by: ctx.principal.staffId,
            recorded_at: now,
          }),
        );
      }
    }
    await closeTasks(tx, [task.id], input.outcome, ctx.principal.staffId, now);
    await auditChange(
      ctx,
      tx,
      'consent.review.complete',
      { type: 'consent_review_task', id: task.id },
      {
        personId: task.person_id,
        consentId: consent?.id ?? null,
        details: { trigger: task.trigger, outcome: input.outcome },
      },
    );
  });
  const done = await findTask(ctx.database.db, taskId);
  if (!done) throw new NotFoundError('Consent review');
  return presentTask(done);
}

/**
 * The caller's open consent review tasks. People they coordinate whose review date has passed get
 * their REVIEW_DATE_REACHED task first, so the list is the whole of their review work.
 */
export async function listMyReviews(ctx: ServiceContext): Promise<ConsentReviewTaskDto[]> {
  const { db } = ctx.database;
  const today = todayOf(ctx);
  const overdue = await db
    .selectFrom('consents as c')
    .innerJoin('care_team_memberships as m', 'm.person_id', 'c.person_id')
    .select('c.person_id')
    .distinct()
    .where('c.superseded_at', 'is', null)
    .where('c.review_date', '<=', today)
    .where('m.role', '=', 'CARE_COORDINATOR')
    .where('m.staff_id', '=', ctx.principal.staffId)
    .where('m.start_date', '<=', today)
    .where((eb) => eb.or([eb('m.end_date', 'is', null), eb('m.end_date', '>=', today)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('consent_review_tasks as t')
            .select('t.id')
            .whereRef('t.person_id', '=', 'c.person_id')
            .where('t.status', '=', 'open'),
        ),
      ),
    )
    .limit(200)
    .execute();
  for (const { person_id } of overdue) await raiseOverdueReview(ctx, person_id);
  const tasks = await findOpenTasksAssignedTo(db, ctx.principal.staffId);
  await ctx.audit.append(
    [
      {
        action: 'consent_review.list',
        outcome: 'success',
        actor: auditActor(ctx),
        details: { shown: tasks.length, raised: overdue.length },
      },
    ],
    ctx.now,
    ctx.requestId,
  );
  return tasks.map(presentTask);
}
