/**
 * Rule 5: the person's wishes for sharing beyond the owning organisation (common-law duty of
 * confidentiality), and the lawful exceptions that may override them.
 */
import type { DataCategory } from '../../../contracts/enums.ts';
import type { CareTeamMembership, ConsentFact, ConsentProvision } from './access.ts';
import { coversOrAll, withinDates } from './decide-support.ts';
import type { ReasonCode } from './reasons.ts';

/** Who would receive which category, and the care team that routine coordination refers to. */
export interface ConsentQuestion {
  readonly recipientOrganisationId: string;
  readonly category: DataCategory;
  readonly careTeam: readonly CareTeamMembership[];
  readonly today: string;
}

function isRestrictedBy(p: ConsentProvision, q: ConsentQuestion): boolean {
  return (
    p.kind === 'RESTRICTION' &&
    (p.organisationId === null || p.organisationId === q.recipientOrganisationId) &&
    coversOrAll(p.categories, q.category)
  );
}

/** True when a permitting provision reaches the recipient, whatever its categories. */
function reachesRecipient(p: ConsentProvision, q: ConsentQuestion): boolean {
  if (p.kind === 'NAMED_PARTNER') return p.organisationId === q.recipientOrganisationId;
  if (p.kind !== 'ROUTINE_COORDINATION') return false;
  if (p.organisationId !== null && p.organisationId !== q.recipientOrganisationId) return false;
  // Routine coordination means the organisations actually caring for the person now.
  return organisationOnCareTeam(q.recipientOrganisationId, q.careTeam, q.today);
}

/** True when the organisation has anyone on the care team today. */
function organisationOnCareTeam(
  organisationId: string,
  careTeam: readonly CareTeamMembership[],
  today: string,
): boolean {
  for (const m of careTeam) {
    if (m.organisationId === organisationId && withinDates(m.startDate, m.endDate, today)) return true;
  }
  return false;
}

/**
 * The provision that permits the sharing, or undefined. A matching restriction wins over any
 * permission; a named partner is preferred to routine coordination as the more specific wish.
 */
export function permittingProvisionOf(
  consent: ConsentFact | null,
  q: ConsentQuestion,
): ConsentProvision | undefined {
  if (consent === null || consent.status !== 'given') return undefined;
  let named: ConsentProvision | undefined;
  let routine: ConsentProvision | undefined;
  for (const p of consent.provisions) {
    if (isRestrictedBy(p, q)) return undefined;
    if (!coversOrAll(p.categories, q.category)) continue;
    if (p.kind === 'NAMED_PARTNER' && named === undefined && reachesRecipient(p, q)) named = p;
    else if (p.kind === 'ROUTINE_COORDINATION' && routine === undefined && reachesRecipient(p, q))
      routine = p;
  }
  return named ?? routine;
}

/** Push every reason the person's consent does not permit the sharing. */
export function explainConsent(consent: ConsentFact | null, q: ConsentQuestion, denied: ReasonCode[]): void {
  if (consent === null) {
    denied.push('NO_CONSENT_RECORDED');
    return;
  }
  if (consent.status === 'refused') {
    denied.push('CONSENT_REFUSED');
    return;
  }
  if (consent.status === 'withdrawn') {
    denied.push('CONSENT_WITHDRAWN');
    return;
  }
  let restricted = false;
  let partnerSeen = false;
  let categorySeen = false;
  for (const p of consent.provisions) {
    if (isRestrictedBy(p, q)) restricted = true;
    else if (p.kind !== 'RESTRICTION' && reachesRecipient(p, q)) {
      partnerSeen = true;
      if (coversOrAll(p.categories, q.category)) categorySeen = true;
    }
  }
  if (restricted) denied.push('CONSENT_RESTRICTS_CATEGORY');
  if (!partnerSeen) denied.push('CONSENT_NOT_COVERING_PARTNER');
  else if (!categorySeen) denied.push('CONSENT_NOT_COVERING_CATEGORY');
}
