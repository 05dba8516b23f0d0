/**
 * Partnership-wide facts every decision reads (the tier policy and the agreements, parsed and
 * validated once; the organisations and the roles each holds) cached per database handle behind
 * the partnership version counter. Each read costs one primary-key lookup of the counter (one
 * precompiled statement); a change anywhere bumps it inside the change's own transaction (in code
 * for the policy and agreements, by trigger for the directory: migration 0013), so the very next
 * decision, on this process or any other, sees the change.
 */
import type { Db } from '../../db/database.ts';
import type { ChangeTx } from '../../db/governed.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { SharingAgreementFact } from './access.ts';
import { type AccessPolicy, loadAccessPolicy } from './policy.repository.ts';

/** Loads every agreement in force or not, as facts for a date (the agreements module provides it). */
export type AgreementFactsLoader = (db: Db, today: string) => Promise<SharingAgreementFact[]>;

interface Cached {
  version: number;
  policy: AccessPolicy;
  agreements: Map<string, Promise<SharingAgreementFact[]>>;
  /** Other partnership-wide facts by name, loaded at most once per version. */
  memo: Map<string, Promise<unknown>>;
}

/**
 * The partnership-wide facts at one version of the counter, as one request reads them: the door
 * reads the counter once per decision and hands this on, so the services of the request reuse it
 * without reading the counter again.
 */
export interface PartnershipFacts {
  readonly version: number;
  readonly policy: AccessPolicy;
  /** The agreements as facts for a date, loaded once per version and date. */
  agreements(today: string, load: AgreementFactsLoader): Promise<SharingAgreementFact[]>;
  /**
   * Another partnership-wide fact (one that changes only with the counter: organisations, roles
   * by organisation), loaded once per version under its key.
   */
  memo<T>(key: string, load: (db: Db) => Promise<T>): Promise<T>;
}

const caches = new WeakMap<object, Cached>();
/** Snapshots handed out, one per cached version and handle. */
const snapshots = new WeakMap<Cached, PartnershipFacts>();

const versionQuery = precompiled<{ version: number | string }>(
  'select "version" from "partnership_version" where "id" = ?',
);

/** The current value of the counter. */
export async function readPartnershipVersion(db: Db): Promise<number> {
  const row = (await versionQuery(db, [1]))[0];
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
  const fresh: Cached = {
    version,
    policy: await loadAccessPolicy(db),
    agreements: new Map(),
    memo: new Map(),
  };
  if (!db.isTransaction) caches.set(db, fresh);
  return fresh;
}

/** How many values one version keeps under `memo` (keys can name sets of organisations). */
const MEMO_LIMIT = 4096;

/** Loads a value once into a map of promises; a failed load is not kept, so the next request tries again. */
function once<T>(map: Map<string, Promise<unknown>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = map.get(key) as Promise<T> | undefined;
  if (!value) {
    value = load();
    if (map.size >= MEMO_LIMIT) return value;
    value.catch(() => map.delete(key));
    map.set(key, value);
  }
  return value;
}

function snapshotOf(db: Db, cached: Cached): PartnershipFacts {
  let snapshot = snapshots.get(cached);
  if (!snapshot) {
    snapshot = {
      version: cached.version,
      policy: cached.policy,
      agreements: (today, load) =>
        once(cached.agreements as Map<string, Promise<unknown>>, today, () => load(db, today)),
      memo: (key, load) => once(cached.memo, key, () => load(db)),
    };
    snapshots.set(cached, snapshot);
  }
  return snapshot;
}

/** The partnership-wide facts as of now: one read of the counter. */
export async function partnershipFacts(db: Db): Promise<PartnershipFacts> {
  return snapshotOf(db, await current(db));
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
  return (await partnershipFacts(db)).agreements(today, load);
}
