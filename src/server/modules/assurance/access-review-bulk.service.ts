import type { AccessReviewDetail } from '../../../contracts/assurance.ts';
import type { Tx } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { type GovernedAccess, inListTransaction, openList } from '../access/index.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { endItemMembership, findItemMembership } from './access-review.repository.ts';
import { ukToday } from './access-review.service.ts';
import { decideItemInTransaction, reviewerItem, undoUntilOf } from './access-review-decide.ts';
import { getAccessReview } from './access-review-items.service.ts';

function requireManager(ctx: ServiceContext): void {
  if (!hasAnyRole(ctx.principal, ['service_manager'])) throw new ForbiddenError();
}

/**
 * The reviewing manager confirms many items of one review at once (their team's unflagged items, as
 * the page offers). All or none: if any item was decided meanwhile, nothing is confirmed.
 */
export async function confirmReviewItems(
  ctx: ServiceContext,
  reviewId: string,
  itemIds: readonly string[],
): Promise<AccessReviewDetail> {
  requireManager(ctx);
  const today = ukToday(ctx.now);
  const standing = await openList(ctx, 'access_review', 'access_review.item.decide');
  if (!standing) throw new NotFoundError('Access review');
  await inListTransaction(standing, async (access, tx) => {
    for (const itemId of new Set(itemIds)) {
      const item = await reviewerItem(ctx, tx, itemId);
      if (item.review_id !== reviewId) throw new NotFoundError('Review item');
      await decideItemInTransaction(ctx, access, tx, itemId, 'CONFIRMED', today, { bulk: true });
    }
  });
  return getAccessReview(ctx, reviewId);
}

/** What the revocation changed, as its decision entry recorded it. */
async function recordedChange(
  tx: Tx,
  itemId: string,
): Promise<{ changed: boolean; previousEndDate: string | null }> {
  const entry = await tx
    .selectFrom('audit_entries')
    .select('details')
    .where('action', '=', 'access_review.item.decide')
    .where('target_type', '=', 'access_review_item')
    .where('target_id', '=', itemId)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const details: unknown = entry ? JSON.parse(entry.details) : null;
  if (typeof details !== 'object' || details === null) return { changed: false, previousEndDate: null };
  const d = details as Record<string, unknown>;
  return {
    changed: d.changed === true,
    previousEndDate: typeof d.previousEndDate === 'string' ? d.previousEndDate : null,
  };
}

/** Gives back a removed role, or the membership's earlier end date, exactly as before the revocation. */
async function restore(
  ctx: ServiceContext,
  access: GovernedAccess,
  tx: Tx,
  item: { staff_id: string; kind: string; subject: string; decided_at: string },
  previousEndDate: string | null,
): Promise<void> {
  if (item.kind === 'ROLE') {
    await tx
      .insertInto('staff_roles')
      .values({ staff_id: item.staff_id, role: item.subject })
      .onConflict((oc) => oc.columns(['staff_id', 'role']).doNothing())
      .execute();
    await auditChange(
      ctx,
      tx,
      'staff.role.restore',
      { type: 'staff', id: item.staff_id },
      { details: { role: item.subject, via: 'access_review.undo' } },
    );
    return;
  }
  const endedOn = ukToday(new Date(item.decided_at));
  const membership = await findItemMembership(access, item.subject);
  if (!membership || membership.end_date !== endedOn)
    throw new ConflictError('This membership has changed since it was revoked; change it on the care team.');
  await endItemMembership(access, item.subject, previousEndDate, ctx.now.toISOString());
  await auditChange(
    ctx,
    tx,
    'care_team.restore',
    { type: 'care_team_membership', id: item.subject },
    { personId: membership.person_id, details: { endDate: previousEndDate, via: 'access_review.undo' } },
  );
}

/**
 * Undoes the caller's own revocation within its undo window: the role or membership comes back as
 * it was, the item is open again, and a review completed by it is reopened. All audited together.
 */
export async function undoRevocation(ctx: ServiceContext, itemId: string): Promise<AccessReviewDetail> {
  requireManager(ctx);
  const standing = await openList(ctx, 'access_review', 'access_review.item.undo');
  if (!standing) throw new NotFoundError('Review item');
  const reviewId = await inListTransaction(standing, async (access, tx) => {
    const item = await reviewerItem(ctx, tx, itemId);
    const decidedAt = item.decided_at;
    if (
      item.decision !== 'REVOKED' ||
      item.decided_by !== ctx.principal.staffId ||
      decidedAt === null ||
      ctx.now.toISOString() > undoUntilOf(decidedAt)
    )
      throw new ConflictError('This revocation can no longer be undone.');
    const recorded = await recordedChange(tx, itemId);
    if (recorded.changed)
      await restore(ctx, access, tx, { ...item, decided_at: decidedAt }, recorded.previousEndDate);
    const reopened = await tx
      .updateTable('access_review_items')
      .set({ decision: null, decided_by: null, decided_at: null })
      .where('id', '=', itemId)
      .where('decision', '=', 'REVOKED')
      .executeTakeFirst();
    if (Number(reopened.numUpdatedRows) !== 1)
      throw new ConflictError('This revocation can no longer be undone.');
    await auditChange(
      ctx,
      tx,
      'access_review.item.undo',
      { type: 'access_review_item', id: itemId },
      {
        details: { reviewId: item.review_id, kind: item.kind, staffId: item.staff_id, subject: item.subject },
      },
    );
    if (item.status === 'completed') {
      const escalated = await tx
        .selectFrom('access_review_items')
        .select('id')
        .where('review_id', '=', item.review_id)
        .where('escalated_at', 'is not', null)
        .executeTakeFirst();
      await tx
        .updateTable('access_reviews')
        .set({ status: escalated ? 'escalated' : 'open', completed_at: null })
        .where('id', '=', item.review_id)
        .execute();
      await auditChange(ctx, tx, 'access_review.reopen', { type: 'access_review', id: item.review_id });
    }
    return item.review_id;
  });
  return getAccessReview(ctx, reviewId);
}
