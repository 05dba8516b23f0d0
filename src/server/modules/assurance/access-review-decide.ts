import type { ReviewDecision } from '../../../contracts/assurance.ts';
import type { Tx } from '../../db/database.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import type { GovernedAccess } from '../access/index.ts';
import { endItemMembership, findItemMembership } from './access-review.repository.ts';

/** How long a manager may undo a revocation they made. */
export const UNDO_WINDOW_MS = 10 * 60_000;

/** The end of the undo window for a decision made at `decidedAt`. */
export function undoUntilOf(decidedAt: string): string {
  return new Date(Date.parse(decidedAt) + UNDO_WINDOW_MS).toISOString();
}

interface ItemRow {
  id: string;
  review_id: string;
  staff_id: string;
  kind: string;
  subject: string;
  decision: string | null;
  decided_by: string | null;
  decided_at: string | null;
  reviewer_staff_id: string;
  status: string;
}

/** The item with its review, when the caller is its reviewer; anyone else's is not found. */
export async function reviewerItem(ctx: ServiceContext, tx: Tx, itemId: string): Promise<ItemRow> {
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
      'i.decided_by',
      'i.decided_at',
      'r.reviewer_staff_id',
      'r.status',
    ])
    .where('i.id', '=', itemId)
    .executeTakeFirst();
  // Another manager's review is not the caller's to know about.
  if (!item || item.reviewer_staff_id !== ctx.principal.staffId) throw new NotFoundError('Review item');
  return item;
}

/**
 * Removes a role, or ends a membership today, for a REVOKED item; refuses to confirm what is gone.
 * Returns what it changed, so an undo can put it back exactly.
 */
async function applyDecision(
  ctx: ServiceContext,
  access: GovernedAccess,
  tx: Tx,
  item: ItemRow,
  decision: ReviewDecision,
  today: string,
): Promise<{ changed: boolean; previousEndDate: string | null }> {
  const unchanged = { changed: false, previousEndDate: null };
  if (item.kind === 'ROLE') {
    const held = await tx
      .selectFrom('staff_roles')
      .select('role')
      .where('staff_id', '=', item.staff_id)
      .where('role', '=', item.subject)
      .executeTakeFirst();
    if (!held && decision === 'CONFIRMED') throw new ConflictError('This role has been removed meanwhile.');
    if (!held || decision === 'CONFIRMED') return unchanged;
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
      { details: { role: item.subject, via: 'access_review' } },
    );
    return { changed: true, previousEndDate: null };
  }
  const membership = await findItemMembership(access, item.subject);
  const current =
    membership !== undefined &&
    membership.start_date <= today &&
    (membership.end_date === null || membership.end_date >= today);
  if (!current && decision === 'CONFIRMED')
    throw new ConflictError('This care-team membership has ended meanwhile.');
  if (!membership || !current || decision === 'CONFIRMED' || membership.end_date === today) return unchanged;
  await endItemMembership(access, item.subject, today, ctx.now.toISOString());
  await auditChange(
    ctx,
    tx,
    'care_team.end',
    { type: 'care_team_membership', id: item.subject },
    { personId: membership.person_id, details: { endDate: today, via: 'access_review' } },
  );
  return { changed: true, previousEndDate: membership.end_date };
}

/** Marks the review completed when no item is left undecided. */
async function completeWhenDone(ctx: ServiceContext, tx: Tx, reviewId: string): Promise<void> {
  const open = await tx
    .selectFrom('access_review_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('review_id', '=', reviewId)
    .where('decision', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(open.n) !== 0) return;
  await tx
    .updateTable('access_reviews')
    .set({ status: 'completed', completed_at: ctx.now.toISOString() })
    .where('id', '=', reviewId)
    .where('status', '!=', 'completed')
    .execute();
  await auditChange(ctx, tx, 'access_review.complete', { type: 'access_review', id: reviewId });
}

/**
 * Decides one item inside the caller's transaction: applies a revocation, records the decision with
 * what it changed, and completes the review when it was the last. Returns the review's id.
 */
export async function decideItemInTransaction(
  ctx: ServiceContext,
  access: GovernedAccess,
  tx: Tx,
  itemId: string,
  decision: ReviewDecision,
  today: string,
  options: { bulk?: boolean } = {},
): Promise<string> {
  const item = await reviewerItem(ctx, tx, itemId);
  if (item.status === 'completed') throw new ConflictError('This review is already complete.');
  if (item.decision !== null) throw new ConflictError('This item has already been decided.');
  const applied = await applyDecision(ctx, access, tx, item, decision, today);
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
        changed: applied.changed,
        previousEndDate: applied.previousEndDate,
        ...(options.bulk ? { bulk: true } : {}),
      },
    },
  );
  await completeWhenDone(ctx, tx, item.review_id);
  return item.review_id;
}
