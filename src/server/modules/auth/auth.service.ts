import type { Database } from '../../db/database.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { deleteSession, findApiToken, findSession, loadPrincipal, touchSession } from './auth.repository.ts';
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
  const session = await findSession(database.db, hashSecret(token));
  if (!session || session.expires_at <= now.toISOString()) return null;
  const lastSeen = session.last_seen_at ? Date.parse(session.last_seen_at) : 0;
  if (now.getTime() - lastSeen > idleMinutes * 60_000) {
    await deleteSession(database.db, session.id);
    return null;
  }
  const principal = await loadPrincipal(
    database.db,
    session.staff_id,
    'session',
    { id: session.id, csrfToken: session.csrf_token },
    today(now),
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
  const row = await findApiToken(database.db, hashSecret(token));
  if (!row?.system || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return null;
  const principal = await loadPrincipal(database.db, row.staff_id, 'token', null, today(now));
  return principal?.active ? principal : null;
}
