/**
 * The crisis line: a duty worker out of hours, with no NHS number to hand, finds a person by name
 * and date of birth, then asks for emergency access by the NHS number found. Like break-glass by
 * NHS number, this tells a duty worker (and nobody else) who is registered; every search is
 * audited, with one entry per person shown and none of the search terms.
 */
import type { CrisisMatch, CrisisSearchQuery } from '../../../contracts/exchange.ts';
import { ForbiddenError } from '../../http/errors.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { openList } from '../access/index.ts';
import { findByNameAndBirth } from './crisis-line.repository.ts';

/** More matches than this means the search is too broad to act on safely. */
const MAX_MATCHES = 10;

/** People matching a duty worker's search (403 to anyone without emergency standing). */
export async function searchForCrisis(
  ctx: ServiceContext,
  query: CrisisSearchQuery,
): Promise<{ items: CrisisMatch[] }> {
  const list = await openList(ctx, 'break_glass', 'crisis.search');
  if (!list) throw new ForbiddenError('Only duty and crisis workers search the partnership in a crisis.');
  const rows = await findByNameAndBirth(
    list,
    query.familyName.trim(),
    query.givenName?.trim() || undefined,
    query.dateOfBirth,
    MAX_MATCHES,
  );
  const actor = auditActor(ctx);
  await ctx.audit.append(
    rows.length === 0
      ? [
          {
            action: 'crisis.search',
            outcome: 'success',
            actor,
            purpose: 'CRISIS_RESPONSE',
            details: { matches: 0 },
          },
        ]
      : rows.map((r) => ({
          action: 'crisis.search' as const,
          outcome: 'success' as const,
          actor,
          personId: r.id,
          purpose: 'CRISIS_RESPONSE' as const,
          details: { matches: rows.length },
        })),
    ctx.now,
    ctx.requestId,
  );
  return {
    items: rows.map((r) => ({
      nhsNumber: r.nhs_number,
      givenName: r.given_name,
      familyName: r.family_name,
      dateOfBirth: r.date_of_birth,
      postcode: r.postcode,
    })),
  };
}
