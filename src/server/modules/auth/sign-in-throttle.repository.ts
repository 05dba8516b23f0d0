import type { Db, Tx } from '../../db/database.ts';
import type { ThrottleState } from './sign-in-throttle.ts';

/** The stored failure counts of the keys, by key. */
export async function readThrottle(db: Db, keys: readonly string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db.selectFrom('sign_in_throttle').selectAll().where('key', 'in', keys).execute();
  return new Map(
    rows.map((r) => [
      r.key,
      { failures: r.failures, firstFailureAt: r.first_failure_at, lastFailureAt: r.last_failure_at },
    ]),
  );
}

/**
 * Counts one failure for each key in one statement per key (an upsert), so processes sharing a
 * PostgreSQL database count together; a count whose last failure left the window starts again.
 */
export async function recordFailures(
  tx: Tx,
  keys: readonly string[],
  now: string,
  windowStart: string,
): Promise<void> {
  for (const key of keys) {
    await tx
      .insertInto('sign_in_throttle')
      .values({ key, failures: 1, first_failure_at: now, last_failure_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => ({
          failures: eb
            .case()
            .when('sign_in_throttle.last_failure_at', '<', windowStart)
            .then(1)
            .else(eb('sign_in_throttle.failures', '+', 1))
            .end(),
          first_failure_at: eb
            .case()
            .when('sign_in_throttle.last_failure_at', '<', windowStart)
            .then(now)
            .else(eb.ref('sign_in_throttle.first_failure_at'))
            .end(),
          last_failure_at: now,
        })),
      )
      .execute();
  }
  // Counts past the window mean nothing; clearing them here keeps the table the size of current attacks.
  await tx.deleteFrom('sign_in_throttle').where('last_failure_at', '<', windowStart).execute();
}

/** Forgets a key's failures (a username after a successful sign-in, or an administrator's unlock). */
export async function clearThrottle(tx: Tx | Db, key: string): Promise<void> {
  await tx.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
}
