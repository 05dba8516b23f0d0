/**
 * Rule 4: data crosses organisations only under a data sharing agreement in force that covers the
 * direction (owner -> recipient), the purpose and the category (ICO data sharing code).
 */
import type { AgreementGrant, SharingAgreementFact } from './access.ts';
import { DENY } from './decide-denial.ts';
import { withinDates } from './decide-support.ts';

/** One grant of an agreement between a given owner and recipient. */
interface PairGrant {
  readonly agreement: SharingAgreementFact;
  readonly grant: AgreementGrant;
}

/** The agreements' grants for one direction, and per purpose and category the usable agreements. */
interface PairIndex {
  readonly grants: PairGrant[];
  /** purpose -> category -> active, complete agreements covering it, in the order loaded. */
  readonly covering: Map<string, Map<string, SharingAgreementFact[]>>;
}

/** Agreements by owner, then recipient, filled in per direction as asked. */
export interface AgreementIndex {
  readonly agreements: readonly SharingAgreementFact[];
  readonly byOwner: Map<string, Map<string, PairIndex>>;
}

/** An empty index over the agreements. */
export function indexAgreements(agreements: readonly SharingAgreementFact[]): AgreementIndex {
  return { agreements, byOwner: new Map() };
}

function buildPair(agreements: readonly SharingAgreementFact[], owner: string, recipient: string): PairIndex {
  const pair: PairIndex = { grants: [], covering: new Map() };
  for (const agreement of agreements) {
    const usable = agreement.status === 'active' && agreement.complete;
    for (const grant of agreement.grants) {
      if (grant.fromOrganisationId !== owner || grant.toOrganisationId !== recipient) continue;
      pair.grants.push({ agreement, grant });
      if (!usable) continue;
      let byCategory = pair.covering.get(grant.purpose);
      if (byCategory === undefined) {
        byCategory = new Map();
        pair.covering.set(grant.purpose, byCategory);
      }
      for (const category of grant.categories) {
        const list = byCategory.get(category);
        if (list === undefined) byCategory.set(category, [agreement]);
        else if (list[list.length - 1] !== agreement) list.push(agreement);
      }
    }
  }
  return pair;
}

/** The grants and covering agreements for one direction. */
function pairOf(index: AgreementIndex, owner: string, recipient: string): PairIndex {
  let byRecipient = index.byOwner.get(owner);
  if (byRecipient === undefined) {
    byRecipient = new Map();
    index.byOwner.set(owner, byRecipient);
  }
  let pair = byRecipient.get(recipient);
  if (pair === undefined) {
    pair = buildPair(index.agreements, owner, recipient);
    byRecipient.set(recipient, pair);
  }
  return pair;
}

/** True when the agreement may be relied on today: active, complete and within its dates. */
export function agreementInForce(a: SharingAgreementFact, today: string): boolean {
  return a.status === 'active' && a.complete && withinDates(a.startDate, a.endDate, today);
}

/** The first agreement in force that covers owner -> recipient, purpose and category, if any. */
export function coveringAgreementOf(
  index: AgreementIndex,
  owner: string,
  recipient: string,
  purpose: string,
  category: string,
  today: string,
): SharingAgreementFact | undefined {
  const candidates = pairOf(index, owner, recipient).covering.get(purpose)?.get(category);
  if (candidates === undefined) return undefined;
  for (const a of candidates) {
    if (withinDates(a.startDate, a.endDate, today)) return a;
  }
  return undefined;
}

/** The most precise reasons (as deny bits) that no agreement covers the need. */
export function explainNoAgreement(
  index: AgreementIndex,
  owner: string,
  recipient: string,
  purpose: string,
  category: string,
  today: string,
): number {
  let pairInForce = false;
  let purposeSeen = false;
  let categorySeen = false;
  let incomplete = false;
  let suspended = false;
  let lapsed = false;
  for (const { agreement: a, grant: g } of pairOf(index, owner, recipient).grants) {
    if (!agreementInForce(a, today)) {
      if (!a.complete && a.status === 'active' && withinDates(a.startDate, a.endDate, today))
        incomplete = true;
      // An agreement that covered exactly this sharing but is suspended or has ended says so.
      if (g.purpose === purpose && (g.categories as readonly string[]).includes(category)) {
        if (a.status === 'suspended') suspended = true;
        else if (
          a.status === 'expired' ||
          a.status === 'terminated' ||
          (a.status === 'active' && a.endDate !== null && a.endDate < today)
        )
          lapsed = true;
      }
      continue;
    }
    pairInForce = true;
    if (g.purpose === purpose) purposeSeen = true;
    if ((g.categories as readonly string[]).includes(category)) categorySeen = true;
  }
  if (!pairInForce)
    return (
      DENY.NO_ACTIVE_AGREEMENT |
      (incomplete ? DENY.AGREEMENT_INCOMPLETE : 0) |
      (suspended ? DENY.AGREEMENT_SUSPENDED : 0) |
      (lapsed ? DENY.AGREEMENT_LAPSED : 0)
    );
  // Another agreement is in force for the pair, but the one that covered exactly this is
  // suspended or has ended: that is the reason, not that the agreement in force omits it.
  if (suspended || lapsed)
    return (suspended ? DENY.AGREEMENT_SUSPENDED : 0) | (lapsed ? DENY.AGREEMENT_LAPSED : 0);
  let denied = 0;
  if (!purposeSeen) denied |= DENY.AGREEMENT_NOT_COVERING_PURPOSE;
  // Category is covered only for other purposes, or not at all: either way the category is the gap.
  if (purposeSeen || !categorySeen) denied |= DENY.AGREEMENT_NOT_COVERING_CATEGORY;
  return denied;
}
