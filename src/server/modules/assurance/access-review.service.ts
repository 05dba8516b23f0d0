import type { ReviewEscalateResult, ReviewOpenResult } from '../../../contracts/assurance.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { systemTx } from '../../db/system-db.ts';
import { ForbiddenError, ValidationError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import type { AuditEvent } from '../audit/index.ts';
import { AuditWriter } from '../audit/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { insertReview, loadReviewInput } from './access-review.repository.ts';
import { planReviews } from './access-review.ts';
import { lastDayOfMonth, londonTimeOf } from './london-time.ts';

/** Who asked, when it is not the scheduler, and which organisation they may act for. */
export interface ReviewJobOptions {
  readonly audit?: AuditWriter;
  readonly actor?: AuditEvent['actor'];
  readonly requestId?: string | null;
  /** Only this organisation (an IG lead's request); every organisation when absent. */
  readonly organisationId?: string | null;
}

/** Today's UK date: review dates are the dates staff see on the calendar. */
export function ukToday(now: Date): string {
  return londonTimeOf(now.toISOString()).date;
}

/**
 * Opens the period's access reviews: one per service manager per organisation, with an item for
 * each role and current named care-team membership of their teams' staff, flagged where the member
 * left, was deactivated or moved team. Due on the last day of the period. Opening a period twice
 * opens nothing new. Each review opened is audited in the same transaction.
 */
export async function openMonthlyReviews(
  database: DatabaseHandle,
  period: string,
  now: Date,
  options: ReviewJobOptions = {},
): Promise<ReviewOpenResult> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(period))
    throw new ValidationError([{ field: 'body.period', message: 'must be a month as YYYY-MM' }]);
  const audit = options.audit ?? new AuditWriter(database);
  const dueOn = lastDayOfMonth(period);
  const result = { period, opened: 0, alreadyOpen: 0, items: 0, flagged: 0, unassignedStaff: 0 };
  await database.db.transaction().execute(async (tx) => {
    // Planning reads every named membership to count and flag items; it returns counts, never people.
    const people = systemTx(tx, 'access-review-generation');
    const input = await loadReviewInput(tx, people, ukToday(now), options.organisationId ?? null);
    const plan = planReviews(input);
    result.unassignedStaff = plan.unassignedStaff.length;
    const events: AuditEvent[] = [];
    for (const review of plan.reviews) {
      const id = await insertReview(tx, review, period, dueOn, now.toISOString());
      if (!id) {
        result.alreadyOpen += 1;
        continue;
      }
      const flagged = review.items.filter((i) => i.flag !== null).length;
      result.opened += 1;
      result.items += review.items.length;
      result.flagged += flagged;
      events.push({
        action: 'access_review.open',
        outcome: 'success',
        actor: options.actor ?? null,
        target: { type: 'access_review', id },
        details: {
          period,
          organisationId: review.organisationId,
          reviewerStaffId: review.reviewerStaffId,
          items: review.items.length,
          flagged,
        },
      });
    }
    await audit.appendInTransaction(tx, events, now, options.requestId ?? null);
  });
  return result;
}

/**
 * Escalates reviews past their due date: every undecided item is marked escalated and the review
 * becomes `escalated`, which the organisation's IG lead sees in their list. Items escalate once;
 * running again the same day changes nothing. Audited per review, in the same transaction.
 */
export async function escalateOverdueReviews(
  database: DatabaseHandle,
  now: Date,
  options: ReviewJobOptions = {},
): Promise<ReviewEscalateResult> {
  const audit = options.audit ?? new AuditWriter(database);
  const today = ukToday(now);
  const result = { reviews: 0, items: 0 };
  await database.db.transaction().execute(async (tx) => {
    let query = tx
      .selectFrom('access_reviews')
      .select(['id', 'status', 'period', 'organisation_id', 'reviewer_staff_id'])
      .where('status', 'in', ['open', 'escalated'])
      .where('due_on', '<', today);
    if (options.organisationId) query = query.where('organisation_id', '=', options.organisationId);
    const events: AuditEvent[] = [];
    for (const review of await query.orderBy('id').execute()) {
      const updated = await tx
        .updateTable('access_review_items')
        .set({ escalated_at: now.toISOString() })
        .where('review_id', '=', review.id)
        .where('decision', 'is', null)
        .where('escalated_at', 'is', null)
        .executeTakeFirst();
      const items = Number(updated.numUpdatedRows);
      if (items === 0 && review.status === 'escalated') continue;
      await tx
        .updateTable('access_reviews')
        .set({ status: 'escalated' })
        .where('id', '=', review.id)
        .execute();
      result.reviews += 1;
      result.items += items;
      events.push({
        action: 'access_review.escalate',
        outcome: 'success',
        actor: options.actor ?? null,
        target: { type: 'access_review', id: review.id },
        details: {
          period: review.period,
          organisationId: review.organisation_id,
          reviewerStaffId: review.reviewer_staff_id,
          items,
        },
      });
    }
    await audit.appendInTransaction(tx, events, now, options.requestId ?? null);
  });
  return result;
}

/** System administrators act for the partnership; IG leads for their own organisation. */
function jobOptions(ctx: ServiceContext): ReviewJobOptions {
  if (!hasAnyRole(ctx.principal, ['ig_lead', 'system_admin'])) throw new ForbiddenError();
  return {
    audit: ctx.audit,
    actor: auditActor(ctx),
    requestId: ctx.requestId,
    organisationId: hasAnyRole(ctx.principal, ['system_admin']) ? null : ctx.principal.organisationId,
  };
}

/** Opens a period's reviews on request (IG lead: their organisation; system administrator: all). */
export function openReviewsForCaller(ctx: ServiceContext, period: string): Promise<ReviewOpenResult> {
  return openMonthlyReviews(ctx.database, period, ctx.now, jobOptions(ctx));
}

/** Escalates overdue reviews on request (IG lead: their organisation; system administrator: all). */
export function escalateReviewsForCaller(ctx: ServiceContext): Promise<ReviewEscalateResult> {
  return escalateOverdueReviews(ctx.database, ctx.now, jobOptions(ctx));
}
