/**
 * Rule 3: need to know (Caldicott principle 4). The actor must be on the person's care team today,
 * or hold live break-glass cover for crisis information.
 */
import type { AccessAction, DataCategory } from '../../../contracts/enums.ts';
import type { Actor, CareTeamMembership } from './access.ts';
import { DENY } from './decide-denial.ts';
import {
  type CareTeamIndex,
  type GrantIndex,
  grantsOf,
  type IndexedGrant,
  type IndexedMembership,
  membershipsOfStaff,
  membershipsOfTeam,
  presenceOf,
} from './decide-index.ts';
import { isCrisisCategory, withinDates } from './decide-support.ts';

function firstLive(
  entries: readonly IndexedMembership[],
  today: string,
  before: number,
): IndexedMembership | undefined {
  for (const entry of entries) {
    if (entry.order >= before) return undefined;
    const m = entry.membership;
    if (withinDates(m.startDate, m.endDate, today)) return entry;
  }
  return undefined;
}

/**
 * The actor's membership of the care team in force today (by person or by team), if any; the
 * first such in the care team's order. A membership held while employed elsewhere does not follow
 * the member to a new organisation, so only the actor's own organisation is searched.
 */
export function liveMembershipOf(
  actor: Actor,
  careTeam: CareTeamIndex,
  today: string,
): CareTeamMembership | undefined {
  const org = actor.organisationId;
  let best = firstLive(membershipsOfStaff(careTeam, org, actor.staffId), today, Number.POSITIVE_INFINITY);
  for (const teamId of actor.teamIds) {
    const found = firstLive(
      membershipsOfTeam(careTeam, org, teamId),
      today,
      best?.order ?? Number.POSITIVE_INFINITY,
    );
    if (found !== undefined) best = found;
  }
  return best?.membership;
}

/** True when the organisation has anyone on the person's care team today. */
export function organisationOnCareTeam(
  organisationId: string,
  careTeam: CareTeamIndex,
  today: string,
): boolean {
  const presence = presenceOf(careTeam, organisationId);
  if (presence.openFrom !== undefined && presence.openFrom <= today) return true;
  for (const m of presence.ended) {
    if (withinDates(m.startDate, m.endDate, today)) return true;
  }
  return false;
}

/**
 * The actor's live break-glass grant that opens this request, if any. Emergency access is for
 * seeing the crisis summary: view only, crisis categories only, never a restricted category.
 */
export function usableBreakGlassOf(
  grants: GrantIndex,
  staffId: string,
  action: AccessAction,
  category: DataCategory,
  atMs: number,
  restricted: boolean,
): IndexedGrant | undefined {
  if (restricted || action !== 'view' || !isCrisisCategory(category)) return undefined;
  for (const g of grantsOf(grants, staffId)) {
    if (!g.grant.categories.includes(category)) continue;
    if (g.grantedAtMs <= atMs && atMs < g.expiresAtMs) return g;
  }
  return undefined;
}

/** Why (as deny bits) the actor is not involved, including what is wrong with their break-glass. */
export function explainNoInvolvement(
  grants: GrantIndex,
  staffId: string,
  action: AccessAction,
  category: DataCategory,
  atMs: number,
  restricted: boolean,
): number {
  let live = false;
  let liveCovering = false;
  let expired = false;
  for (const g of grantsOf(grants, staffId)) {
    if (g.grantedAtMs <= atMs && atMs < g.expiresAtMs) {
      live = true;
      if (g.grant.categories.includes(category)) liveCovering = true;
    } else if (g.expiresAtMs <= atMs) {
      expired = true;
    }
  }
  const denied = DENY.NOT_INVOLVED_IN_CARE;
  if (!live) return expired ? denied | DENY.BREAK_GLASS_EXPIRED : denied;
  if (restricted) return denied | DENY.BREAK_GLASS_RESTRICTED_CATEGORY;
  if (!liveCovering || !isCrisisCategory(category)) return denied | DENY.BREAK_GLASS_CATEGORY_NOT_COVERED;
  if (action !== 'view') return denied | DENY.BREAK_GLASS_VIEW_ONLY;
  return denied;
}
