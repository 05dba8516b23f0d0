/** Queries of the exception review queue (a governed table: each item names a person). */
import type { ExceptionReviewKind, ExceptionReviewQuery } from '../../../contracts/consent.ts';
import type { GovernedAccess, ListAccess } from '../access/index.ts';
import type { ExceptionReviewRow } from './consent.tables.ts';

/** The open review of a subject at an organisation, if any. */
export async function findOpenReview(
  access: GovernedAccess,
  item: { kind: ExceptionReviewKind; subjectId: string; organisationId: string },
): Promise<string | undefined> {
  const row = await access.db
    .selectFrom('exception_reviews')
    .select('id')
    .where('kind', '=', item.kind)
    .where('subject_id', '=', item.subjectId)
    .where('organisation_id', '=', item.organisationId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return row?.id;
}

/** Puts an item on the queue. */
export async function insertReview(access: GovernedAccess, row: ExceptionReviewRow): Promise<void> {
  await access.db.insertInto('exception_reviews').values(row).execute();
}

/** A page of the caller's organisation's queue, newest first, with the total. */
export async function findReviewPage(
  list: ListAccess,
  filter: ExceptionReviewQuery,
): Promise<{ rows: ExceptionReviewRow[]; total: number }> {
  let query = list.db.selectFrom('exception_reviews').where('organisation_id', '=', list.organisationId);
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
  return { rows, total: Number(count.n) };
}

/** One item of the caller's organisation's queue. */
export function findReview(list: ListAccess, id: string): Promise<ExceptionReviewRow | undefined> {
  return list.db
    .selectFrom('exception_reviews')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', list.organisationId)
    .executeTakeFirst();
}

/** Closes an open item of the caller's organisation; false when it was not open. */
export async function closeReview(
  list: ListAccess,
  id: string,
  finding: { outcome: string; notes: string; reviewedBy: string; at: string },
): Promise<boolean> {
  const result = await list.db
    .updateTable('exception_reviews')
    .set({
      status: 'closed',
      outcome: finding.outcome,
      notes: finding.notes,
      reviewed_by: finding.reviewedBy,
      reviewed_at: finding.at,
    })
    .where('id', '=', id)
    .where('organisation_id', '=', list.organisationId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
