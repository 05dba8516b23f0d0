/**
 * Builds the permit: what allowed it (reasons), what it relied on (basis, for the audit entry) and
 * what the caller must do (obligations).
 */
import type {
  BreakGlassGrantFact,
  CareTeamMembership,
  ConsentFact,
  ConsentProvision,
  Decision,
  DecisionBasis,
  DecisionRequest,
  LawfulExceptionFact,
  Obligation,
  Reason,
  SharingAgreementFact,
} from './access.ts';
import { reasonFor } from './reasons.ts';

/** The facts a permit stands on; at most one of provision, exception, breakGlassForConsent. */
export interface PermitGrounds {
  readonly request: DecisionRequest;
  readonly recipientOrganisationId: string;
  readonly crossing: boolean;
  readonly membership: CareTeamMembership | undefined;
  readonly grant: BreakGlassGrantFact | undefined;
  readonly agreement: SharingAgreementFact | undefined;
  readonly consent: ConsentFact | null;
  readonly provision: ConsentProvision | undefined;
  readonly exception: LawfulExceptionFact | undefined;
  readonly breakGlassForConsent: boolean;
}

/** The permit decision for grounds that satisfied every rule. */
export function buildPermit(g: PermitGrounds): Decision {
  const reasons: Reason[] = [];
  const obligations: Obligation[] = [];
  const basis: {
    -readonly [K in keyof DecisionBasis]: DecisionBasis[K];
  } = {};
  let expiresAt: string | undefined;
  let expiresAtMs = Number.POSITIVE_INFINITY;
  const expireNoLaterThan = (at: string): void => {
    const ms = Date.parse(at);
    if (ms < expiresAtMs) {
      expiresAtMs = ms;
      expiresAt = at;
    }
  };

  const breakGlassUsed = g.grant !== undefined && (g.membership === undefined || g.breakGlassForConsent);
  if (g.membership !== undefined) {
    reasons.push(reasonFor('PERMIT_CARE_TEAM'));
    basis.involvement = 'CARE_TEAM';
    basis.careTeamMembershipId = g.membership.id;
  } else {
    reasons.push(reasonFor('PERMIT_BREAK_GLASS'));
    basis.involvement = 'BREAK_GLASS';
  }

  if (!g.crossing) {
    reasons.push(reasonFor('PERMIT_OWN_ORGANISATION'));
    basis.sharing = 'OWN_ORGANISATION';
    // Within the owning organisation direct care rests on implied consent (public task).
    basis.consentBasis = 'IMPLIED_DIRECT_CARE';
  } else {
    reasons.push(reasonFor('PERMIT_AGREEMENT'));
    basis.sharing = 'AGREEMENT';
    if (g.agreement !== undefined) {
      basis.agreementId = g.agreement.id;
      basis.agreementVersion = g.agreement.version;
    }
    obligations.push({
      type: 'RECORD_DISCLOSURE',
      recipientOrganisationId: g.recipientOrganisationId,
      ownerOrganisationId: g.request.owningOrganisationId,
    });
    if (g.provision !== undefined && g.consent !== null) {
      const named = g.provision.kind === 'NAMED_PARTNER';
      reasons.push(reasonFor(named ? 'PERMIT_CONSENT_NAMED_PARTNER' : 'PERMIT_CONSENT_ROUTINE'));
      if (g.consent.reviewDue) reasons.push(reasonFor('CONSENT_REVIEW_DUE'));
      basis.consentBasis = named ? 'CONSENT_NAMED_PARTNER' : 'CONSENT_ROUTINE_COORDINATION';
      basis.consentId = g.consent.id;
      basis.consentProvisionId = g.provision.id;
    } else if (g.exception !== undefined) {
      reasons.push(reasonFor('PERMIT_LAWFUL_EXCEPTION'));
      basis.consentBasis = 'LAWFUL_EXCEPTION';
      basis.exceptionId = g.exception.id;
      // The rationale was recorded with the exception; each use is still reviewed afterwards.
      obligations.push({ type: 'QUEUE_EXCEPTION_REVIEW', exceptionId: g.exception.id });
      if (g.exception.validUntil !== null) expireNoLaterThan(g.exception.validUntil);
    } else {
      reasons.push(reasonFor('PERMIT_BREAK_GLASS_CRISIS'));
      basis.consentBasis = 'BREAK_GLASS';
    }
  }

  if (breakGlassUsed && g.grant !== undefined) {
    basis.breakGlassGrantId = g.grant.id;
    obligations.push({ type: 'QUEUE_EXCEPTION_REVIEW', breakGlassGrantId: g.grant.id });
    expireNoLaterThan(g.grant.expiresAt);
  }
  // An export leaves Accord's control, so the actor states why (UK GDPR Art. 5(2) accountability).
  if (g.request.action === 'export') obligations.push({ type: 'DEMAND_RATIONALE' });
  if (expiresAt !== undefined) obligations.push({ type: 'EXPIRE_AT', at: expiresAt });

  return { effect: 'permit', reasons, basis, obligations };
}
