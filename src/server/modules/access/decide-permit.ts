/**
 * Builds the permit: what allowed it (reasons), what it relied on (basis, for the audit entry) and
 * what the caller must do (obligations).
 */
import type {
  CareTeamMembership,
  ConsentFact,
  ConsentProvision,
  Decision,
  DecisionBasis,
  DecisionRequest,
  Obligation,
  Reason,
  SharingAgreementFact,
} from './access.ts';
import type { IndexedException, IndexedGrant } from './decide-index.ts';
import { reasonFor } from './reasons.ts';

type PermitCode = Parameters<typeof reasonFor>[0];

const NO_OBLIGATIONS: readonly Obligation[] = Object.freeze([]);
// Permits carry one of a handful of reason lists; each is built once and shared.
const REASON_LISTS = new Map<string, readonly Reason[]>();

function reasonsOf(...codes: PermitCode[]): readonly Reason[] {
  const key = codes.join(' ');
  let list = REASON_LISTS.get(key);
  if (list === undefined) {
    list = Object.freeze(codes.map(reasonFor));
    REASON_LISTS.set(key, list);
  }
  return list;
}

const involvementCodes = ['PERMIT_CARE_TEAM', 'PERMIT_BREAK_GLASS'] as const;
const consentCodes = [
  ['PERMIT_CONSENT_ROUTINE'],
  ['PERMIT_CONSENT_ROUTINE', 'CONSENT_REVIEW_DUE'],
  ['PERMIT_CONSENT_NAMED_PARTNER'],
  ['PERMIT_CONSENT_NAMED_PARTNER', 'CONSENT_REVIEW_DUE'],
  ['PERMIT_LAWFUL_EXCEPTION'],
  ['PERMIT_BREAK_GLASS_CRISIS'],
] as const;
/** [involvement][own organisation] and [involvement][agreement + consent variant]. */
const OWN = involvementCodes.map((i) => reasonsOf(i, 'PERMIT_OWN_ORGANISATION'));
const SHARED = involvementCodes.map((i) => consentCodes.map((c) => reasonsOf(i, 'PERMIT_AGREEMENT', ...c)));

// Disclosure obligations, one shared list per owner -> recipient pair.
const disclosures = new Map<string, Map<string, readonly Obligation[]>>();

function disclosureOf(owner: string, recipient: string): readonly Obligation[] {
  let byRecipient = disclosures.get(owner);
  if (byRecipient === undefined) {
    byRecipient = new Map();
    disclosures.set(owner, byRecipient);
  }
  let list = byRecipient.get(recipient);
  if (list === undefined) {
    const obligation = Object.freeze({
      type: 'RECORD_DISCLOSURE' as const,
      recipientOrganisationId: recipient,
      ownerOrganisationId: owner,
    });
    list = Object.freeze([obligation]);
    // Organisations are few; the map stays small in any partnership.
    if (byRecipient.size < 1024) byRecipient.set(recipient, list);
  }
  return list;
}

const DEMAND_RATIONALE: Obligation = Object.freeze({ type: 'DEMAND_RATIONALE' });

/**
 * The permit decision for a request that satisfied every rule, from the facts it stands on: at
 * most one of `provision`, `exception` and `breakGlassForConsent` when the data crosses to
 * `recipientOrganisationId`. Taken as parameters rather than one grounds object, which every
 * permit would allocate and drop.
 */
export function buildPermit(
  request: DecisionRequest,
  recipientOrganisationId: string,
  membership: CareTeamMembership | undefined,
  grant: IndexedGrant | undefined,
  agreement: SharingAgreementFact | undefined,
  consent: ConsentFact | null,
  provision: ConsentProvision | undefined,
  exception: IndexedException | undefined,
  breakGlassForConsent: boolean,
): Decision {
  const basis: {
    -readonly [K in keyof DecisionBasis]: DecisionBasis[K];
  } = {};
  let reasons: readonly Reason[];
  let obligations: readonly Obligation[] = NO_OBLIGATIONS;
  let more: Obligation[] | undefined;
  // The earliest instant the permit stops holding, if any. Plain locals: a closure updating them
  // would allocate a context, and a double held there a heap number.
  let expiresAt: string | undefined;
  let expiresAtMs = Number.POSITIVE_INFINITY;

  const breakGlassUsed = grant !== undefined && (membership === undefined || breakGlassForConsent);
  const involvement = membership !== undefined ? 0 : 1;
  if (membership !== undefined) {
    basis.involvement = 'CARE_TEAM';
    basis.careTeamMembershipId = membership.id;
  } else {
    basis.involvement = 'BREAK_GLASS';
  }

  if (request.owningOrganisationId === recipientOrganisationId) {
    reasons = OWN[involvement] ?? [];
    basis.sharing = 'OWN_ORGANISATION';
    // Within the owning organisation direct care rests on implied consent (public task).
    basis.consentBasis = 'IMPLIED_DIRECT_CARE';
  } else {
    basis.sharing = 'AGREEMENT';
    if (agreement !== undefined) {
      basis.agreementId = agreement.id;
      basis.agreementVersion = agreement.version;
    }
    obligations = disclosureOf(request.owningOrganisationId, recipientOrganisationId);
    let variant: number;
    if (provision !== undefined && consent !== null) {
      const named = provision.kind === 'NAMED_PARTNER';
      variant = (named ? 2 : 0) + (consent.reviewDue ? 1 : 0);
      basis.consentBasis = named ? 'CONSENT_NAMED_PARTNER' : 'CONSENT_ROUTINE_COORDINATION';
      basis.consentId = consent.id;
      basis.consentProvisionId = provision.id;
    } else if (exception !== undefined) {
      variant = 4;
      const lawful = exception.exception;
      basis.consentBasis = 'LAWFUL_EXCEPTION';
      basis.exceptionId = lawful.id;
      // The rationale was recorded with the exception; each use is still reviewed afterwards.
      more = [...obligations, { type: 'QUEUE_EXCEPTION_REVIEW', exceptionId: lawful.id }];
      if (
        lawful.validUntil !== null &&
        exception.validUntilMs !== null &&
        exception.validUntilMs < expiresAtMs
      ) {
        expiresAt = lawful.validUntil;
        expiresAtMs = exception.validUntilMs;
      }
    } else {
      variant = 5;
      basis.consentBasis = 'BREAK_GLASS';
    }
    reasons = SHARED[involvement]?.[variant] ?? [];
  }

  if (breakGlassUsed && grant !== undefined) {
    basis.breakGlassGrantId = grant.grant.id;
    more ??= [...obligations];
    more.push({ type: 'QUEUE_EXCEPTION_REVIEW', breakGlassGrantId: grant.grant.id });
    if (grant.expiresAtMs < expiresAtMs) {
      expiresAt = grant.grant.expiresAt;
      expiresAtMs = grant.expiresAtMs;
    }
  }
  // An export leaves Accord's control, so the actor states why (UK GDPR Art. 5(2) accountability).
  if (request.action === 'export') {
    more ??= [...obligations];
    more.push(DEMAND_RATIONALE);
  }
  if (expiresAt !== undefined) {
    more ??= [...obligations];
    more.push({ type: 'EXPIRE_AT', at: expiresAt });
  }

  return { effect: 'permit', reasons, basis, obligations: more ?? obligations };
}
