/**
 * Rule 3: need to know (Caldicott principle 4). The actor must be on the person's care team today,
 * or hold live break-glass cover for crisis information.
 */
import type { Actor, BreakGlassGrantFact, CareTeamMembership, DecisionRequest } from './access.ts';
import { isCrisisCategory, withinDates } from './decide-support.ts';
import type { ReasonCode } from './reasons.ts';

/** The actor's membership of the care team in force today (by person or by team), if any. */
export function liveMembershipOf(
  actor: Actor,
  careTeam: readonly CareTeamMembership[],
  today: string,
): CareTeamMembership | undefined {
  for (const m of careTeam) {
    // A membership held while employed elsewhere does not follow the member to a new organisation.
    if (m.organisationId !== actor.organisationId) continue;
    const mine = m.staffId === actor.staffId || (m.teamId !== null && actor.teamIds.includes(m.teamId));
    if (mine && withinDates(m.startDate, m.endDate, today)) return m;
  }
  return undefined;
}

/** True when the organisation has anyone on the person's care team today. */
export function organisationOnCareTeam(
  organisationId: string,
  careTeam: readonly CareTeamMembership[],
  today: string,
): boolean {
  for (const m of careTeam) {
    if (m.organisationId === organisationId && withinDates(m.startDate, m.endDate, today)) return true;
  }
  return false;
}

/**
 * The actor's live break-glass grant that opens this request, if any. Emergency access is for
 * seeing the crisis summary: view only, crisis categories only, never a restricted category.
 */
export function usableBreakGlassOf(
  request: DecisionRequest,
  atMs: number,
  restricted: boolean,
): BreakGlassGrantFact | undefined {
  if (restricted || request.action !== 'view' || !isCrisisCategory(request.category)) return undefined;
  const staffId = request.actor.staffId;
  for (const g of request.facts.breakGlassGrants) {
    if (g.staffId !== staffId || !g.categories.includes(request.category)) continue;
    if (Date.parse(g.grantedAt) <= atMs && atMs < Date.parse(g.expiresAt)) return g;
  }
  return undefined;
}

/** Push why the actor is not involved, including what is wrong with any break-glass they hold. */
export function explainNoInvolvement(
  request: DecisionRequest,
  atMs: number,
  restricted: boolean,
  denied: ReasonCode[],
): void {
  denied.push('NOT_INVOLVED_IN_CARE');
  let live = false;
  let liveCovering = false;
  let expired = false;
  for (const g of request.facts.breakGlassGrants) {
    if (g.staffId !== request.actor.staffId) continue;
    const expiresAtMs = Date.parse(g.expiresAt);
    if (Date.parse(g.grantedAt) <= atMs && atMs < expiresAtMs) {
      live = true;
      if (g.categories.includes(request.category)) liveCovering = true;
    } else if (expiresAtMs <= atMs) {
      expired = true;
    }
  }
  if (!live) {
    if (expired) denied.push('BREAK_GLASS_EXPIRED');
    return;
  }
  if (restricted) denied.push('BREAK_GLASS_RESTRICTED_CATEGORY');
  else if (!liveCovering || !isCrisisCategory(request.category))
    denied.push('BREAK_GLASS_CATEGORY_NOT_COVERED');
  else if (request.action !== 'view') denied.push('BREAK_GLASS_VIEW_ONLY');
}
