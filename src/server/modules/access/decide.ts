/**
 * The one rule every read of person data and every disclosure passes (ARCHITECTURE.md).
 * Pure and synchronous; a "no" is a result with reasons, never an exception. Deny wins: every rule
 * is evaluated and each failing one adds its reasons, so `explain` can show them all.
 */
import type { DataCategory, Purpose, StaffRole } from '../../../contracts/enums.ts';
import type {
  Actor,
  Decision,
  DecisionRequest,
  Reason,
  RestrictedCategoryRule,
  TierPolicy,
} from './access.ts';
import { ukDateOf } from './calendar.ts';
import { coveringAgreementOf, explainNoAgreement } from './decide-agreement.ts';
import { explainConsent, liveExceptionOf, permittingProvisionOf } from './decide-consent.ts';
import { explainNoInvolvement, liveMembershipOf, usableBreakGlassOf } from './decide-involvement.ts';
import { buildPermit } from './decide-permit.ts';
import { restrictedRuleOf } from './decide-support.ts';
import { type ReasonCode, reasonFor } from './reasons.ts';

/** The organisation that would hold the data after the action. */
export function recipientOf(request: DecisionRequest): string {
  const isDisclosure = request.action === 'disclose' || request.action === 'export';
  return isDisclosure && request.recipientOrganisationId !== undefined
    ? request.recipientOrganisationId
    : request.actor.organisationId;
}

/** Rule 1: only active accounts with current IG training (Data Security and Protection Toolkit). */
function checkAccount(actor: Actor, today: string, denied: ReasonCode[]): void {
  if (!actor.active) denied.push('ACCOUNT_INACTIVE');
  if (actor.igTrainingExpiresOn === null || actor.igTrainingExpiresOn < today)
    denied.push('TRAINING_EXPIRED');
}

/** Rule 2: role tiers (Caldicott principle 3, minimum necessary); commissioning never sees persons. */
function checkTier(
  roles: readonly StaffRole[],
  category: DataCategory,
  purpose: Purpose,
  policy: TierPolicy,
  denied: ReasonCode[],
): void {
  let inTier = false;
  for (const role of roles) {
    if (role === 'commissioner') denied.push('COMMISSIONER_NO_PERSON_DATA');
    const tier = policy.tiers[role];
    if (tier?.includes(category)) inTier = true;
  }
  if (!inTier) denied.push('ROLE_TIER_EXCLUDES_CATEGORY');
  if (purpose === 'COMMISSIONING') denied.push('PURPOSE_COMMISSIONING_NO_PERSON_DATA');
}

/** Rule 6: restricted categories are seen by designated roles and changed only by trained staff. */
function checkRestricted(
  actor: Actor,
  editing: boolean,
  rule: RestrictedCategoryRule,
  denied: ReasonCode[],
): void {
  let designated = false;
  for (const role of actor.roles) {
    if (rule.viewRoles.includes(role)) designated = true;
  }
  if (!designated) denied.push('RESTRICTED_CATEGORY_ROLE');
  if (editing && rule.editRequiresSafeguardingTraining && !actor.safeguardingTrained) {
    denied.push('RESTRICTED_EDIT_REQUIRES_TRAINING');
  }
}

/** Runs an explainer and guarantees the failed rule leaves at least its headline reason. */
function explainOr(denied: ReasonCode[], headline: ReasonCode, explain: () => void): void {
  const before = denied.length;
  explain();
  if (denied.length === before) denied.push(headline);
}

/** A deny decision listing every failing reason, without duplicates. */
function denial(codes: readonly ReasonCode[]): Decision {
  const reasons: Reason[] = [];
  for (let i = 0; i < codes.length; i++) {
    const code = codes[i];
    if (code !== undefined && codes.indexOf(code) === i) reasons.push(reasonFor(code));
  }
  return { effect: 'deny', reasons, basis: {}, obligations: [] };
}

/** Decides one access to person-level data or one disclosure; see ARCHITECTURE.md rules 1-6. */
export function decide(request: DecisionRequest, policy: TierPolicy): Decision {
  const atMs = Date.parse(request.at);
  if (Number.isNaN(atMs)) return denial(['INVALID_REQUEST_TIME']);
  const today = ukDateOf(atMs);
  const { actor, category, action, purpose, facts } = request;
  const owner = request.owningOrganisationId;
  const recipient = recipientOf(request);
  const crossing = owner !== recipient;
  const restricted = restrictedRuleOf(category, policy);
  const denied: ReasonCode[] = [];

  checkAccount(actor, today, denied);
  checkTier(actor.roles, category, purpose, policy, denied);
  if (restricted !== undefined) checkRestricted(actor, action === 'edit', restricted, denied);

  // Each organisation is controller of what it records: others may read under agreement, never amend.
  if (action === 'edit' && owner !== actor.organisationId) denied.push('EDIT_OTHER_ORGANISATION_DATA');
  // Onward disclosure is the owner's decision as controller, not a recipient's.
  if (recipient !== actor.organisationId && owner !== actor.organisationId) {
    denied.push('ONWARD_DISCLOSURE_NOT_PERMITTED');
  }

  const membership = liveMembershipOf(actor, facts.careTeam, today);
  const grant = usableBreakGlassOf(request, atMs, restricted !== undefined);
  if (membership === undefined && grant === undefined) {
    explainOr(denied, 'NOT_INVOLVED_IN_CARE', () =>
      explainNoInvolvement(request, atMs, restricted !== undefined, denied),
    );
  }

  let agreement: ReturnType<typeof coveringAgreementOf>;
  let provision: ReturnType<typeof permittingProvisionOf>;
  let exception: ReturnType<typeof liveExceptionOf>;
  let breakGlassForConsent = false;
  if (crossing) {
    const sharing = {
      ownerOrganisationId: owner,
      recipientOrganisationId: recipient,
      purpose,
      category,
      careTeam: facts.careTeam,
      today,
    };
    agreement = coveringAgreementOf(facts.agreements, sharing, today);
    if (agreement === undefined) {
      explainOr(denied, 'NO_ACTIVE_AGREEMENT', () =>
        explainNoAgreement(facts.agreements, sharing, today, denied),
      );
    }
    provision = permittingProvisionOf(facts.consent, sharing);
    if (provision === undefined) exception = liveExceptionOf(facts.lawfulExceptions, sharing, atMs);
    if (provision === undefined && exception === undefined) {
      // In a crisis, emergency access stands in for consent; the review queue scrutinises it afterwards.
      breakGlassForConsent = grant !== undefined && purpose === 'CRISIS_RESPONSE';
      if (!breakGlassForConsent) {
        explainOr(denied, 'CONSENT_NOT_COVERING_PARTNER', () =>
          explainConsent(facts.consent, sharing, denied),
        );
      }
    }
  }

  if (denied.length > 0) return denial(denied);
  return buildPermit({
    request,
    recipientOrganisationId: recipient,
    crossing,
    membership,
    grant,
    agreement,
    consent: facts.consent,
    provision,
    exception,
    breakGlassForConsent,
  });
}
