import type { Db } from '../../db/database.ts';
import { findCurrentAgreements } from '../agreements/agreements.repository.ts';
import { effectiveStatus, ukToday } from '../agreements/agreements.ts';

/**
 * The parties whose IG leads approve a proposed partnership setting: every organisation party to an
 * agreement in force today. An organisation that shares nothing is not bound by the settings' effect
 * on sharing, so it has no say in them.
 */
export async function settingsParties(db: Db, now: Date): Promise<string[]> {
  const today = ukToday(now);
  const records = await findCurrentAgreements(db);
  const parties = new Set<string>();
  for (const r of records) {
    if (effectiveStatus(r.current, today) !== 'active' || (r.current.startDate ?? today) > today) continue;
    for (const p of r.current.parties) parties.add(p.organisationId);
  }
  return [...parties].sort();
}
