/**
 * The exception review queue: every lawful exception and every break-glass grant is looked at
 * afterwards by the IG lead of the organisation that used it (the privacy-officer pattern of the
 * Summary Care Record). IG leads see and close only their own organisation's items.
 */
import type {
  ExceptionReviewCloseInput,
  ExceptionReviewDto,
  ExceptionReviewKind,
  ExceptionReviewOutcome,
  ExceptionReviewQuery,
} from '../../../contracts/consent.ts';
import type { DataCategory } from '../../../contracts/enums.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext } from '../../service-context.ts';
import { findGrantsWithNames } from '../access/break-glass.repository.ts';
import { type GovernedAccess, inListTransaction, type ListAccess, openList } from '../access/index.ts';
import { findHeaders } from '../people/index.ts';
import { presentException } from './consent.presenter.ts';
import { findLawfulExceptionsById } from './consent.repository.ts';
import type { ExceptionReviewRow } from './consent.tables.ts';
import {
  closeReview,
  findOpenReview,
  findReview,
  findReviewPage,
  insertReview,
} from './exception-review.repository.ts';

/** What to put on the queue. */
export interface ExceptionReviewRequest {
  readonly kind: ExceptionReviewKind;
  /** The lawful exception's or break-glass grant's id. */
  readonly subjectId: string;
  readonly personId: string;
  /** The organisation whose IG lead reviews it: the one that recorded or used the exception. */
  readonly organisationId: string;
  /** ISO instant the item is queued. */
  readonly at: string;
}

/**
 * Queues an exception for review in the caller's transaction. Idempotent while open: the same
 * subject is queued once however often it is used, so each use does not flood the IG lead.
 */
export async function queueExceptionReview(
  access: GovernedAccess,
  item: ExceptionReviewRequest,
): Promise<{ id: string; created: boolean }> {
  const open = await findOpenReview(access, item);
  if (open) return { id: open, created: false };
  const id = crypto.randomUUID();
  await insertReview(access, {
    id,
    kind: item.kind,
    subject_id: item.subjectId,
    person_id: item.personId,
    organisation_id: item.organisationId,
    status: 'open',
    outcome: null,
    notes: null,
    reviewed_by: null,
    reviewed_at: null,
    created_at: item.at,
  });
  return { id, created: true };
}

async function present(list: ListAccess, rows: readonly ExceptionReviewRow[]): Promise<ExceptionReviewDto[]> {
  // The reviewer holds standing for the queue (an IG lead, active and trained): the people its
  // items are about are named to them, by a header read.
  const headers = await findHeaders(list, [...new Set(rows.map((r) => r.person_id))]);
  const people = new Map(headers.map((h) => [h.id, `${h.givenName} ${h.familyName}`]));
  const withheld = 'This person is no longer recorded.';
  const exceptionIds = rows.filter((r) => r.kind === 'LAWFUL_EXCEPTION').map((r) => r.subject_id);
  const grantIds = rows.filter((r) => r.kind === 'BREAK_GLASS').map((r) => r.subject_id);
  const [lawful, grantRows] = await Promise.all([
    findLawfulExceptionsById(list, exceptionIds),
    findGrantsWithNames(list, grantIds),
  ]);
  const exceptions = new Map(lawful.map((e) => [e.id, presentException(e)]));
  // The reviewer needs the stated reason to judge the access; it is shown here, never logged.
  const grants = new Map(
    grantRows.map((g) => [
      g.id,
      {
        staffId: g.staff_id,
        staffName: g.display_name,
        reason: g.reason,
        grantedAt: g.granted_at,
        expiresAt: g.expires_at,
        endedAt: g.ended_at,
        categories: g.categories === '' ? [] : (g.categories.split(',') as DataCategory[]),
      },
    ]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ExceptionReviewKind,
    subjectId: r.subject_id,
    personId: r.person_id,
    personName: people.get(r.person_id) ?? null,
    personWithheld: people.has(r.person_id) ? null : withheld,
    organisationId: r.organisation_id,
    status: r.status === 'closed' ? 'closed' : 'open',
    outcome: (r.outcome as ExceptionReviewOutcome | null) ?? null,
    notes: r.notes,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    createdAt: r.created_at,
    exception: r.kind === 'LAWFUL_EXCEPTION' ? (exceptions.get(r.subject_id) ?? null) : null,
    breakGlass: r.kind === 'BREAK_GLASS' ? (grants.get(r.subject_id) ?? null) : null,
  }));
}

/** The caller's organisation's exception reviews, newest first. IG leads only. */
export async function listExceptionReviews(
  ctx: ServiceContext,
  filter: ExceptionReviewQuery,
): Promise<{ items: ExceptionReviewDto[]; total: number }> {
  // The queue shows stated reasons and rationales about named people: an IG lead with an active
  // account and current training, or nobody (an empty queue, audited).
  const list = await openList(ctx, 'exception_review', 'exception_review.list');
  if (!list) return { items: [], total: 0 };
  const { rows, total } = await findReviewPage(list, filter);
  const items = await present(list, rows);
  // One entry per item shown, with its person, so each person's access report lists the review read.
  await ctx.audit.append(
    items.length > 0
      ? items.map((item) => ({
          action: 'exception_review.view',
          outcome: 'permit' as const,
          actor: auditActor(ctx),
          personId: item.personId,
          target: { type: 'exception_review', id: item.id },
          ...(item.kind === 'BREAK_GLASS'
            ? { breakGlassGrantId: item.subjectId }
            : { exceptionId: item.subjectId }),
        }))
      : [
          {
            action: 'exception_review.list',
            outcome: 'success',
            actor: auditActor(ctx),
            details: { shown: 0 },
          },
        ],
    ctx.now,
    ctx.requestId,
  );
  return { items, total };
}

/** Closes an exception review with the IG lead's finding. Another organisation's item is not found. */
export async function closeExceptionReview(
  ctx: ServiceContext,
  id: string,
  input: ExceptionReviewCloseInput,
): Promise<ExceptionReviewDto> {
  const list = await openList(ctx, 'exception_review', 'exception_review.list');
  if (!list) throw new NotFoundError('Exception review');
  const now = ctx.now.toISOString();
  const closed = await inListTransaction(list, async (inTx, tx) => {
    const review = await findReview(inTx, id);
    if (!review) throw new NotFoundError('Exception review');
    const done = await closeReview(inTx, id, {
      outcome: input.outcome,
      notes: input.notes,
      reviewedBy: ctx.principal.staffId,
      at: now,
    });
    if (!done) throw new ConflictError('This review is already closed.');
    await auditChange(
      ctx,
      tx,
      'exception_review.close',
      { type: 'exception_review', id },
      {
        personId: review.person_id,
        exceptionId: review.kind === 'LAWFUL_EXCEPTION' ? review.subject_id : null,
        details: { kind: review.kind, subjectId: review.subject_id, outcome: input.outcome },
      },
    );
    return findReview(inTx, id);
  });
  const [presented] = closed ? await present(list, [closed]) : [];
  if (!presented) throw new NotFoundError('Exception review');
  return presented;
}
