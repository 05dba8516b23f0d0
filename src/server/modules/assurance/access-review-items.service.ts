import type {
  AccessReview,
  AccessReviewDetail,
  AccessReviewQuery,
  ReviewDecision,
} from '../../../contracts/assurance.ts';
import type { Db, Tx } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { type GovernedAccess, inListTransaction, openList } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import {
  endItemMembership,
  findItemMembership,
  findReview,
  findReviewItems,
  findReviews,
  type ReviewScope,
} from './access-review.repository.ts';
import { ukToday } from './access-review.service.ts';

/** Service managers see the reviews they own; IG leads see their organisation's. */
function scopeOf(ctx: ServiceContext): ReviewScope {
  const manager = hasAnyRole(ctx.principal, ['service_manager']);
  const ig = hasAnyRole(ctx.principal, ['ig_lead']);
  if (!manager && !ig) throw new ForbiddenError();
  return {
    reviewerStaffId: manager ? ctx.principal.staffId : null,
    organisationId: ig ? ctx.principal.organisationId : null,
  };
}

/** Access reviews the caller may see, newest period first. */
export function listAccessReviews(
  ctx: ServiceContext,
  query: AccessReviewQuery,
): Promise<{ items: AccessReview[]; total: number }> {
  return findReviews(
    ctx.database.db,
    scopeOf(ctx),
    { status: query.status, period: query.period },
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
}

/** One review with its items; what the caller may do with it. */
export async function getAccessReview(ctx: ServiceContext, id: string): Promise<AccessReviewDetail> {
  const review = await findReview(ctx.database.db, scopeOf(ctx), id);
  if (!review) throw new NotFoundError('Access review');
  const list = await openList(ctx, 'access_review', 'access_review.view');
  if (!list) throw new NotFoundError('Access review');
  const items = await findReviewItems(list, id);
  // One list entry per person a membership item names: the reviewer saw that they are in someone's care.
  const people = [...new Set(items.flatMap((i) => (i.membership?.personId ? [i.membership.personId] : [])))];
  await ctx.audit.append(
    people.length > 0
      ? people.map((personId) => ({
          action: 'access_review.view' as const,
          outcome: 'permit' as const,
          actor: auditActor(ctx),
          personId,
          purpose: 'AUDIT',
          target: { type: 'access_review', id },
        }))
      : [
          {
            action: 'access_review.view',
            outcome: 'success',
            actor: auditActor(ctx),
            target: { type: 'access_review', id },
          },
        ],
    ctx.now,
    ctx.requestId,
  );
  const decide = review.reviewerStaffId === ctx.principal.staffId && review.status !== 'completed';
  return { ...review, items, can: { decide } };
}

/** Removes a role, or ends a membership today, for a REVOKED item; refuses to confirm what is gone. */
async function applyDecision(
  ctx: ServiceContext,
  access: GovernedAccess,
  tx: Tx,
  item: { staff_id: string; kind: string; subject: string },
  decision: ReviewDecision,
  today: string,
): Promise<void> {
  if (item.kind === 'ROLE') {
    const held = await tx
      .selectFrom('staff_roles')
      .select('role')
      .where('staff_id', '=', item.staff_id)
      .where('role', '=', item.subject)
      .executeTakeFirst();
    if (!held && decision === 'CONFIRMED') throw new ConflictError('This role has been removed meanwhile.');
    if (!held || decision === 'CONFIRMED') return;
    await tx
      .deleteFrom('staff_roles')
      .where('staff_id', '=', item.staff_id)
      .where('role', '=', item.subject)
      .execute();
    await auditChange(
      ctx,
      tx,
      'staff.role.revoke',
      { type: 'staff', id: item.staff_id },
      {
        details: { role: item.subject, via: 'access_review' },
      },
    );
    return;
  }
  const membership = await findItemMembership(access, item.subject);
  const current =
    membership !== undefined &&
    membership.start_date <= today &&
    (membership.end_date === null || membership.end_date >= today);
  if (!current && decision === 'CONFIRMED')
    throw new ConflictError('This care-team membership has ended meanwhile.');
  if (!membership || !current || decision === 'CONFIRMED' || membership.end_date === today) return;
  await endItemMembership(access, item.subject, today, ctx.now.toISOString());
  await auditChange(
    ctx,
    tx,
    'care_team.end',
    { type: 'care_team_membership', id: item.subject },
    {
      personId: membership.person_id,
      details: { endDate: today, via: 'access_review' },
    },
  );
}

/**
 * The reviewing manager confirms or revokes one item. Revoking takes effect at once (a role is
 * removed; a membership ends today, so access through it ends after today) and the decision, the
 * change and, when it was the last item, the review's completion are audited in one transaction.
 */
export async function decideReviewItem(
  ctx: ServiceContext,
  itemId: string,
  decision: ReviewDecision,
): Promise<AccessReviewDetail> {
  if (!hasAnyRole(ctx.principal, ['service_manager'])) throw new ForbiddenError();
  const today = ukToday(ctx.now);
  const standing = await openList(ctx, 'access_review', 'access_review.item.decide');
  if (!standing) throw new NotFoundError('Review item');
  const reviewId = await inListTransaction(standing, async (access, tx) => {
    const item = await tx
      .selectFrom('access_review_items as i')
      .innerJoin('access_reviews as r', 'r.id', 'i.review_id')
      .select([
        'i.id',
        'i.review_id',
        'i.staff_id',
        'i.kind',
        'i.subject',
        'i.decision',
        'r.reviewer_staff_id',
        'r.status',
      ])
      .where('i.id', '=', itemId)
      .executeTakeFirst();
    // Another manager's review is not the caller's to know about.
    if (!item || item.reviewer_staff_id !== ctx.principal.staffId) throw new NotFoundError('Review item');
    if (item.status === 'completed') throw new ConflictError('This review is already complete.');
    if (item.decision !== null) throw new ConflictError('This item has already been decided.');
    await applyDecision(ctx, access, tx, item, decision, today);
    const updated = await tx
      .updateTable('access_review_items')
      .set({ decision, decided_by: ctx.principal.staffId, decided_at: ctx.now.toISOString() })
      .where('id', '=', itemId)
      .where('decision', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ConflictError('This item has already been decided.');
    await auditChange(
      ctx,
      tx,
      'access_review.item.decide',
      { type: 'access_review_item', id: itemId },
      {
        details: {
          reviewId: item.review_id,
          kind: item.kind,
          staffId: item.staff_id,
          subject: item.subject,
          decision,
        },
      },
    );
    const open = await tx
      .selectFrom('access_review_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('review_id', '=', item.review_id)
      .where('decision', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(open.n) === 0) {
      await tx
        .updateTable('access_reviews')
        .set({ status: 'completed', completed_at: ctx.now.toISOString() })
        .where('id', '=', item.review_id)
        .execute();
      await auditChange(ctx, tx, 'access_review.complete', { type: 'access_review', id: item.review_id });
    }
    return item.review_id;
  });
  return getAccessReview(ctx, reviewId);
}
