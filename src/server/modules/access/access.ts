/**
 * Domain types of the access decision: who asks, about what, and the facts the decision rests on.
 * Repositories load these facts per request; `decide` only reads them.
 */
import type {
  AccessAction,
  AgreementStatus,
  CareTeamRole,
  DataCategory,
  LawfulExceptionGround,
  Purpose,
  StaffRole,
} from '../../../contracts/enums.ts';
import type { ReasonCode } from './reasons.ts';

/** The member of staff asking, as the directory knows them at the time of the request. */
export interface Actor {
  /** Staff account id. */
  readonly staffId: string;
  /** The organisation employing the account: the recipient when data crosses organisations. */
  readonly organisationId: string;
  /** Teams the account belongs to; care-team memberships may name a team instead of a person. */
  readonly teamIds: readonly string[];
  /** Roles held; the tier of any one role is enough for rule 2. */
  readonly roles: readonly StaffRole[];
  /** False once the account is suspended or closed. */
  readonly active: boolean;
  /** Last day (YYYY-MM-DD, inclusive) of annual IG training cover; null when never completed. */
  readonly igTrainingExpiresOn: string | null;
  /** Holds current safeguarding adults training (required to edit safeguarding records). */
  readonly safeguardingTrained: boolean;
}

/** One person's (or one team's) place in someone's care, with inclusive calendar dates. */
export interface CareTeamMembership {
  readonly id: string;
  /** The member of staff on the care team, or null when the whole team is. */
  readonly staffId: string | null;
  /** The team on the care team, or null when a named person is. */
  readonly teamId: string | null;
  /** The member's organisation; also what makes that organisation "on the care team". */
  readonly organisationId: string;
  readonly role: CareTeamRole;
  /** First day of involvement (YYYY-MM-DD). */
  readonly startDate: string;
  /** Last day of involvement (YYYY-MM-DD, inclusive); null while open. */
  readonly endDate: string | null;
}

/** Permission in an agreement for one organisation to share with another. */
export interface AgreementGrant {
  /** The organisation that owns the data and shares it. */
  readonly fromOrganisationId: string;
  /** The organisation allowed to receive it. */
  readonly toOrganisationId: string;
  readonly purpose: Purpose;
  readonly categories: readonly DataCategory[];
}

/** A data sharing agreement as the agreements module presents it, in force or not. */
export interface SharingAgreementFact {
  readonly id: string;
  readonly version: number;
  readonly status: AgreementStatus;
  /** First day in force (YYYY-MM-DD). */
  readonly startDate: string;
  /** Last day in force (YYYY-MM-DD, inclusive); null when open-ended. */
  readonly endDate: string | null;
  /** True when every field the ICO code expects is present (computed by the agreements module). */
  readonly complete: boolean;
  readonly grants: readonly AgreementGrant[];
}

/** Kinds of consent provision. */
export type ConsentProvisionKind = 'ROUTINE_COORDINATION' | 'NAMED_PARTNER' | 'RESTRICTION';

/** One clause of a person's consent. */
export interface ConsentProvision {
  readonly id: string;
  /**
   * ROUTINE_COORDINATION: share with organisations on the current care team;
   * NAMED_PARTNER: share with the named organisation; RESTRICTION: do not share.
   */
  readonly kind: ConsentProvisionKind;
  /**
   * RESTRICTION: the organisation it bars, or null for every partner. NAMED_PARTNER: must name one
   * (null matches nobody). ROUTINE_COORDINATION: null, or an organisation to narrow it to.
   */
  readonly organisationId: string | null;
  /** Categories the clause covers; empty means all categories. */
  readonly categories: readonly DataCategory[];
}

/** Statuses of a person's consent to sharing. */
export type ConsentStatus = 'given' | 'refused' | 'withdrawn';

/** The person's current consent to information sharing. */
export interface ConsentFact {
  readonly id: string;
  readonly status: ConsentStatus;
  /** A review is due (date passed or trigger fired); consent still applies meanwhile. */
  readonly reviewDue: boolean;
  readonly provisions: readonly ConsentProvision[];
}

/** A recorded lawful ground for sharing without (or against) consent. */
export interface LawfulExceptionFact {
  readonly id: string;
  readonly ground: LawfulExceptionGround;
  /** The organisation it lets receive data; null for any. */
  readonly recipientOrganisationId: string | null;
  /** Categories covered; empty means all. */
  readonly categories: readonly DataCategory[];
  /** ISO instant from which it applies. */
  readonly validFrom: string;
  /** ISO instant at which it stops applying (exclusive); null while open. */
  readonly validUntil: string | null;
  /** Why it was needed, as recorded (kept for review; not read by the decision). */
  readonly rationale: string;
}

/** Emergency access granted to one member of staff for this person. */
export interface BreakGlassGrantFact {
  readonly id: string;
  readonly staffId: string;
  /** ISO instant the grant starts. */
  readonly grantedAt: string;
  /** ISO instant the grant ends (exclusive). */
  readonly expiresAt: string;
  readonly categories: readonly DataCategory[];
}

/** Everything known about the person that the decision needs, loaded for this request. */
export interface AccessFacts {
  /** The person's care-team memberships, past, present and future. */
  readonly careTeam: readonly CareTeamMembership[];
  /** Agreements between partners, whatever their status or dates. */
  readonly agreements: readonly SharingAgreementFact[];
  /** The person's consent; null when none is recorded. */
  readonly consent: ConsentFact | null;
  /** Lawful exceptions recorded for the person. */
  readonly lawfulExceptions: readonly LawfulExceptionFact[];
  /** Break-glass grants recorded for the person. */
  readonly breakGlassGrants: readonly BreakGlassGrantFact[];
}

/** One question put to the decision function. */
export interface DecisionRequest {
  readonly actor: Actor;
  readonly personId: string;
  readonly category: DataCategory;
  /** The organisation that owns the data (the controller who decides on disclosure). */
  readonly owningOrganisationId: string;
  readonly action: AccessAction;
  readonly purpose: Purpose;
  /** ISO instant the access happens; its UK calendar date is "today" for date ranges. */
  readonly at: string;
  /**
   * For `disclose` and `export`: the organisation receiving the data. Ignored for `view` and `edit`;
   * when absent the actor's own organisation is the recipient.
   */
  readonly recipientOrganisationId?: string;
  readonly facts: AccessFacts;
}

/** How a restricted category departs from the ordinary tiers. */
export interface RestrictedCategoryRule {
  /** Only these roles may see the category at all. */
  readonly viewRoles: readonly StaffRole[];
  /** Editing also needs current safeguarding training. */
  readonly editRequiresSafeguardingTraining: boolean;
}

/** Partnership configuration: which roles see which categories. */
export interface TierPolicy {
  readonly tiers: Readonly<Record<StaffRole, readonly DataCategory[]>>;
  readonly restricted: Readonly<Partial<Record<DataCategory, RestrictedCategoryRule>>>;
}

/** A reason for a decision: a stable code plus a sentence a practitioner understands. */
export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
}

/** How the actor is involved in the person's care. */
export type Involvement = 'CARE_TEAM' | 'BREAK_GLASS';

/** Why data may move from the owner to the recipient. */
export type SharingRoute = 'OWN_ORGANISATION' | 'AGREEMENT';

/** What stands for the person's agreement to the access. */
export type ConsentBasis =
  | 'IMPLIED_DIRECT_CARE'
  | 'CONSENT_ROUTINE_COORDINATION'
  | 'CONSENT_NAMED_PARTNER'
  | 'LAWFUL_EXCEPTION'
  | 'BREAK_GLASS';

/** The facts a permit relied on, for the audit entry; empty on deny. */
export interface DecisionBasis {
  readonly involvement?: Involvement;
  readonly careTeamMembershipId?: string;
  readonly sharing?: SharingRoute;
  readonly agreementId?: string;
  readonly agreementVersion?: number;
  readonly consentBasis?: ConsentBasis;
  readonly consentId?: string;
  readonly consentProvisionId?: string;
  readonly exceptionId?: string;
  readonly breakGlassGrantId?: string;
}

/** Write a disclosure-log entry (owner -> recipient) with the access. */
export interface RecordDisclosureObligation {
  readonly type: 'RECORD_DISCLOSURE';
  readonly recipientOrganisationId: string;
  readonly ownerOrganisationId: string;
}

/** Ask the actor to state why before the data is released. */
export interface DemandRationaleObligation {
  readonly type: 'DEMAND_RATIONALE';
}

/** Put the access on the exception review queue (lawful exception or break-glass). */
export type QueueExceptionReviewObligation =
  | { readonly type: 'QUEUE_EXCEPTION_REVIEW'; readonly exceptionId: string }
  | { readonly type: 'QUEUE_EXCEPTION_REVIEW'; readonly breakGlassGrantId: string };

/** The permit stops holding at this instant; callers must not cache it past then. */
export interface ExpireAtObligation {
  readonly type: 'EXPIRE_AT';
  readonly at: string;
}

/** Something the caller must do when it acts on a permit. */
export type Obligation =
  | RecordDisclosureObligation
  | DemandRationaleObligation
  | QueueExceptionReviewObligation
  | ExpireAtObligation;

/** The answer: permit or deny, why, on what basis, and what must happen with it. */
export interface Decision {
  readonly effect: 'permit' | 'deny';
  /** Never empty: on deny every failing rule, on permit what allowed it. */
  readonly reasons: readonly Reason[];
  readonly basis: DecisionBasis;
  readonly obligations: readonly Obligation[];
}

const FRONTLINE: readonly DataCategory[] = [
  'RISK_SUMMARY',
  'CRISIS_PLAN',
  'SUPPORT_INSTRUCTIONS',
  'CONTACTS_CARERS',
];
const CARE_MANAGER: readonly DataCategory[] = [...FRONTLINE, 'CARE_PLAN', 'OUTCOMES', 'SERVICE_USE'];
const NONE: readonly DataCategory[] = [];

const DEFAULT_TIERS: Readonly<Record<StaffRole, readonly DataCategory[]>> = {
  frontline: FRONTLINE,
  care_manager: CARE_MANAGER,
  clinical: [...CARE_MANAGER, 'ASSESSMENT', 'INCIDENTS', 'MEDICATION', 'DIAGNOSIS'],
  duty: ['RISK_SUMMARY', 'CRISIS_PLAN', 'CONTACTS_CARERS', 'SUPPORT_INSTRUCTIONS', 'MEDICATION'],
  safeguarding_lead: [...FRONTLINE, 'SAFEGUARDING', 'CARE_PLAN'],
  service_manager: [...FRONTLINE, 'CARE_PLAN', 'SERVICE_USE'],
  // IG leads investigate through the audit log, administrators run accounts, commissioners see
  // aggregates only: none of them reads the record itself.
  ig_lead: NONE,
  system_admin: NONE,
  commissioner: NONE,
};

/** Tiers from ARCHITECTURE.md; partnerships may configure their own. */
export const DEFAULT_TIER_POLICY: TierPolicy = {
  tiers: DEFAULT_TIERS,
  restricted: { SAFEGUARDING: { viewRoles: ['safeguarding_lead'], editRequiresSafeguardingTraining: true } },
};
