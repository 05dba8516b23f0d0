/**
 * Planning the monthly access reviews: who reviews whom, what each item asks, and which items are
 * flagged. Pure: the repository loads the directory and the service stores the plan.
 */
import type { ReviewItemFlag, ReviewItemKind } from '../../../contracts/assurance.ts';

/** A staff account as the review sees it. */
export interface ReviewStaff {
  readonly id: string;
  readonly organisationId: string;
  readonly active: boolean;
  readonly roles: readonly string[];
  readonly teamIds: readonly string[];
}

/** A current care-team membership naming a member of staff. */
export interface ReviewMembership {
  readonly id: string;
  readonly staffId: string;
  readonly organisationId: string;
  readonly createdAt: string;
}

/** Everything the plan is made from. */
export interface ReviewPlanInput {
  readonly staff: readonly ReviewStaff[];
  readonly memberships: readonly ReviewMembership[];
  /** When each member of staff last had their teams changed (from the audit log). */
  readonly teamsChangedAt: ReadonlyMap<string, string>;
  /** Roles granted to each member of staff in the month before the review (from the audit log). */
  readonly rolesGrantedRecently?: ReadonlyMap<string, readonly string[]>;
  /** The named SERVICE_MANAGER governance role of each organisation, if filled. */
  readonly leadManagerOf: ReadonlyMap<string, string>;
}

/** One thing to confirm or revoke. */
export interface PlannedItem {
  readonly staffId: string;
  readonly kind: ReviewItemKind;
  readonly subject: string;
  readonly flag: ReviewItemFlag | null;
}

/** One manager's review for the period. */
export interface PlannedReview {
  readonly organisationId: string;
  readonly reviewerStaffId: string;
  readonly items: PlannedItem[];
}

/** The plan, and staff with something to review but nobody to review it. */
export interface ReviewPlan {
  readonly reviews: PlannedReview[];
  readonly unassignedStaff: readonly string[];
}

/**
 * Why a membership needs a closer look, most serious first:
 * - INACTIVE_ACCOUNT: the account is suspended or closed (the person left);
 * - LEFT_ORGANISATION: the membership is held for an organisation the member no longer works for
 *   (the decision function already ignores it; it should be ended);
 * - MEMBERSHIP_ENDED_TEAM: the member's teams changed after the membership was made, leaving them
 *   in none (they left their team);
 * - CHANGED_TEAM: the member's teams changed after the membership was made (they moved team).
 * Staff of organisations that do not use teams are never flagged for having none.
 */
export function membershipFlag(
  staff: ReviewStaff,
  membership: ReviewMembership,
  teamsChangedAt: string | undefined,
): ReviewItemFlag | null {
  if (!staff.active) return 'INACTIVE_ACCOUNT';
  if (membership.organisationId !== staff.organisationId) return 'LEFT_ORGANISATION';
  if (teamsChangedAt === undefined || teamsChangedAt <= membership.createdAt) return null;
  return staff.teamIds.length === 0 ? 'MEMBERSHIP_ENDED_TEAM' : 'CHANGED_TEAM';
}

/** Why a role needs a closer look: a closed account, or a grant made since the last review. */
export function roleFlag(
  staff: ReviewStaff,
  role: string,
  granted: readonly string[],
): ReviewItemFlag | null {
  if (!staff.active) return 'INACTIVE_ACCOUNT';
  return granted.includes(role) ? 'ROLE_RECENTLY_GRANTED' : null;
}

function itemsOf(
  staff: ReviewStaff,
  memberships: readonly ReviewMembership[],
  changed?: string,
  granted: readonly string[] = [],
): PlannedItem[] {
  return [
    ...[...staff.roles].sort().map((role) => ({
      staffId: staff.id,
      kind: 'ROLE' as const,
      subject: role,
      flag: roleFlag(staff, role, granted),
    })),
    ...memberships.map((m) => ({
      staffId: staff.id,
      kind: 'CARE_TEAM_MEMBERSHIP' as const,
      subject: m.id,
      flag: membershipFlag(staff, m, changed),
    })),
  ];
}

/**
 * One review per active service manager per organisation, with an item for each role and each
 * current named care-team membership of every member of staff sharing a team with them (never
 * themselves: nobody reviews their own access). Staff no manager shares a team with (including
 * those who left every team) go to the organisation's named service manager, or failing that the
 * first manager by id, so nobody drops out of review by leaving their team.
 */
export function planReviews(input: ReviewPlanInput): ReviewPlan {
  const membershipsOf = new Map<string, ReviewMembership[]>();
  for (const m of input.memberships)
    membershipsOf.set(m.staffId, [...(membershipsOf.get(m.staffId) ?? []), m]);
  const reviews = new Map<string, PlannedReview>();
  const unassigned: string[] = [];
  const organisations = [...new Set(input.staff.map((s) => s.organisationId))].sort();
  for (const organisationId of organisations) {
    const lead = input.leadManagerOf.get(organisationId);
    const managers = input.staff
      .filter((s) => s.organisationId === organisationId && s.active && s.roles.includes('service_manager'))
      .sort((a, b) => (a.id === lead ? -1 : b.id === lead ? 1 : a.id.localeCompare(b.id)));
    for (const staff of input.staff.filter((s) => s.organisationId === organisationId)) {
      const items = itemsOf(
        staff,
        membershipsOf.get(staff.id) ?? [],
        input.teamsChangedAt.get(staff.id),
        input.rolesGrantedRecently?.get(staff.id),
      );
      if (items.length === 0) continue;
      const sharing = managers.filter(
        (m) => m.id !== staff.id && m.teamIds.some((t) => staff.teamIds.includes(t)),
      );
      const fallback = managers.find((m) => m.id !== staff.id);
      const reviewers = sharing.length > 0 ? sharing : fallback ? [fallback] : [];
      if (reviewers.length === 0) unassigned.push(staff.id);
      for (const reviewer of reviewers) {
        let review = reviews.get(reviewer.id);
        if (!review) {
          review = { organisationId, reviewerStaffId: reviewer.id, items: [] };
          reviews.set(reviewer.id, review);
        }
        review.items.push(...items);
      }
    }
  }
  return { reviews: [...reviews.values()], unassignedStaff: unassigned };
}
