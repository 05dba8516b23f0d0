import type { DatabaseHandle, Db, FullDb } from './database.ts';

/**
 * Why code outside a request reaches person-level tables without an access decision. Each is a
 * job with no caller to decide for: loading the demo partnership, background jobs that raise work
 * for people (their output is itself read through the door), and the command line's
 * administrative commands.
 */
export type SystemReason =
  | 'demo-loader'
  | 'background-job'
  | 'anomaly-detection'
  | 'access-review-generation'
  | 'consent-review-timer'
  | 'cli-administration'
  | 'policy-replay'
  | 'sharing-audit-checks';

declare const systemBrand: unique symbol;

/** The unrestricted handle, carrying the reason it was taken. */
export interface SystemAccess {
  readonly [systemBrand]: true;
  readonly db: FullDb;
  readonly reason: SystemReason;
}

/** The one name for unrestricted access to person-level tables; every use states why. */
export function systemDb(database: DatabaseHandle, reason: SystemReason): SystemAccess {
  return { db: database.db as unknown as FullDb, reason } as SystemAccess;
}

/** The same, inside a transaction already open on the unrestricted handle. */
export function systemTx(tx: Db | FullDb, reason: SystemReason): SystemAccess {
  return { db: tx as unknown as FullDb, reason } as SystemAccess;
}
