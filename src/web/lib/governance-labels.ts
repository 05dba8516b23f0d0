import type {
  AnomalyRule,
  CaseOutcome,
  ReviewDecision,
  ReviewItemFlag,
  ReviewItemKind,
  ReviewStatus,
} from '../../contracts/assurance.ts';
import type {
  CapacityCode,
  ConsentReviewOutcome,
  ConsentReviewTrigger,
  ConsentStatusCode,
  ExceptionReviewKind,
  ExceptionReviewOutcome,
} from '../../contracts/consent.ts';

/** A person's consent status, with "none recorded". */
export const CONSENT_STATUS_LABELS: Readonly<Record<ConsentStatusCode | 'none', string>> = {
  given: 'Consent given',
  refused: 'Consent refused',
  withdrawn: 'Consent withdrawn',
  none: 'No consent recorded',
};

/** Mental Capacity Act 2005 finding for the decision. */
export const CAPACITY_LABELS: Readonly<Record<CapacityCode, string>> = {
  HAS_CAPACITY: 'Has capacity to make this decision',
  LACKS_CAPACITY: 'Lacks capacity to make this decision',
};

/** Why a consent review is due. */
export const REVIEW_TRIGGER_LABELS: Readonly<Record<ConsentReviewTrigger, string>> = {
  HOSPITAL_ADMISSION: 'Hospital admission',
  SAFEGUARDING_CONCERN: 'Safeguarding concern',
  CHANGE_OF_SERVICE: 'Change of service',
  TRANSITION_BETWEEN_SETTINGS: 'Move between care settings',
  RISK_STATUS_CHANGE: 'Change in risk',
  NEW_CARE_TEAM_PARTNER: 'New organisation on the care team',
  DISCHARGE_PLANNING: 'Discharge planning',
  REVIEW_DATE_REACHED: 'Review date reached',
};

/** How a consent review ended. */
export const CONSENT_REVIEW_OUTCOME_LABELS: Readonly<Record<ConsentReviewOutcome, string>> = {
  CONFIRMED: 'Consent confirmed unchanged',
  CHANGED: 'Consent changed',
  RECAPTURED: 'Consent recorded again',
};

/** What an exception review looks at. */
export const EXCEPTION_REVIEW_KIND_LABELS: Readonly<Record<ExceptionReviewKind, string>> = {
  LAWFUL_EXCEPTION: 'Sharing without consent',
  BREAK_GLASS: 'Emergency access',
};

/** The IG lead's finding on an exception. */
export const EXCEPTION_REVIEW_OUTCOME_LABELS: Readonly<Record<ExceptionReviewOutcome, string>> = {
  APPROPRIATE: 'Appropriate',
  INAPPROPRIATE: 'Inappropriate',
  NEEDS_ACTION: 'Needs action',
};

/** Anomaly rules, as an IG lead would name them. */
export const ANOMALY_RULE_LABELS: Readonly<Record<AnomalyRule, string>> = {
  NOT_ON_CASELOAD: 'Opened records of people not on their caseload',
  VOLUME_SPIKE: 'Unusually many records in a day',
  OUT_OF_HOURS: 'Access out of hours',
  REPEATED_BREAK_GLASS: 'Repeated emergency access',
  BREAK_GLASS_CARE_TEAM_JOIN: 'Emergency access followed by joining the care team',
  COLLEAGUE_RECORD: 'Opened a colleague’s record',
};

/** How an investigation ended. */
export const CASE_OUTCOME_LABELS: Readonly<Record<CaseOutcome, string>> = {
  NO_CONCERN: 'No concern',
  CONCERN_ADDRESSED: 'Concern addressed',
  BREACH_CONFIRMED: 'Breach confirmed',
  REFERRED: 'Referred',
};

/** Lifecycle of a monthly access review. */
export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  open: 'Open',
  completed: 'Completed',
  escalated: 'Escalated',
};

/** What an access-review item asks about. */
export const REVIEW_ITEM_KIND_LABELS: Readonly<Record<ReviewItemKind, string>> = {
  ROLE: 'Role',
  CARE_TEAM_MEMBERSHIP: 'Care team membership',
};

/** Why an access-review item deserves a closer look. */
export const REVIEW_ITEM_FLAG_LABELS: Readonly<Record<ReviewItemFlag, string>> = {
  LEFT_ORGANISATION: 'Has left the organisation',
  INACTIVE_ACCOUNT: 'Account is inactive',
  CHANGED_TEAM: 'Has changed team',
  MEMBERSHIP_ENDED_TEAM: 'Their team’s membership has ended',
  ROLE_RECENTLY_GRANTED: 'This role was granted in the last month',
};

/** A manager's answer on an access-review item. */
export const REVIEW_DECISION_LABELS: Readonly<Record<ReviewDecision, string>> = {
  CONFIRMED: 'Confirmed',
  REVOKED: 'Revoked',
};

/** Outcomes an audit entry records. */
export const AUDIT_OUTCOME_LABELS: Readonly<Record<string, string>> = {
  permit: 'Permitted',
  deny: 'Refused',
  success: 'Done',
  failure: 'Failed',
};
