import { openView } from '../../db/governed.ts';
import { type FactsAccess, type PartnershipFacts, partnershipFacts } from '../access/index.ts';
import { loadAgreementFacts } from '../agreements/index.ts';
import { type ConsentRows, loadConsentFactsAndRows } from '../consent/index.ts';

/** What the sharing facts keep for the service beside the decision's facts. */
export interface KeptSharingRows {
  readonly consentRows: ConsentRows;
}

/**
 * The facts that decide sharing across organisations: agreements in force, the person's consent
 * and lawful exceptions. Loaded once the caller is known to be involved with the person; consent
 * is read fresh on every request and agreements behind the partnership version, so a change to
 * either applies to the very next decision. The consent rows are kept (`kept`, handed on by the
 * door as the read's `extra`) so the person's consent header does not read them again.
 */
export async function loadSharingFacts(
  facts: FactsAccess,
  at: string,
  today: string,
  partnership?: PartnershipFacts,
) {
  const [agreements, consent] = await Promise.all([
    (partnership ?? (await partnershipFacts(openView(facts.db)))).agreements(today, loadAgreementFacts),
    loadConsentFactsAndRows(facts, at),
  ]);
  const kept: KeptSharingRows = { consentRows: consent.rows };
  return { agreements, consent: consent.consent, lawfulExceptions: consent.lawfulExceptions, kept };
}

/** The consent rows a read's sharing facts kept, if it was opened with them. */
export function keptConsentRows(read: { readonly extra?: object }): ConsentRows | undefined {
  const extra = read.extra as Partial<KeptSharingRows> | undefined;
  return extra?.consentRows;
}
