/**
 * Partnership-wide facts every decision reads (the tier policy and the agreements, parsed and
 * validated once) cached per database handle behind the partnership version counter. Each read
 * costs one primary-key lookup of the counter; a change anywhere bumps it inside the change's own
 * transaction, so the very next decision, on this process or any other, sees the change.
 */
import type { Db } from '../../db/database.ts';
import type { ChangeTx } from '../../db/governed.ts';
import type { SharingAgreementFact } from './access.ts';
import { type AccessPolicy, loadAccessPolicy } from './policy.repository.ts';

/** Loads every agreement in force or not, as facts for a date (the agreements module provides it). */
export type AgreementFactsLoader = (db: Db, today: string) => Promise<SharingAgreementFact[]>;

interface Cached {
  version: number;
  policy: AccessPolicy;
  agreements: Map<string, Promise<SharingAgreementFact[]>>;
}

const caches = new WeakMap<object, Cached>();

/** The current value of the counter. */
export async function readPartnershipVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('partnership_version')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ? Number(row.version) : 0;
}

/** Marks partnership-wide facts changed; call inside the transaction that changes them. */
export async function bumpPartnershipVersion(tx: ChangeTx): Promise<void> {
  await (tx as unknown as Db)
    .updateTable('partnership_version')
    .set((eb) => ({ version: eb('version', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

async function current(db: Db): Promise<Cached> {
  const version = await readPartnershipVersion(db);
  const cached = caches.get(db);
  // Inside a transaction the handle is new each time: nothing to reuse, and nothing kept.
  if (cached && cached.version === version) return cached;
  const fresh: Cached = { version, policy: await loadAccessPolicy(db), agreements: new Map() };
  if (!db.isTransaction) caches.set(db, fresh);
  return fresh;
}

/** The tier policy in force. */
export async function partnershipPolicy(db: Db): Promise<AccessPolicy> {
  return (await current(db)).policy;
}

/** The agreements as facts for a date, loaded once per version and date. */
export async function partnershipAgreements(
  db: Db,
  today: string,
  load: AgreementFactsLoader,
): Promise<SharingAgreementFact[]> {
  const cached = await current(db);
  let facts = cached.agreements.get(today);
  if (!facts) {
    facts = load(db, today);
    // A failed load is not kept: the next request tries again.
    facts.catch(() => cached.agreements.delete(today));
    cached.agreements.set(today, facts);
  }
  return facts;
}
