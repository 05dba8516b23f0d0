import type { AccessReviewItem } from '../../../contracts/assurance.ts';
import type { ServiceContext } from '../../service-context.ts';
import { personHeaders } from '../people/index.ts';

/**
 * Names the people of membership items the reviewer may know, by a header read (the decision
 * function's answer from their involvement; one list entry per person named, no record view).
 * Others stay unnamed; the page says so.
 */
export async function namePeopleForReviewer(
  ctx: ServiceContext,
  items: readonly AccessReviewItem[],
): Promise<AccessReviewItem[]> {
  const personIds = [...new Set(items.flatMap((i) => (i.membership ? [i.membership.personId] : [])))];
  if (personIds.length === 0) return [...items];
  const headers = await personHeaders(ctx, personIds);
  const names = new Map(headers.map((h) => [h.id, `${h.givenName} ${h.familyName}`]));
  return items.map((i) =>
    i.membership
      ? { ...i, membership: { ...i.membership, personName: names.get(i.membership.personId) ?? null } }
      : i,
  );
}
