/**
 * Standing: whether a member of staff may do a kind of work that shows them people (a caseload, a
 * review queue, an access report) at all. Pure, like `decide`, and answered with reasons. The same
 * account rules as every record read apply first: an inactive account or lapsed IG training sees
 * no person anywhere.
 */
import type { StaffRole } from '../../../contracts/enums.ts';
import type { Principal } from '../auth/auth.ts';
import type { Decision } from './access.ts';
import { calendarDateOf } from './calendar.ts';
import { mayHoldCaseload } from './person-access.ts';
import type { AccessPolicy } from './policy.repository.ts';
import { type ReasonCode, reasonFor } from './reasons.ts';

/** Work that lists people, each with the roles that do it. */
export const STANDING_ROLES = {
  /** A caseload, a search of it, the worklist's person items. */
  caseload: null,
  /** Consent reviews assigned to the caller. */
  consent_review: ['care_manager', 'clinical', 'service_manager'],
  /** Reviews of lawful exceptions and break-glass. */
  exception_review: ['ig_lead'],
  /** A person's access report and explanations of access. */
  access_report: ['ig_lead', 'care_manager'],
  /** Monthly access reviews of a team's access. */
  access_review: ['service_manager', 'ig_lead'],
  /** Anomaly cases and their evidence. */
  investigation: ['ig_lead'],
  /** The audit explorer and its exports. */
  audit: ['ig_lead'],
  /** Emergency access: a duty worker's own grants. */
  break_glass: ['duty'],
  /** A safeguarding lead's huddle list of their organisation's active concerns. */
  safeguarding_huddle: ['safeguarding_lead'],
  /** The commissioner dataset: suppressed aggregates, no person. */
  reporting: ['commissioner', 'ig_lead', 'service_manager'],
  /** Opening the records behind a reported figure, and reconciling figures with them. */
  report_drill_down: ['ig_lead'],
} as const satisfies Record<string, readonly StaffRole[] | null>;

/** A kind of work that shows people. */
export type StandingPurpose = keyof typeof STANDING_ROLES;

/**
 * Decides standing for a purpose. The caseload needs a tier that sees some person data; the other
 * purposes need one of their roles. Either way the account must be active with current training.
 */
export function standingOf(
  principal: Principal,
  purpose: StandingPurpose,
  policy: AccessPolicy,
  at: string,
): Decision {
  const today = calendarDateOf(at) ?? at.slice(0, 10);
  const denied: ReasonCode[] = [];
  if (!principal.active) denied.push('ACCOUNT_INACTIVE');
  if (principal.igTrainingExpiresOn === null || principal.igTrainingExpiresOn < today)
    denied.push('TRAINING_EXPIRED');
  const roles: readonly StaffRole[] | null = STANDING_ROLES[purpose];
  if (roles === null) {
    if (denied.length === 0 && !mayHoldCaseload(principal, policy, at))
      denied.push('ROLE_TIER_EXCLUDES_CATEGORY');
  } else if (!principal.roles.some((r) => roles.includes(r))) {
    denied.push('ROLE_NOT_PERMITTED_FOR_PURPOSE');
  }
  if (denied.length > 0)
    return { effect: 'deny', reasons: denied.map(reasonFor), basis: {}, obligations: [] };
  return { effect: 'permit', reasons: [reasonFor('PERMIT_STANDING')], basis: {}, obligations: [] };
}
