import { openView } from '../../db/governed.ts';
import { type FactsAccess, partnershipAgreements } from '../access/index.ts';
import { loadAgreementFacts } from '../agreements/index.ts';
import { loadConsentFacts } from '../consent/index.ts';

/**
 * The facts that decide sharing across organisations: agreements in force, the person's consent
 * and lawful exceptions. Loaded once the caller is known to be involved with the person; consent
 * is read fresh on every request and agreements behind the partnership version, so a change to
 * either applies to the very next decision.
 */
export async function loadSharingFacts(facts: FactsAccess, at: string, today: string) {
  const [agreements, consent] = await Promise.all([
    partnershipAgreements(openView(facts.db), today, loadAgreementFacts),
    loadConsentFacts(facts, at),
  ]);
  return { agreements, ...consent };
}
