/**
 * The consent module's share of the worklist: consent reviews assigned to a member of staff, and
 * the exception and break-glass reviews waiting at an organisation. Keyset paged on (raised, id).
 */
import { afterKeyset, type KeysetBound } from '../../db/keyset.ts';
import type { GovernedAccess } from '../access/index.ts';

/** Where a page starts for one source (see the worklist's cursor). */
export type ReviewKeysetBound = KeysetBound;

/** A review waiting for someone. */
export interface ReviewWorkRow {
  readonly id: string;
  readonly due: string;
  readonly personId: string;
  readonly detail: string;
}

/** Open consent review tasks assigned to the staff member, oldest first. */
export async function openConsentReviewsFor(
  access: GovernedAccess,
  staffId: string,
  bound: ReviewKeysetBound | null,
  limit: number,
): Promise<ReviewWorkRow[]> {
  let q = access.db
    .selectFrom('consent_review_tasks')
    .select(['id', 'created_at', 'person_id', 'trigger'])
    .where('assigned_to', '=', staffId)
    .where('status', '=', 'open');
  q = q.where(afterKeyset('created_at', 'id', bound));
  const rows = await q.orderBy('created_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, due: r.created_at, personId: r.person_id, detail: r.trigger }));
}

/** Open exception reviews of one kind at an organisation, oldest first. */
export async function openExceptionReviewsAt(
  access: GovernedAccess,
  organisationId: string,
  kind: 'LAWFUL_EXCEPTION' | 'BREAK_GLASS',
  bound: ReviewKeysetBound | null,
  limit: number,
): Promise<ReviewWorkRow[]> {
  let q = access.db
    .selectFrom('exception_reviews')
    .select(['id', 'created_at', 'person_id', 'kind'])
    .where('organisation_id', '=', organisationId)
    .where('kind', '=', kind)
    .where('status', '=', 'open');
  q = q.where(afterKeyset('created_at', 'id', bound));
  const rows = await q.orderBy('created_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, due: r.created_at, personId: r.person_id, detail: r.kind }));
}

/** Counts of open consent reviews for a member of staff and exception reviews at an organisation. */
export async function countReviewWork(
  access: GovernedAccess,
  staffId: string,
  organisationId: string | null,
): Promise<{ consent: number; exceptions: number; breakGlass: number }> {
  const [consent, byKind] = await Promise.all([
    access.db
      .selectFrom('consent_review_tasks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('assigned_to', '=', staffId)
      .where('status', '=', 'open')
      .executeTakeFirst(),
    organisationId === null
      ? Promise.resolve([])
      : access.db
          .selectFrom('exception_reviews')
          .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
          .where('organisation_id', '=', organisationId)
          .where('status', '=', 'open')
          .groupBy('kind')
          .execute(),
  ]);
  const of = (k: string) => Number(byKind.find((r) => r.kind === k)?.n ?? 0);
  return {
    consent: Number(consent?.n ?? 0),
    exceptions: of('LAWFUL_EXCEPTION'),
    breakGlass: of('BREAK_GLASS'),
  };
}
