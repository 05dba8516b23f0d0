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
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { openList, openPerson, type PersonWrite, writePerson } from '../access/index.ts';
import { presentTask } from './consent.presenter.ts';
import {
  appendConsentVersion,
  closeTasks,
  findCareCoordinator,
  findCoordinatedOverdue,
  findCurrentConsent,
  findOpenTasks,
  findOpenTasksAssignedTo,
  findTask,
  hasDecisionSince,
  insertReviewTask,
} from './consent.repository.ts';
import { carriedForward, reviewFlagFor } from './consent.ts';
import { CONSENT_ROLES, REVIEW_TRIGGER_ROLES, requireRole } from './consent-access.ts';

/**
 * Raises a consent review for a person inside the caller's transaction: a task for their care
 * coordinator, and the consent marked "review due" (a new version). A trigger whose task is still
 * open is not raised twice. Other modules call this from their own write flows (care team:
 * NEW_CARE_TEAM_PARTNER; safeguarding entries: SAFEGUARDING_CONCERN; risk amendments:
 * RISK_STATUS_CHANGE); the caller has already checked access to the person.
 */
export async function raiseConsentReview(
  ctx: ServiceContext,
  write: PersonWrite,
  trigger: ConsentReviewTrigger,
): Promise<{ taskId: string; created: boolean }> {
  const { personId, tx } = write;
  const open = await findOpenTasks(write);
  const same = open.find((t) => t.trigger === trigger);
  if (same) return { taskId: same.id, created: false };
  const now = ctx.now.toISOString();
  let consent = await findCurrentConsent(write);
  if (consent && consent.review_due === 0) {
    consent = await appendConsentVersion(
      write,
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
  const assignedTo = await findCareCoordinator(write, todayOf(ctx));
  await insertReviewTask(write, {
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
  });
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
  const read = await openPerson(ctx, personId);
  const raised = await writePerson(ctx, personId, {}, (write) => raiseConsentReview(ctx, write, trigger));
  const task = await findTask(read, raised.taskId);
  if (!task) throw new NotFoundError('Consent review');
  return { task: presentTask(task), created: raised.created };
}

/**
 * Raises REVIEW_DATE_REACHED for a person whose review date has passed and who has no review open,
 * so there is a task to complete. Runs in its own transaction; call outside any other.
 */
export async function raiseOverdueReview(ctx: ServiceContext, personId: string): Promise<void> {
  await writePerson(ctx, personId, {}, async (write) => {
    const consent = await findCurrentConsent(write);
    if (!consent || consent.review_date > todayOf(ctx)) return;
    if ((await findOpenTasks(write)).length > 0) return;
    await raiseConsentReview(ctx, write, 'REVIEW_DATE_REACHED');
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
  const list = await openList(ctx, 'consent_review', 'consent_review.list');
  const found = list ? await findTask(list, taskId) : undefined;
  if (!found) throw new NotFoundError('Consent review');
  // A task about someone the caller may not know answers as a task that does not exist.
  const read = await openPerson(ctx, found.person_id).catch((error: unknown) => {
    throw error instanceof NotFoundError ? new NotFoundError('Consent review') : error;
  });
  const today = todayOf(ctx);
  const now = ctx.now.toISOString();
  await writePerson(ctx, found.person_id, {}, async (write) => {
    const tx = write.tx;
    const task = await findTask(write, taskId);
    if (task?.status !== 'open') throw new ConflictError('This review has already been completed.');
    const consent = await findCurrentConsent(write);
    const remaining = (await findOpenTasks(write)).filter((t) => t.id !== task.id).map((t) => t.trigger);
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
        write,
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
      if (!consent || !(await hasDecisionSince(write, task.created_at)))
        throw new ValidationError([
          {
            field: 'body.outcome',
            message:
              'record the changed consent first (capture, withdraw or refuse), then complete the review',
          },
        ]);
      if (consent.review_due === 1 && remaining.length === 0) {
        await appendConsentVersion(
          write,
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
    await closeTasks(write, [task.id], input.outcome, ctx.principal.staffId, now);
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
  const done = await findTask(read, taskId);
  if (!done) throw new NotFoundError('Consent review');
  return presentTask(done);
}

/**
 * The caller's open consent review tasks. People they coordinate whose review date has passed get
 * their REVIEW_DATE_REACHED task first, so the list is the whole of their review work.
 */
export async function listMyReviews(ctx: ServiceContext): Promise<ConsentReviewTaskDto[]> {
  // Standing first: an inactive account or lapsed training sees no one, and raises nothing.
  const list = await openList(ctx, 'consent_review', 'consent_review.list');
  if (!list) return [];
  const overdue = await findCoordinatedOverdue(list);
  for (const personId of overdue) await raiseOverdueReview(ctx, personId);
  const tasks = await findOpenTasksAssignedTo(list, ctx.principal.staffId);
  // One list entry per person shown, so each person's access report shows who saw them listed.
  await ctx.audit.append(
    tasks.length > 0
      ? tasks.map((t) => ({
          action: 'consent_review.list' as const,
          outcome: 'permit' as const,
          actor: auditActor(ctx),
          personId: t.person_id,
          purpose: 'DIRECT_CARE',
          target: { type: 'consent_review_task', id: t.id },
        }))
      : [
          {
            action: 'consent_review.list',
            outcome: 'success',
            actor: auditActor(ctx),
            details: { shown: 0, raised: overdue.length },
          },
        ],
    ctx.now,
    ctx.requestId,
  );
  return tasks.map(presentTask);
}
