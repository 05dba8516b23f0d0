/**
 * What a change of the partnership policy would have done to the decisions already taken: each
 * logged decision of the last 30 days is decided again under the current and the proposed policy.
 *
 * The log keeps who asked (their roles and organisation), what (person, categories, view or edit),
 * for what purpose, the outcome and its reasons; it does not keep the care team, agreements or
 * consent as they stood. So the replay holds every rule the policy does not govern at what the
 * logged outcome shows: a logged permit passed them, and a logged denial passed them only when its
 * every reason is one the policy governs (tiers, restricted categories). Safeguarding training at
 * the time is not logged and is taken as held. Break-glass permits are replayed against the new
 * window from their grant's start; break-glass denials are not re-opened. The counts are therefore
 * an estimate of the decisions the change would have turned, not a proof.
 */
import type { AccessAction, DataCategory, Purpose, StaffRole } from '../../../contracts/enums.ts';
import type { DecisionRequest, TierPolicy } from './access.ts';
import { decide } from './decide.ts';
import type { ReasonCode } from './reasons.ts';

/** One logged decision, as far as the log tells it. */
export interface LoggedDecision {
  readonly recordedAt: string;
  readonly outcome: 'permit' | 'deny';
  readonly actorStaffId: string;
  readonly actorOrganisationId: string;
  readonly actorRoles: readonly StaffRole[];
  readonly personId: string;
  readonly categories: readonly DataCategory[];
  readonly purpose: Purpose;
  readonly action: AccessAction;
  readonly reasons: readonly string[];
  /** When the break-glass grant the permit relied on began, if any. */
  readonly breakGlassGrantedAt: string | null;
}

/** The replay's counts, per category decision. */
export interface ReplayResult {
  readonly decisions: number;
  /** Decisions the replay could not reproduce under the policy in force (so could not judge). */
  readonly notReplayable: number;
  readonly changed: number;
  readonly nowPermitted: number;
  readonly nowDenied: number;
}

/** Policy-governed reasons: the only ones a replay may overturn. */
const POLICY_REASONS: ReadonlySet<string> = new Set<ReasonCode>([
  'ROLE_TIER_EXCLUDES_CATEGORY',
  'RESTRICTED_CATEGORY_ROLE',
  'RESTRICTED_EDIT_REQUIRES_TRAINING',
]);

/** The policy as a replay needs it. */
export interface ReplayPolicy {
  readonly tiers: TierPolicy;
  readonly breakGlassMinutes: number;
}

/** A request in which every rule outside the policy passes: own organisation, on the care team. */
function probe(d: LoggedDecision, category: DataCategory): DecisionRequest {
  return {
    actor: {
      staffId: d.actorStaffId,
      organisationId: d.actorOrganisationId,
      teamIds: [],
      roles: d.actorRoles,
      active: true,
      igTrainingExpiresOn: '9999-12-31',
      safeguardingTrained: true,
    },
    personId: d.personId,
    category,
    owningOrganisationId: d.actorOrganisationId,
    action: d.action,
    purpose: d.purpose,
    at: d.recordedAt,
    facts: {
      careTeam: [
        {
          id: 'replay',
          staffId: d.actorStaffId,
          teamId: null,
          organisationId: d.actorOrganisationId,
          role: 'OTHER',
          startDate: '0001-01-01',
          endDate: null,
        },
      ],
      breakGlassGrants: [],
      agreements: [],
      consent: null,
      lawfulExceptions: [],
    },
  };
}

function replayOne(
  d: LoggedDecision,
  category: DataCategory,
  current: ReplayPolicy,
  next: ReplayPolicy,
): 'permit' | 'deny' | 'unknown' {
  if (d.outcome === 'deny' && !d.reasons.every((r) => POLICY_REASONS.has(r))) return 'deny';
  // The probe must give the logged outcome under the policy in force, or it does not stand for the decision.
  if (decide(probe(d, category), current.tiers).effect !== d.outcome) return 'unknown';
  if (
    d.outcome === 'permit' &&
    d.breakGlassGrantedAt !== null &&
    Date.parse(d.recordedAt) - Date.parse(d.breakGlassGrantedAt) >= next.breakGlassMinutes * 60_000
  )
    return 'deny';
  return decide(probe(d, category), next.tiers).effect;
}

/** Replays logged decisions under the proposed policy and counts those whose outcome would differ. */
export function replayDecisions(
  logged: readonly LoggedDecision[],
  current: ReplayPolicy,
  next: ReplayPolicy,
): ReplayResult {
  let decisions = 0;
  let notReplayable = 0;
  let nowPermitted = 0;
  let nowDenied = 0;
  for (const d of logged) {
    for (const category of d.categories) {
      decisions += 1;
      const outcome = replayOne(d, category, current, next);
      if (outcome === 'unknown') notReplayable += 1;
      if (outcome === 'unknown' || outcome === d.outcome) continue;
      if (outcome === 'permit') nowPermitted += 1;
      else nowDenied += 1;
    }
  }
  return { decisions, notReplayable, changed: nowPermitted + nowDenied, nowPermitted, nowDenied };
}
