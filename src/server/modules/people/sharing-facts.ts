import type { Db } from '../../db/database.ts';
import type { AccessFacts } from '../access/index.ts';
import { loadAgreementFacts } from '../agreements/index.ts';
import { loadConsentFacts } from '../consent/index.ts';

/**
 * The facts that decide sharing across organisations: agreements in force, the person's consent
 * and lawful exceptions. Loaded once the caller is known to be involved with the person, fresh on
 * every request so a change to consent or an agreement applies to the very next decision.
 */
export async function loadSharingFacts(
  db: Db,
  personId: string,
  at: string,
  today: string,
): Promise<Partial<AccessFacts>> {
  const [agreements, consent] = await Promise.all([
    loadAgreementFacts(db, today),
    loadConsentFacts(db, personId, at),
  ]);
  return { agreements, ...consent };
}
