/**
 * Reason codes of access decisions. Codes are stable: audit entries, reports and the UI key on them.
 * Messages are addressed to the practitioner and never carry personal data or policy internals.
 */

/** Codes a denial can carry; a deny lists every one that applies. */
export const DENY_REASON_CODES = [
  'INVALID_REQUEST_TIME',
  'ACCOUNT_INACTIVE',
  'TRAINING_EXPIRED',
  'ROLE_TIER_EXCLUDES_CATEGORY',
  'COMMISSIONER_NO_PERSON_DATA',
  'PURPOSE_COMMISSIONING_NO_PERSON_DATA',
  'NOT_INVOLVED_IN_CARE',
  'BREAK_GLASS_EXPIRED',
  'BREAK_GLASS_CATEGORY_NOT_COVERED',
  'BREAK_GLASS_RESTRICTED_CATEGORY',
  'BREAK_GLASS_VIEW_ONLY',
  'EDIT_OTHER_ORGANISATION_DATA',
  'ONWARD_DISCLOSURE_NOT_PERMITTED',
  'NO_ACTIVE_AGREEMENT',
  'AGREEMENT_INCOMPLETE',
  'AGREEMENT_NOT_COVERING_PURPOSE',
  'AGREEMENT_NOT_COVERING_CATEGORY',
  'NO_CONSENT_RECORDED',
  'CONSENT_REFUSED',
  'CONSENT_WITHDRAWN',
  'CONSENT_RESTRICTS_CATEGORY',
  'CONSENT_NOT_COVERING_PARTNER',
  'CONSENT_NOT_COVERING_CATEGORY',
  'RESTRICTED_CATEGORY_ROLE',
  'RESTRICTED_EDIT_REQUIRES_TRAINING',
  'ROLE_NOT_PERMITTED_FOR_PURPOSE',
  'AGREEMENT_SUSPENDED',
  'AGREEMENT_LAPSED',
] as const;

/**
 * Codes a refused access-changing write can carry (care teams, roles, training, agreements,
 * partnership settings, break-glass). A refusal lists every one that applies.
 */
export const CHANGE_DENY_REASON_CODES = [
  'CHANGE_ROLE_REQUIRED',
  'CHANGE_OTHER_ORGANISATION',
  'CARE_TEAM_SELF_JOIN_UNDER_BREAK_GLASS',
  'MEMBERSHIP_ALREADY_ENDED',
  'MEMBERSHIP_END_EXTENDED',
  'SELF_GRANT_ROLE',
  'SELF_GRANT_TRAINING',
  'SECOND_PERSON_REQUIRED',
  'APPROVER_ROLE_REQUIRED',
  'ROLE_GRANT_NOT_PENDING',
  'AGREEMENT_IG_LEAD_REQUIRED',
  'AGREEMENT_NOT_PARTY',
  'PARTNERSHIP_GOVERNANCE_REQUIRED',
  'PROPOSAL_NOT_OPEN',
  'PROPOSAL_ALREADY_APPROVED_BY_ORGANISATION',
  'PROPOSAL_ORGANISATION_NOT_PARTY',
  'BREAK_GLASS_RATE_LIMITED',
  'AGREEMENT_SIGN_OFF_OTHER_ORGANISATION',
] as const;

/** Codes a permitted access-changing write can carry: what allowed it, and what it still needs. */
export const CHANGE_PERMIT_REASON_CODES = [
  'PERMIT_OWN_ORGANISATION_CHANGE',
  'PERMIT_PARTNERSHIP_GOVERNANCE',
  'PERMIT_AGREEMENT_PARTY',
  'PERMIT_SECOND_PERSON',
  'ROLE_GRANT_AWAITS_SECOND_PERSON',
] as const;

/** Codes a permit can carry: what allowed it, plus notices. */
export const PERMIT_REASON_CODES = [
  'PERMIT_CARE_TEAM',
  'PERMIT_BREAK_GLASS',
  'PERMIT_OWN_ORGANISATION',
  'PERMIT_AGREEMENT',
  'PERMIT_CONSENT_ROUTINE',
  'PERMIT_CONSENT_NAMED_PARTNER',
  'PERMIT_LAWFUL_EXCEPTION',
  'PERMIT_BREAK_GLASS_CRISIS',
  'CONSENT_REVIEW_DUE',
  'PERMIT_STANDING',
] as const;

/** A code that explains a denial. */
export type DenyReasonCode = (typeof DENY_REASON_CODES)[number];

/** A code that explains a permit. */
export type PermitReasonCode = (typeof PERMIT_REASON_CODES)[number];

/** A code that explains a refused access-changing write. */
export type ChangeDenyReasonCode = (typeof CHANGE_DENY_REASON_CODES)[number];

/** A code that explains a permitted access-changing write. */
export type ChangePermitReasonCode = (typeof CHANGE_PERMIT_REASON_CODES)[number];

/** Any reason code. */
export type ReasonCode = DenyReasonCode | PermitReasonCode | ChangeDenyReasonCode | ChangePermitReasonCode;

/** Every reason code, deny codes first. */
export const REASON_CODES: readonly ReasonCode[] = [
  ...DENY_REASON_CODES,
  ...PERMIT_REASON_CODES,
  ...CHANGE_DENY_REASON_CODES,
  ...CHANGE_PERMIT_REASON_CODES,
];

/** The sentence shown for each code. */
export const REASON_MESSAGES: Readonly<Record<ReasonCode, string>> = {
  INVALID_REQUEST_TIME: 'The time of this request could not be read, so access was not granted.',
  ACCOUNT_INACTIVE: 'Your account is not active.',
  TRAINING_EXPIRED: 'Your information governance training is not current; complete it to regain access.',
  ROLE_TIER_EXCLUDES_CATEGORY: 'Your role does not include access to this kind of information.',
  COMMISSIONER_NO_PERSON_DATA:
    'Commissioning roles receive aggregate reports only, never information about individuals.',
  PURPOSE_COMMISSIONING_NO_PERSON_DATA:
    'Information about individuals cannot be used for commissioning; use the aggregate reports.',
  NOT_INVOLVED_IN_CARE: 'You are not currently part of this person’s care team.',
  BREAK_GLASS_EXPIRED: 'Your emergency access for this person has expired.',
  BREAK_GLASS_CATEGORY_NOT_COVERED:
    'Emergency access covers only the crisis summary information it was granted for.',
  BREAK_GLASS_RESTRICTED_CATEGORY: 'Emergency access never opens safeguarding or other restricted records.',
  BREAK_GLASS_VIEW_ONLY: 'Emergency access lets you view information, not change or pass it on.',
  EDIT_OTHER_ORGANISATION_DATA: 'You can only change information your own organisation recorded.',
  ONWARD_DISCLOSURE_NOT_PERMITTED:
    'Only the organisation that recorded this information can pass it to another organisation.',
  NO_ACTIVE_AGREEMENT: 'There is no data sharing agreement in force between the two organisations.',
  AGREEMENT_INCOMPLETE:
    'The data sharing agreement between the two organisations is incomplete and cannot be relied on yet.',
  AGREEMENT_NOT_COVERING_PURPOSE: 'The data sharing agreement in force does not cover this purpose.',
  AGREEMENT_NOT_COVERING_CATEGORY:
    'The data sharing agreement in force does not cover this kind of information for this purpose.',
  NO_CONSENT_RECORDED: 'No consent to share has been recorded for this person.',
  CONSENT_REFUSED: 'This person has refused consent to share their information.',
  CONSENT_WITHDRAWN: 'This person has withdrawn their consent to share their information.',
  CONSENT_RESTRICTS_CATEGORY:
    'This person has asked that this information is not shared with your organisation.',
  CONSENT_NOT_COVERING_PARTNER: 'This person’s consent does not extend to your organisation.',
  CONSENT_NOT_COVERING_CATEGORY: 'This person’s consent does not cover this kind of information.',
  RESTRICTED_CATEGORY_ROLE: 'This information is restricted to designated roles.',
  RESTRICTED_EDIT_REQUIRES_TRAINING: 'Changing this information requires current safeguarding training.',
  ROLE_NOT_PERMITTED_FOR_PURPOSE: 'Your role does not include this kind of work.',
  AGREEMENT_SUSPENDED:
    'The data sharing agreement that covered this sharing is suspended, so nothing is shared under it.',
  AGREEMENT_LAPSED:
    'The data sharing agreement that covered this sharing has ended; a new or renewed agreement is needed.',
  PERMIT_CARE_TEAM: 'You are part of this person’s current care team.',
  PERMIT_BREAK_GLASS: 'You are using emergency access, which will be reviewed.',
  PERMIT_OWN_ORGANISATION:
    'This information belongs to your own organisation and is used for this person’s care.',
  PERMIT_AGREEMENT: 'A data sharing agreement in force covers this information and purpose.',
  PERMIT_CONSENT_ROUTINE: 'This person has consented to sharing with the organisations caring for them.',
  PERMIT_CONSENT_NAMED_PARTNER: 'This person has consented to sharing with your organisation.',
  PERMIT_LAWFUL_EXCEPTION: 'A recorded lawful exception allows sharing without consent; it will be reviewed.',
  PERMIT_BREAK_GLASS_CRISIS:
    'Emergency access in a crisis allows sharing without consent; it will be reviewed.',
  CONSENT_REVIEW_DUE: 'This person’s consent is due for review.',
  PERMIT_STANDING: 'Your role, account and training allow this work.',
  CHANGE_ROLE_REQUIRED: 'This change needs a role the account making it does not hold.',
  CHANGE_OTHER_ORGANISATION:
    'Care teams, accounts and roles are changed only by staff of the organisation they belong to.',
  CARE_TEAM_SELF_JOIN_UNDER_BREAK_GLASS:
    'Nobody adds themselves to a care team while their only involvement is emergency access; the care coordinator decides.',
  MEMBERSHIP_ALREADY_ENDED:
    'This care-team membership has already ended; a new membership is needed instead.',
  MEMBERSHIP_END_EXTENDED:
    'A care-team membership’s end can only be brought forward, never moved later; a new membership is needed instead.',
  SELF_GRANT_ROLE:
    'Nobody can give their own account a clinical, care or governance role; another administrator must ask for it.',
  SELF_GRANT_TRAINING:
    'Nobody can record training on their own account; a manager or administrator records it.',
  SECOND_PERSON_REQUIRED:
    'A role that opens person-level information is approved by a second person, neither the one who asked nor the one who receives it.',
  APPROVER_ROLE_REQUIRED:
    'This role is approved only by the IG lead of the account’s organisation (or its service manager, for frontline roles).',
  ROLE_GRANT_NOT_PENDING: 'This role request has already been approved or withdrawn.',
  AGREEMENT_IG_LEAD_REQUIRED: 'Only IG leads change data sharing agreements.',
  AGREEMENT_NOT_PARTY:
    'Only IG leads of the organisations party to this agreement can change it or its status.',
  PARTNERSHIP_GOVERNANCE_REQUIRED:
    'Partnership-wide settings are changed by the partnership governance lead, or by a proposal the parties’ IG leads approve.',
  PROPOSAL_NOT_OPEN: 'This proposal has already been applied or withdrawn.',
  PROPOSAL_ALREADY_APPROVED_BY_ORGANISATION: 'This organisation has already approved this proposal.',
  PROPOSAL_ORGANISATION_NOT_PARTY:
    'Only IG leads of organisations party to an agreement in force approve partnership settings.',
  BREAK_GLASS_RATE_LIMITED:
    'Emergency access has been used as often as the partnership allows in a day; the duty manager must be asked.',
  AGREEMENT_SIGN_OFF_OTHER_ORGANISATION: 'An IG lead signs off an agreement only for their own organisation.',
  PERMIT_OWN_ORGANISATION_CHANGE: 'The change is within the organisation and role of the account making it.',
  PERMIT_PARTNERSHIP_GOVERNANCE: 'The change is made by the partnership governance lead.',
  PERMIT_AGREEMENT_PARTY: 'The change is made by the IG lead of an organisation party to this agreement.',
  PERMIT_SECOND_PERSON: 'The approval comes from the second person this role needs, who did not ask for it.',
  ROLE_GRANT_AWAITS_SECOND_PERSON:
    'Roles that open person-level information wait for approval by the organisation’s IG lead or service manager.',
};

/**
 * The same sentences about a staff member other than the reader, for explanations asked by an IG
 * lead or a care coordinator. Only the sentences addressed to "you" differ.
 */
const ABOUT_STAFF_MEMBER: Readonly<Partial<Record<ReasonCode, string>>> = {
  ACCOUNT_INACTIVE: 'Their account is not active.',
  TRAINING_EXPIRED:
    'Their information governance training is not current; they must complete it to regain access.',
  ROLE_TIER_EXCLUDES_CATEGORY: 'Their role does not include access to this kind of information.',
  NOT_INVOLVED_IN_CARE: 'They are not currently part of this person’s care team.',
  BREAK_GLASS_EXPIRED: 'Their emergency access for this person has expired.',
  BREAK_GLASS_VIEW_ONLY: 'Emergency access lets them view information, not change or pass it on.',
  EDIT_OTHER_ORGANISATION_DATA: 'They can only change information their own organisation recorded.',
  CONSENT_RESTRICTS_CATEGORY:
    'This person has asked that this information is not shared with their organisation.',
  CONSENT_NOT_COVERING_PARTNER: 'This person’s consent does not extend to their organisation.',
  PERMIT_CARE_TEAM: 'They are part of this person’s current care team.',
  PERMIT_BREAK_GLASS: 'They are using emergency access, which will be reviewed.',
  PERMIT_OWN_ORGANISATION:
    'This information belongs to their own organisation and is used for this person’s care.',
  PERMIT_CONSENT_NAMED_PARTNER: 'This person has consented to sharing with their organisation.',
  ROLE_NOT_PERMITTED_FOR_PURPOSE: 'Their role does not include this kind of work.',
  PERMIT_STANDING: 'Their role, account and training allow this work.',
};

/** The sentence for a code, worded about another staff member rather than to the reader. */
export function messageAboutStaffMember(code: ReasonCode): string {
  return ABOUT_STAFF_MEMBER[code] ?? REASON_MESSAGES[code];
}

const REASONS = Object.fromEntries(
  REASON_CODES.map((code) => [code, Object.freeze({ code, message: REASON_MESSAGES[code] })]),
) as Readonly<Record<ReasonCode, { readonly code: ReasonCode; readonly message: string }>>;

/** The shared, immutable reason object for a code (no allocation per decision). */
export function reasonFor(code: ReasonCode): { readonly code: ReasonCode; readonly message: string } {
  return REASONS[code];
}

/** True when the string is a known reason code. */
export function isReasonCode(value: string): value is ReasonCode {
  return Object.hasOwn(REASON_MESSAGES, value);
}
