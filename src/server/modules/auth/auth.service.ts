import type { Database } from '../../db/database.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import {
  deleteSession,
  findApiTokenWithVersion,
  findSessionWithVersion,
  loadPrincipal,
  touchSession,
} from './auth.repository.ts';
import type { Principal } from './auth.ts';
import { API_TOKEN_PREFIX, hashSecret } from './tokens.ts';

const today = (now: Date): string => now.toISOString().slice(0, 10);
// A session's last use is written at most this often: every request writing it would cost more than it tells.
const TOUCH_EVERY_MS = 60_000;

/** Ends a session. */
export async function signOut(
  database: Database,
  audit: AuditWriter,
  principal: Principal,
  now: Date,
  requestId: string,
): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    if (principal.sessionId) await deleteSession(tx, principal.sessionId);
    await audit.appendInTransaction(
      tx,
      [
        {
          action: 'auth.sign_out',
          outcome: 'success',
          actor: {
            staffId: principal.staffId,
            organisationId: principal.organisationId,
            roles: principal.roles,
          },
        },
      ],
      now,
      requestId,
    );
  });
}

/** A principal kept for a session or token: valid while the partnership version and the day are the same. */
interface KeptPrincipal {
  readonly version: number;
  readonly today: string;
  readonly staffId: string;
  readonly csrfToken: string | null;
  readonly principal: Principal | null;
}

/** How many sessions' and tokens' principals a process keeps per database (least recently used out first). */
const KEPT_PRINCIPALS = 10_000;
const keptByDatabase = new WeakMap<object, Map<string, KeptPrincipal>>();

/**
 * The principal of a session or token, kept between requests behind the partnership version
 * counter: every change to staff, their roles, teams or training, or to organisations and teams,
 * bumps the counter in its own transaction (migration 0013), and the counter is read with the
 * session or token in one statement on every request, so such a change applies to the very next
 * request on every process. The day is part of the key: safeguarding training is current or not
 * by the day. `key` is the stored hash of the session or token, never the secret itself.
 */
async function keptPrincipal(
  database: Database,
  key: string,
  seen: { version: number; staffId: string; csrfToken: string | null },
  day: string,
  load: () => Promise<Principal | null>,
): Promise<Principal | null> {
  let kept = keptByDatabase.get(database.db);
  if (!kept) {
    kept = new Map();
    keptByDatabase.set(database.db, kept);
  }
  const hit = kept.get(key);
  kept.delete(key);
  if (
    hit &&
    hit.version === seen.version &&
    hit.today === day &&
    hit.staffId === seen.staffId &&
    hit.csrfToken === seen.csrfToken
  ) {
    kept.set(key, hit);
    return hit.principal;
  }
  const principal = await load();
  kept.set(key, { ...seen, today: day, principal });
  if (kept.size > KEPT_PRINCIPALS) {
    const oldest = kept.keys().next().value;
    if (oldest !== undefined) kept.delete(oldest);
  }
  return principal;
}

/**
 * The principal behind a session cookie, or null when it is unknown, expired, idle for longer than
 * `idleMinutes`, or the account is inactive. An idle session is deleted, so it cannot come back.
 */
export async function principalForSession(
  database: Database,
  token: string,
  now: Date,
  idleMinutes: number,
): Promise<Principal | null> {
  const session = await findSessionWithVersion(database.db, hashSecret(token));
  if (!session || session.expires_at <= now.toISOString()) return null;
  const lastSeen = session.last_seen_at ? Date.parse(session.last_seen_at) : 0;
  if (now.getTime() - lastSeen > idleMinutes * 60_000) {
    await deleteSession(database.db, session.id);
    return null;
  }
  const day = today(now);
  const principal = await keptPrincipal(
    database,
    session.id,
    { version: session.partnership_version, staffId: session.staff_id, csrfToken: session.csrf_token },
    day,
    () =>
      loadPrincipal(
        database.db,
        session.staff_id,
        'session',
        { id: session.id, csrfToken: session.csrf_token },
        day,
      ),
  );
  if (!principal?.active) return null;
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS)
    await touchSession(database.db, session.id, now.toISOString());
  return principal;
}

/** The principal behind an API token, or null when unknown, revoked, expired, inactive or not a system account. */
export async function principalForToken(
  database: Database,
  token: string,
  now: Date,
): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const tokenHash = hashSecret(token);
  const row = await findApiTokenWithVersion(database.db, tokenHash);
  if (!row?.system || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return null;
  const day = today(now);
  const principal = await keptPrincipal(
    database,
    `token:${tokenHash}`,
    { version: row.partnership_version, staffId: row.staff_id, csrfToken: null },
    day,
    () => loadPrincipal(database.db, row.staff_id, 'token', null, day),
  );
  return principal?.active ? principal : null;
}
