/**
 * Rule 4: data crosses organisations only under a data sharing agreement in force that covers the
 * direction (owner -> recipient), the purpose and the category (ICO data sharing code).
 */
import type { DataCategory, Purpose } from '../../../contracts/enums.ts';
import type { AgreementGrant, SharingAgreementFact } from './access.ts';
import { withinDates } from './decide-support.ts';
import type { ReasonCode } from './reasons.ts';

/** The direction, purpose and category a disclosure needs cover for. */
export interface SharingNeed {
  readonly ownerOrganisationId: string;
  readonly recipientOrganisationId: string;
  readonly purpose: Purpose;
  readonly category: DataCategory;
}

function isPair(g: AgreementGrant, need: SharingNeed): boolean {
  return (
    g.fromOrganisationId === need.ownerOrganisationId && g.toOrganisationId === need.recipientOrganisationId
  );
}

/** True when the agreement may be relied on today: active, complete and within its dates. */
export function agreementInForce(a: SharingAgreementFact, today: string): boolean {
  return a.status === 'active' && a.complete && withinDates(a.startDate, a.endDate, today);
}

/** The first agreement in force that covers the need, if any. */
export function coveringAgreementOf(
  agreements: readonly SharingAgreementFact[],
  need: SharingNeed,
  today: string,
): SharingAgreementFact | undefined {
  for (const a of agreements) {
    if (!agreementInForce(a, today)) continue;
    for (const g of a.grants) {
      if (isPair(g, need) && g.purpose === need.purpose && g.categories.includes(need.category)) return a;
    }
  }
  return undefined;
}

/** Push the most precise reasons no agreement covers the need. */
export function explainNoAgreement(
  agreements: readonly SharingAgreementFact[],
  need: SharingNeed,
  today: string,
  denied: ReasonCode[],
): void {
  let pairInForce = false;
  let purposeSeen = false;
  let categorySeen = false;
  let incomplete = false;
  for (const a of agreements) {
    const inForce = agreementInForce(a, today);
    const unsigned =
      !inForce && !a.complete && a.status === 'active' && withinDates(a.startDate, a.endDate, today);
    for (const g of a.grants) {
      if (!isPair(g, need)) continue;
      if (unsigned) incomplete = true;
      if (!inForce) continue;
      pairInForce = true;
      if (g.purpose === need.purpose) purposeSeen = true;
      if (g.categories.includes(need.category)) categorySeen = true;
    }
  }
  if (!pairInForce) {
    denied.push('NO_ACTIVE_AGREEMENT');
    if (incomplete) denied.push('AGREEMENT_INCOMPLETE');
    return;
  }
  if (!purposeSeen) denied.push('AGREEMENT_NOT_COVERING_PURPOSE');
  // Category is covered only for other purposes, or not at all: either way the category is the gap.
  if (purposeSeen || !categorySeen) denied.push('AGREEMENT_NOT_COVERING_CATEGORY');
}
