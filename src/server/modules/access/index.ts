/**
 * Public surface of the access module: the decision function, its types, the default tiers and
 * the reason codes. Other modules import from here only.
 */
export type {
  AccessFacts,
  Actor,
  AgreementGrant,
  BreakGlassGrantFact,
  CareTeamMembership,
  ConsentBasis,
  ConsentFact,
  ConsentProvision,
  ConsentProvisionKind,
  ConsentStatus,
  Decision,
  DecisionBasis,
  DecisionRequest,
  DemandRationaleObligation,
  ExpireAtObligation,
  Involvement,
  LawfulExceptionFact,
  Obligation,
  QueueExceptionReviewObligation,
  Reason,
  RecordDisclosureObligation,
  RestrictedCategoryRule,
  SharingAgreementFact,
  SharingRoute,
  TierPolicy,
} from './access.ts';
export { DEFAULT_TIER_POLICY } from './access.ts';
export { loadPersonFacts, type PersonFacts } from './access-facts.repository.ts';
export { type Authorize, changeActorOf, changeWithAuthority } from './authority.service.ts';
export type { ChangeActor, ChangeDecision, ChangeRequest } from './authority.ts';
export { decideChange } from './authority-decide.ts';
export { calendarDateOf } from './calendar.ts';
export { decide, recipientOf } from './decide.ts';
export { agreementInForce } from './decide-agreement.ts';
export { explainConsent, permittingProvisionOf } from './decide-consent.ts';
export { liveMembershipOf } from './decide-involvement.ts';
export { DecisionRefusedError } from './decision-refused.ts';
export {
  type ExtraFactsLoader,
  type FactsAccess,
  findPersonByNhsNumber,
  type GovernedAccess,
  inListTransaction,
  inReadTransaction,
  type ListAccess,
  type NewPersonWrite,
  openList,
  openOversight,
  openPerson,
  type PersonHandle,
  type PersonRead,
  type PersonScope,
  type PersonWrite,
  purposeOfStanding,
  systemFacts,
  writeEmergency,
  writeNewPerson,
  writePerson,
} from './door.ts';
export {
  bumpPartnershipVersion,
  type PartnershipFacts,
  partnershipAgreements,
  partnershipFacts,
  partnershipPolicy,
} from './partnership-facts.ts';
export {
  actorOf,
  decideFor,
  isCurrentCoordinator,
  type MembershipLike,
  mayHoldCaseload,
  mayKnowPerson,
  mayReceiveAccessReport,
  type PersonAccessQuestion,
} from './person-access.ts';
export type { DenyReasonCode, PermitReasonCode, ReasonCode } from './reasons.ts';
export {
  DENY_REASON_CODES,
  isReasonCode,
  PERMIT_REASON_CODES,
  REASON_CODES,
  REASON_MESSAGES,
  reasonFor,
} from './reasons.ts';
export { type StandingPurpose, standingOf } from './standing.ts';
