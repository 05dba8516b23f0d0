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
  innerMap,
  membershipsOfStaff,
  membershipsOfTeam,
} from './decide-index.ts';
import { isCrisisCategory, withinDates } from './decide-support.ts';
import { dayNumberOf, instantOf } from './decide-time.ts';
import { type DayTimeline, timelineOf, valueOn } from './decide-timeline.ts';

function sameTeams(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The actor's memberships (by person and through their teams), in the care team's order. */
function candidatesOf(actor: Actor, careTeam: CareTeamIndex): IndexedMembership[] {
  const org = actor.organisationId;
  const found = [...membershipsOfStaff(careTeam, org, actor.staffId)];
  for (const teamId of actor.teamIds) found.push(...membershipsOfTeam(careTeam, org, teamId));
  return found.sort((a, b) => a.order - b.order);
}

function membershipTimeline(
  actor: Actor,
  careTeam: CareTeamIndex,
): DayTimeline<CareTeamMembership | undefined> {
  const candidates = candidatesOf(actor, careTeam);
  const starts: string[] = [];
  const ends: string[] = [];
  for (const { membership: m } of candidates) {
    starts.push(m.startDate);
    if (m.endDate !== null) ends.push(m.endDate);
  }
  return timelineOf(
    starts,
    ends,
    (day) => {
      for (const { membership: m } of candidates) {
        if (day.onOrAfter(m.startDate) && (m.endDate === null || !day.after(m.endDate))) return m;
      }
      return undefined;
    },
    (a, b) => a === b,
  );
}

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

/** The live membership worked out directly from the lists, for a member asked about once. */
function liveMembershipNow(
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

/**
 * The actor's membership of the care team in force today (by person or by team), if any; the
 * first such in the care team's order. A membership held while employed elsewhere does not follow
 * the member to a new organisation, so only the actor's own organisation is searched.
 */
export function liveMembershipOf(
  actor: Actor,
  careTeam: CareTeamIndex,
  today: string,
  day: number = dayNumberOf(today),
): CareTeamMembership | undefined {
  const byStaff = innerMap(careTeam.byActor, actor.organisationId);
  const found = byStaff.get(actor.staffId);
  if (found === undefined || !sameTeams(found.teamIds, actor.teamIds)) {
    // A copy: an actor whose teams are changed in place must not be answered from its old teams.
    byStaff.set(actor.staffId, { teamIds: [...actor.teamIds], timeline: undefined });
    return liveMembershipNow(actor, careTeam, today);
  }
  found.timeline ??= membershipTimeline(actor, careTeam);
  return valueOn(found.timeline, today, day);
}

/**
 * Whether the organisation has anyone on the care team, by day. Kept out of
 * `organisationOnCareTeam`: these closures would make V8 allocate a context on every call there.
 */
function presenceTimeline(organisationId: string, careTeam: CareTeamIndex): DayTimeline<boolean> {
  const members = careTeam.careTeam.filter((m) => m.organisationId === organisationId);
  const ends: string[] = [];
  for (const m of members) if (m.endDate !== null) ends.push(m.endDate);
  return timelineOf(
    members.map((m) => m.startDate),
    ends,
    (day) => members.some((m) => day.onOrAfter(m.startDate) && (m.endDate === null || !day.after(m.endDate))),
    (a, b) => a === b,
  );
}

/** True when the organisation has anyone on the person's care team today. */
export function organisationOnCareTeam(
  organisationId: string,
  careTeam: CareTeamIndex,
  today: string,
  day: number = dayNumberOf(today),
): boolean {
  let presence = careTeam.presence.get(organisationId);
  if (presence === undefined) {
    careTeam.presence.set(organisationId, null);
    for (const m of careTeam.careTeam) {
      if (m.organisationId === organisationId && withinDates(m.startDate, m.endDate, today)) return true;
    }
    return false;
  }
  if (presence === null) {
    presence = presenceTimeline(organisationId, careTeam);
    careTeam.presence.set(organisationId, presence);
  }
  return valueOn(presence, today, day);
}

/**
 * The actor's live break-glass grant that opens this request, if any. Emergency access is for
 * seeing the crisis summary: view only, crisis categories only, never a restricted category.
 * `at` is the request's instant as text (see `decide`).
 */
export function usableBreakGlassOf(
  grants: GrantIndex,
  staffId: string,
  action: AccessAction,
  category: DataCategory,
  at: string,
  restricted: boolean,
): IndexedGrant | undefined {
  if (restricted || action !== 'view' || !isCrisisCategory(category)) return undefined;
  const list = grantsOf(grants, staffId);
  const atMs = instantOf(at);
  for (let i = 0; i < list.length; i++) {
    const g = list[i] as IndexedGrant;
    if (!g.grant.categories.includes(category)) continue;
    if (g.grantedAtMs <= atMs && atMs < g.expiresAtMs) return g;
  }
  return undefined;
}

/**
 * Why (as deny bits) the actor is not involved, including what is wrong with their break-glass.
 * `at` is the request's instant as text (see `decide`).
 */
export function explainNoInvolvement(
  grants: GrantIndex,
  staffId: string,
  action: AccessAction,
  category: DataCategory,
  at: string,
  restricted: boolean,
): number {
  let live = false;
  let liveCovering = false;
  let expired = false;
  const list = grantsOf(grants, staffId);
  const atMs = instantOf(at);
  // Indexed rather than for-of: where this runs unoptimised an array iterator is an allocation.
  for (let i = 0; i < list.length; i++) {
    const g = list[i] as IndexedGrant;
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
