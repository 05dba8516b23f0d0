import type {
  AccessReview,
  AccessReviewDetail,
  AccessReviewQuery,
  ReviewDecision,
} from '../../../contracts/assurance.ts';
import { ForbiddenError, NotFoundError } from '../../http/errors.ts';
import type { ServiceContext } from '../../service-context.ts';
import { inListTransaction, openList } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { findReview, findReviewItems, findReviews, type ReviewScope } from './access-review.repository.ts';
import { ukToday } from './access-review.service.ts';
import { decideItemInTransaction, undoUntilOf } from './access-review-decide.ts';
import { namePeopleForReviewer } from './access-review-people.ts';

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
  const mine = review.reviewerStaffId === ctx.principal.staffId;
  const list = await openList(ctx, 'access_review', 'access_review.view');
  if (!list) throw new NotFoundError('Access review');
  const found = await findReviewItems(list, id);
  const now = ctx.now.toISOString();
  const items = (await namePeopleForReviewer(ctx, found)).map((item) => {
    const until = item.decidedAt ? undoUntilOf(item.decidedAt) : null;
    const undoable =
      mine &&
      item.decision === 'REVOKED' &&
      item.decidedBy === ctx.principal.staffId &&
      until !== null &&
      now <= until;
    return { ...item, undoUntil: undoable ? until : null };
  });
  return { ...review, items, can: { decide: mine && review.status !== 'completed' } };
}

/**
 * The reviewing manager confirms or revokes one item. Revoking takes effect at once (a role is
 * removed; a membership ends today, so access through it ends after today) and the decision, the
 * change and, when it was the last item, the review's completion are audited in one transaction.
 * The manager may undo a revocation for a short while (see access-review-bulk.service.ts).
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
  const reviewId = await inListTransaction(standing, (access, tx) =>
    decideItemInTransaction(ctx, access, tx, itemId, decision, today),
  );
  return getAccessReview(ctx, reviewId);
}
