/**
 * The one rule every read of person data and every disclosure passes (ARCHITECTURE.md).
 * Pure and synchronous; a "no" is a result with reasons, never an exception. Deny wins: every rule
 * is evaluated and each failing one adds its reasons, so `explain` can show them all.
 * It reads the facts through their index (decide-index.ts), built once per facts object, and
 * allocates nothing for a denial it has seen before.
 */
import type { DataCategory, Purpose, StaffRole } from '../../../contracts/enums.ts';
import type {
  Actor,
  ConsentProvision,
  Decision,
  DecisionRequest,
  RestrictedCategoryRule,
  SharingAgreementFact,
  TierPolicy,
} from './access.ts';
import { agreementAnswerOf } from './decide-agreement.ts';
import { consentDenial, liveExceptionOf, permittingProvision } from './decide-consent-index.ts';
import { DENY, denialOf } from './decide-denial.ts';
import { type IndexedException, indexFacts, sharingFactsOf } from './decide-index.ts';
import {
  explainNoInvolvement,
  liveMembershipOf,
  organisationOnCareTeam,
  usableBreakGlassOf,
} from './decide-involvement.ts';
import { buildPermit } from './decide-permit.ts';
import { restrictedRuleOf } from './decide-support.ts';
import { instantOf, ukDayNumberOf, ukTodayOf } from './decide-time.ts';

export { indexFacts } from './decide-index.ts';

/** The organisation that would hold the data after the action. */
export function recipientOf(request: DecisionRequest): string {
  const isDisclosure = request.action === 'disclose' || request.action === 'export';
  return isDisclosure && request.recipientOrganisationId !== undefined
    ? request.recipientOrganisationId
    : request.actor.organisationId;
}

/** Rule 1: only active accounts with current IG training (Data Security and Protection Toolkit). */
function checkAccount(actor: Actor, today: string): number {
  let denied = actor.active ? 0 : DENY.ACCOUNT_INACTIVE;
  if (actor.igTrainingExpiresOn === null || actor.igTrainingExpiresOn < today)
    denied |= DENY.TRAINING_EXPIRED;
  return denied;
}

/** Rule 2: role tiers (Caldicott principle 3, minimum necessary); commissioning never sees persons. */
function checkTier(
  roles: readonly StaffRole[],
  category: DataCategory,
  purpose: Purpose,
  policy: TierPolicy,
): number {
  let denied = 0;
  let inTier = false;
  // Indexed loops here and below: where a rule runs unoptimised an array iterator is an allocation.
  for (let i = 0; i < roles.length; i++) {
    const role = roles[i] as StaffRole;
    if (role === 'commissioner') denied |= DENY.COMMISSIONER_NO_PERSON_DATA;
    const tier = policy.tiers[role];
    if (tier?.includes(category)) inTier = true;
  }
  if (!inTier) denied |= DENY.ROLE_TIER_EXCLUDES_CATEGORY;
  if (purpose === 'COMMISSIONING') denied |= DENY.PURPOSE_COMMISSIONING_NO_PERSON_DATA;
  return denied;
}

/** Rule 6: restricted categories are seen by designated roles and changed only by trained staff. */
function checkRestricted(actor: Actor, editing: boolean, rule: RestrictedCategoryRule): number {
  let designated = false;
  const roles = actor.roles;
  for (let i = 0; i < roles.length; i++) {
    if (rule.viewRoles.includes(roles[i] as StaffRole)) designated = true;
  }
  let denied = designated ? 0 : DENY.RESTRICTED_CATEGORY_ROLE;
  if (editing && rule.editRequiresSafeguardingTraining && !actor.safeguardingTrained) {
    denied |= DENY.RESTRICTED_EDIT_REQUIRES_TRAINING;
  }
  return denied;
}

/** A failed rule always leaves at least its headline reason. */
function orHeadline(bits: number, headline: number): number {
  return bits === 0 ? headline : bits;
}

/** Decides one access to person-level data or one disclosure; see ARCHITECTURE.md rules 1-6. */
export function decide(request: DecisionRequest, policy: TierPolicy): Decision {
  // Helpers are given the instant as its text and read the milliseconds back from `instantOf`'s
  // cache: a double passed to a function V8 does not inline is boxed, one allocation per call.
  const at = request.at;
  const atMs = instantOf(at);
  if (Number.isNaN(atMs)) return denialOf(DENY.INVALID_REQUEST_TIME);
  const today = ukTodayOf(atMs);
  const day = ukDayNumberOf(atMs);
  const { actor, category, action, purpose } = request;
  const facts = indexFacts(request.facts);
  const owner = request.owningOrganisationId;
  const recipient = recipientOf(request);
  const crossing = owner !== recipient;
  const restricted = restrictedRuleOf(category, policy);

  let denied = checkAccount(actor, today) | checkTier(actor.roles, category, purpose, policy);
  if (restricted !== undefined) denied |= checkRestricted(actor, action === 'edit', restricted);

  // Each organisation is controller of what it records: others may read under agreement, never amend.
  if (action === 'edit' && owner !== actor.organisationId) denied |= DENY.EDIT_OTHER_ORGANISATION_DATA;
  // Onward disclosure is the owner's decision as controller, not a recipient's.
  if (recipient !== actor.organisationId && owner !== actor.organisationId) {
    denied |= DENY.ONWARD_DISCLOSURE_NOT_PERMITTED;
  }

  const isRestricted = restricted !== undefined;
  const membership = liveMembershipOf(actor, facts.careTeam, today, day);
  const grant = usableBreakGlassOf(facts.grants, actor.staffId, action, category, at, isRestricted);
  if (membership === undefined && grant === undefined) {
    denied |= explainNoInvolvement(facts.grants, actor.staffId, action, category, at, isRestricted);
  }

  let agreement: SharingAgreementFact | undefined;
  let provision: ConsentProvision | undefined;
  let exception: IndexedException | undefined;
  let breakGlassForConsent = false;
  if (crossing) {
    const covering = agreementAnswerOf(facts.agreements, owner, recipient, purpose, category, today, day);
    agreement = covering.agreement;
    denied |= covering.denied;
    // Routine coordination reaches only organisations on the care team today: asked only when it matters.
    let onTeam: boolean | undefined;
    const consent = facts.consent;
    const sharing = sharingFactsOf(facts, recipient, category);
    const answer = sharing.consent;
    if (consent !== null && answer !== null) {
      if (consent.status === 'given' && !answer.restricted && answer.named === undefined && answer.routine)
        onTeam = organisationOnCareTeam(recipient, facts.careTeam, today, day);
      provision = permittingProvision(consent, answer, onTeam === true);
    }
    if (provision === undefined) exception = liveExceptionOf(sharing.exceptions, recipient, category, at);
    if (provision === undefined && exception === undefined) {
      // In a crisis, emergency access stands in for consent; the review queue scrutinises it afterwards.
      breakGlassForConsent = grant !== undefined && purpose === 'CRISIS_RESPONSE';
      if (!breakGlassForConsent) {
        if (onTeam === undefined && answer?.routineReach === true && consent?.status === 'given')
          onTeam = organisationOnCareTeam(recipient, facts.careTeam, today, day);
        denied |= orHeadline(
          consentDenial(consent, answer, onTeam === true),
          DENY.CONSENT_NOT_COVERING_PARTNER,
        );
      }
    }
  }

  if (denied !== 0) return denialOf(denied);
  return buildPermit(
    request,
    recipient,
    membership,
    grant,
    agreement,
    facts.consent,
    provision,
    exception,
    breakGlassForConsent,
  );
}
