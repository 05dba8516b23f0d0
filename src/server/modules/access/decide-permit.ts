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

/** The facts a permit stands on; at most one of provision, exception, breakGlassForConsent. */
export interface PermitGrounds {
  readonly request: DecisionRequest;
  readonly recipientOrganisationId: string;
  readonly crossing: boolean;
  readonly membership: CareTeamMembership | undefined;
  readonly grant: IndexedGrant | undefined;
  readonly agreement: SharingAgreementFact | undefined;
  readonly consent: ConsentFact | null;
  readonly provision: ConsentProvision | undefined;
  readonly exception: IndexedException | undefined;
  readonly breakGlassForConsent: boolean;
}

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

/** The permit decision for grounds that satisfied every rule. */
export function buildPermit(g: PermitGrounds): Decision {
  const basis: {
    -readonly [K in keyof DecisionBasis]: DecisionBasis[K];
  } = {};
  let reasons: readonly Reason[];
  let obligations: readonly Obligation[] = NO_OBLIGATIONS;
  let more: Obligation[] | undefined;
  let expiresAt: string | undefined;
  let expiresAtMs = Number.POSITIVE_INFINITY;
  const expireNoLaterThan = (at: string, ms: number): void => {
    if (ms < expiresAtMs) {
      expiresAtMs = ms;
      expiresAt = at;
    }
  };

  const breakGlassUsed = g.grant !== undefined && (g.membership === undefined || g.breakGlassForConsent);
  const involvement = g.membership !== undefined ? 0 : 1;
  if (g.membership !== undefined) {
    basis.involvement = 'CARE_TEAM';
    basis.careTeamMembershipId = g.membership.id;
  } else {
    basis.involvement = 'BREAK_GLASS';
  }

  if (!g.crossing) {
    reasons = OWN[involvement] ?? [];
    basis.sharing = 'OWN_ORGANISATION';
    // Within the owning organisation direct care rests on implied consent (public task).
    basis.consentBasis = 'IMPLIED_DIRECT_CARE';
  } else {
    basis.sharing = 'AGREEMENT';
    if (g.agreement !== undefined) {
      basis.agreementId = g.agreement.id;
      basis.agreementVersion = g.agreement.version;
    }
    obligations = disclosureOf(g.request.owningOrganisationId, g.recipientOrganisationId);
    let variant: number;
    if (g.provision !== undefined && g.consent !== null) {
      const named = g.provision.kind === 'NAMED_PARTNER';
      variant = (named ? 2 : 0) + (g.consent.reviewDue ? 1 : 0);
      basis.consentBasis = named ? 'CONSENT_NAMED_PARTNER' : 'CONSENT_ROUTINE_COORDINATION';
      basis.consentId = g.consent.id;
      basis.consentProvisionId = g.provision.id;
    } else if (g.exception !== undefined) {
      variant = 4;
      const exception = g.exception.exception;
      basis.consentBasis = 'LAWFUL_EXCEPTION';
      basis.exceptionId = exception.id;
      // The rationale was recorded with the exception; each use is still reviewed afterwards.
      more = [...obligations, { type: 'QUEUE_EXCEPTION_REVIEW', exceptionId: exception.id }];
      if (exception.validUntil !== null && g.exception.validUntilMs !== null)
        expireNoLaterThan(exception.validUntil, g.exception.validUntilMs);
    } else {
      variant = 5;
      basis.consentBasis = 'BREAK_GLASS';
    }
    reasons = SHARED[involvement]?.[variant] ?? [];
  }

  if (breakGlassUsed && g.grant !== undefined) {
    basis.breakGlassGrantId = g.grant.grant.id;
    more ??= [...obligations];
    more.push({ type: 'QUEUE_EXCEPTION_REVIEW', breakGlassGrantId: g.grant.grant.id });
    expireNoLaterThan(g.grant.grant.expiresAt, g.grant.expiresAtMs);
  }
  // An export leaves Accord's control, so the actor states why (UK GDPR Art. 5(2) accountability).
  if (g.request.action === 'export') {
    more ??= [...obligations];
    more.push(DEMAND_RATIONALE);
  }
  if (expiresAt !== undefined) {
    more ??= [...obligations];
    more.push({ type: 'EXPIRE_AT', at: expiresAt });
  }

  return { effect: 'permit', reasons, basis, obligations: more ?? obligations };
}
