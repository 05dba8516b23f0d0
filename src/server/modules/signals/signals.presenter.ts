/**
 * What a viewer may see of signals and contacts: the decision function asked once per category and
 * owning organisation, for the viewer. Anything refused is withheld with a marker; outside the
 * viewer's tier even the count is not given.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type { WithheldMarker } from '../../../contracts/signals.ts';
import { type Decision, decideFor, type PersonAccessQuestion } from '../access/index.ts';
import type { TakenDecision } from '../people/index.ts';

const TIER_CODES = new Set(['ROLE_TIER_EXCLUDES_CATEGORY', 'RESTRICTED_CATEGORY_ROLE']);

/** Items split into those shown and markers for those withheld, with every decision taken. */
export interface Visible<T> {
  readonly shown: T[];
  readonly withheld: WithheldMarker[];
  readonly decisions: TakenDecision[];
}

/** Splits items owned by organisations into what the viewer sees and what is withheld. */
export function visibleTo<T extends { category: DataCategory; organisationId: string }>(
  q: PersonAccessQuestion,
  items: readonly T[],
): Visible<T> {
  const cache = new Map<string, Decision>();
  const decisions: TakenDecision[] = [];
  const shown: T[] = [];
  const withheld = new Map<DataCategory, { count: number; tier: boolean; reasons: Map<string, string> }>();
  for (const item of items) {
    const key = `${item.category}|${item.organisationId}`;
    let decision = cache.get(key);
    if (!decision) {
      decision = decideFor(q, item.category, item.organisationId);
      cache.set(key, decision);
      decisions.push({ category: item.category, owner: item.organisationId, decision });
    }
    if (decision.effect === 'permit') {
      shown.push(item);
      continue;
    }
    const marker = withheld.get(item.category) ?? { count: 0, tier: false, reasons: new Map() };
    marker.count += 1;
    const tier = decision.reasons.some((r) => TIER_CODES.has(r.code));
    marker.tier ||= tier;
    for (const r of decision.reasons)
      if (!tier || TIER_CODES.has(r.code)) marker.reasons.set(r.code, r.message);
    withheld.set(item.category, marker);
  }
  return {
    shown,
    decisions,
    withheld: [...withheld].map(([category, m]) => ({
      category,
      count: m.tier ? null : m.count,
      reasons: [...m.reasons].map(([code, message]) => ({ code, message })),
    })),
  };
}
