import type { AccessReviewItem } from '../../../contracts/assurance.ts';
import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { findCareTeamFacts, mayKnowPerson } from '../access/index.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import { findPerson } from '../people/index.ts';

/**
 * Names the people of membership items the reviewer may know (the decision function's own answer,
 * from their care-team involvement), and records each naming as a list read of that person. Others
 * stay unnamed; the page says so.
 */
export async function namePeopleForReviewer(
  ctx: ServiceContext,
  reviewId: string,
  items: readonly AccessReviewItem[],
): Promise<AccessReviewItem[]> {
  const { db } = ctx.database;
  const personIds = [...new Set(items.flatMap((i) => (i.membership ? [i.membership.personId] : [])))];
  if (personIds.length === 0) return [...items];
  const policy = await loadAccessPolicy(db);
  const at = ctx.now.toISOString();
  const names = new Map<string, string>();
  for (const personId of personIds) {
    const careTeam = await findCareTeamFacts(db, personId);
    const question = {
      principal: ctx.principal,
      personId,
      facts: { careTeam, breakGlassGrants: [], agreements: [], consent: null, lawfulExceptions: [] },
      policy,
      at,
      purpose: 'DIRECT_CARE' as const,
    };
    if (!mayKnowPerson(question, DATA_CATEGORIES)) continue;
    const person = await findPerson(db, personId);
    if (person) names.set(personId, `${person.given_name} ${person.family_name}`);
  }
  if (names.size > 0)
    await ctx.audit.append(
      [...names.keys()].map((personId) => ({
        action: 'access_review.person.list',
        outcome: 'permit' as const,
        actor: auditActor(ctx),
        personId,
        target: { type: 'access_review', id: reviewId },
      })),
      ctx.now,
      ctx.requestId,
    );
  return items.map((i) =>
    i.membership
      ? { ...i, membership: { ...i.membership, personName: names.get(i.membership.personId) ?? null } }
      : i,
  );
}
