/**
 * Denials as bit sets. Rules add their reasons as bits, in the order the rules are evaluated, so a
 * set names its reasons in the order a practitioner reads them; each distinct set becomes one
 * shared, frozen decision, and a denial costs no allocation once its set has been seen.
 */
import type { Decision, Reason } from './access.ts';
import { type DenyReasonCode, reasonFor } from './reasons.ts';

/** One bit per deny reason, in the order the rules add them. */
export const DENY = {
  ACCOUNT_INACTIVE: 1 << 0,
  TRAINING_EXPIRED: 1 << 1,
  COMMISSIONER_NO_PERSON_DATA: 1 << 2,
  ROLE_TIER_EXCLUDES_CATEGORY: 1 << 3,
  PURPOSE_COMMISSIONING_NO_PERSON_DATA: 1 << 4,
  RESTRICTED_CATEGORY_ROLE: 1 << 5,
  RESTRICTED_EDIT_REQUIRES_TRAINING: 1 << 6,
  EDIT_OTHER_ORGANISATION_DATA: 1 << 7,
  ONWARD_DISCLOSURE_NOT_PERMITTED: 1 << 8,
  NOT_INVOLVED_IN_CARE: 1 << 9,
  BREAK_GLASS_EXPIRED: 1 << 10,
  BREAK_GLASS_RESTRICTED_CATEGORY: 1 << 11,
  BREAK_GLASS_CATEGORY_NOT_COVERED: 1 << 12,
  BREAK_GLASS_VIEW_ONLY: 1 << 13,
  NO_ACTIVE_AGREEMENT: 1 << 14,
  AGREEMENT_INCOMPLETE: 1 << 15,
  AGREEMENT_NOT_COVERING_PURPOSE: 1 << 16,
  AGREEMENT_NOT_COVERING_CATEGORY: 1 << 17,
  NO_CONSENT_RECORDED: 1 << 18,
  CONSENT_REFUSED: 1 << 19,
  CONSENT_WITHDRAWN: 1 << 20,
  CONSENT_RESTRICTS_CATEGORY: 1 << 21,
  CONSENT_NOT_COVERING_PARTNER: 1 << 22,
  CONSENT_NOT_COVERING_CATEGORY: 1 << 23,
  INVALID_REQUEST_TIME: 1 << 24,
  ROLE_NOT_PERMITTED_FOR_PURPOSE: 1 << 25,
  AGREEMENT_SUSPENDED: 1 << 26,
  AGREEMENT_LAPSED: 1 << 27,
} as const satisfies Record<DenyReasonCode, number>;

const ORDER = Object.keys(DENY) as DenyReasonCode[];
const NO_BASIS = Object.freeze({});
const NO_OBLIGATIONS: readonly never[] = Object.freeze([]);
// Distinct sets seen in practice number in the hundreds; past this, denials are built afresh.
const MAX_REMEMBERED_SETS = 4096;
const remembered = new Map<number, Decision>();

function build(bits: number): Decision {
  const reasons: Reason[] = [];
  for (let i = 0; i < ORDER.length; i++) {
    const code = ORDER[i];
    if (code !== undefined && (bits & (1 << i)) !== 0) reasons.push(reasonFor(code));
  }
  return Object.freeze({
    effect: 'deny',
    reasons: Object.freeze(reasons),
    basis: NO_BASIS,
    obligations: NO_OBLIGATIONS,
  });
}

/** The deny decision listing every reason in the set, once each. */
export function denialOf(bits: number): Decision {
  let decision = remembered.get(bits);
  if (decision === undefined) {
    decision = build(bits);
    if (remembered.size < MAX_REMEMBERED_SETS) remembered.set(bits, decision);
  }
  return decision;
}
