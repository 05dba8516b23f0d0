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
import type { Db } from '../../db/database.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../http/errors.ts';
import { auditActor, auditChange, type ServiceContext, todayOf } from '../../service-context.ts';
import { findPerson } from '../people/index.ts';
import { presentException } from './consent.presenter.ts';
import { findLawfulExceptionsById } from './consent.repository.ts';
import type { ExceptionReviewRow } from './consent.tables.ts';
import { requireRole } from './consent-access.ts';

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
  tx: Db,
  item: ExceptionReviewRequest,
): Promise<{ id: string; created: boolean }> {
  const open = await tx
    .selectFrom('exception_reviews')
    .select('id')
    .where('kind', '=', item.kind)
    .where('subject_id', '=', item.subjectId)
    .where('organisation_id', '=', item.organisationId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (open) return { id: open.id, created: false };
  const id = crypto.randomUUID();
  await tx
    .insertInto('exception_reviews')
    .values({
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
    })
    .execute();
  return { id, created: true };
}

/**
 * Why the reviewer may not be told who an item is about, or null when they may: an IG lead with
 * current training answers for their own organisation's exceptions, and the queue is only those.
 */
function personWithheldFor(ctx: ServiceContext): string | null {
  const expires = ctx.principal.igTrainingExpiresOn;
  if (!expires || expires < todayOf(ctx))
    return 'Your information governance training has lapsed, so the person is not named to you.';
  return null;
}

/** Names of the people the items are about, when the reviewer may be told them. */
async function personNames(
  ctx: ServiceContext,
  rows: readonly ExceptionReviewRow[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (personWithheldFor(ctx) !== null) return names;
  for (const personId of new Set(rows.map((r) => r.person_id))) {
    const person = await findPerson(ctx.database.db, personId);
    if (person) names.set(personId, `${person.given_name} ${person.family_name}`);
  }
  return names;
}

async function present(
  ctx: ServiceContext,
  rows: readonly ExceptionReviewRow[],
): Promise<ExceptionReviewDto[]> {
  const db = ctx.database.db;
  const people = await personNames(ctx, rows);
  const withheld = personWithheldFor(ctx) ?? 'This person is no longer recorded.';
  const exceptionIds = rows.filter((r) => r.kind === 'LAWFUL_EXCEPTION').map((r) => r.subject_id);
  const grantIds = rows.filter((r) => r.kind === 'BREAK_GLASS').map((r) => r.subject_id);
  const [lawful, grantRows] = await Promise.all([
    findLawfulExceptionsById(db, exceptionIds),
    grantIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('break_glass_grants as g')
          .innerJoin('staff as s', 's.id', 'g.staff_id')
          .select([
            'g.id',
            'g.staff_id',
            's.display_name',
            'g.reason',
            'g.granted_at',
            'g.expires_at',
            'g.ended_at',
            'g.categories',
          ])
          .where('g.id', 'in', grantIds)
          .execute(),
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
  requireRole(ctx, ['ig_lead'], 'Only IG leads review exceptions.');
  // The queue shows stated reasons and rationales about named people: current IG training required.
  const today = todayOf(ctx);
  if (!ctx.principal.igTrainingExpiresOn || ctx.principal.igTrainingExpiresOn < today) {
    throw new ForbiddenError('Your IG training has lapsed; renew it to review exceptions.');
  }
  const { db } = ctx.database;
  let query = db.selectFrom('exception_reviews').where('organisation_id', '=', ctx.principal.organisationId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = await present(ctx, rows);
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
  return { items, total: Number(count.n) };
}

/** Closes an exception review with the IG lead's finding. Another organisation's item is not found. */
export async function closeExceptionReview(
  ctx: ServiceContext,
  id: string,
  input: ExceptionReviewCloseInput,
): Promise<ExceptionReviewDto> {
  requireRole(ctx, ['ig_lead'], 'Only IG leads review exceptions.');
  const now = ctx.now.toISOString();
  const closed = await ctx.database.db.transaction().execute(async (tx) => {
    const review = await tx
      .selectFrom('exception_reviews')
      .selectAll()
      .where('id', '=', id)
      .where('organisation_id', '=', ctx.principal.organisationId)
      .executeTakeFirst();
    if (!review) throw new NotFoundError('Exception review');
    const result = await tx
      .updateTable('exception_reviews')
      .set({
        status: 'closed',
        outcome: input.outcome,
        notes: input.notes,
        reviewed_by: ctx.principal.staffId,
        reviewed_at: now,
      })
      .where('id', '=', id)
      .where('status', '=', 'open')
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) throw new ConflictError('This review is already closed.');
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
    return tx.selectFrom('exception_reviews').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  });
  const [presented] = await present(ctx, [closed]);
  if (!presented) throw new NotFoundError('Exception review');
  return presented;
}
