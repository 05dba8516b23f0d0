import type { Database } from '../../db/database.ts';
import { AppError, UnauthenticatedError } from '../../http/errors.ts';
import { AuditWriter } from '../audit/audit-writer.ts';
import { loadPrincipal } from './auth.repository.ts';
import { LOCKOUT_MINUTES, LOCKOUT_THRESHOLD, type Principal, SESSION_HOURS } from './auth.ts';
import { UNUSABLE_HASH, verifyPassword } from './password.ts';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './tokens.ts';

/** A new session: the token goes in the cookie, the CSRF token to the page. */
export interface NewSession {
  token: string;
  csrfToken: string;
  staffId: string;
  expiresAt: string;
}

const today = (now: Date): string => now.toISOString().slice(0, 10);

/**
 * Checks a username and password and opens a session. Unknown users, wrong passwords and
 * inactive accounts get the same answer; locked accounts are told they are locked.
 */
export async function signIn(
  database: Database,
  audit: AuditWriter,
  credentials: { username: string; password: string },
  now: Date,
  requestId: string,
): Promise<NewSession> {
  const { db } = database;
  const { username, password } = credentials;
  // The attempted username is not recorded: a mistyped password can end up in that field.
  const failed = (staffId: string | null, reason: string) =>
    audit.append(
      [
        {
          action: 'auth.sign_in',
          outcome: 'failure',
          actor: staffId ? { staffId, organisationId: '', roles: [] } : null,
          reasons: [reason],
        },
      ],
      now,
      requestId,
    );
  const staff = await db
    .selectFrom('staff')
    .select(['id', 'password_hash', 'active', 'failed_logins', 'locked_until'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(password, staff?.password_hash ?? UNUSABLE_HASH);
  if (!staff || staff.password_hash === null) {
    await failed(staff?.id ?? null, 'UNKNOWN_ACCOUNT');
    throw new UnauthenticatedError('The username or password is wrong.');
  }
  if (staff.locked_until && staff.locked_until > now.toISOString()) {
    await failed(staff.id, 'ACCOUNT_LOCKED');
    throw new AppError(
      'ACCOUNT_LOCKED',
      423,
      `This account is locked after repeated failed sign-ins. Try again after ${LOCKOUT_MINUTES} minutes or ask an administrator.`,
    );
  }
  if (!ok || staff.active !== 1) {
    const failures = staff.failed_logins + 1;
    const lockedUntil =
      failures >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    const reason =
      staff.active !== 1 ? 'ACCOUNT_INACTIVE' : lockedUntil ? 'BAD_PASSWORD_LOCKED' : 'BAD_PASSWORD';
    // The failure count and its audit entry commit together: a lockout always has its evidence.
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('staff')
        .set({ failed_logins: lockedUntil ? 0 : failures, locked_until: lockedUntil })
        .where('id', '=', staff.id)
        .execute();
      await audit.appendInTransaction(
        tx,
        [
          {
            action: 'auth.sign_in',
            outcome: 'failure',
            actor: { staffId: staff.id, organisationId: '', roles: [] },
            reasons: [reason],
          },
        ],
        now,
        requestId,
      );
    });
    throw new UnauthenticatedError('The username or password is wrong.');
  }
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('staff')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', staff.id)
      .execute();
    await tx
      .insertInto('sessions')
      .values({
        id: hashSecret(token),
        staff_id: staff.id,
        csrf_token: csrfToken,
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .execute();
    await audit.appendInTransaction(
      tx,
      [
        {
          action: 'auth.sign_in',
          outcome: 'success',
          actor: { staffId: staff.id, organisationId: '', roles: [] },
        },
      ],
      now,
      requestId,
    );
  });
  return { token, csrfToken, staffId: staff.id, expiresAt };
}

/** Ends a session. */
export async function signOut(
  database: Database,
  audit: AuditWriter,
  principal: Principal,
  now: Date,
  requestId: string,
): Promise<void> {
  await database.db.transaction().execute(async (tx) => {
    if (principal.sessionId) await tx.deleteFrom('sessions').where('id', '=', principal.sessionId).execute();
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

/** The principal behind a session cookie, or null when it is unknown, expired or the account is inactive. */
export async function principalForSession(
  database: Database,
  token: string,
  now: Date,
): Promise<Principal | null> {
  const session = await database.db
    .selectFrom('sessions')
    .select(['id', 'staff_id', 'csrf_token', 'expires_at'])
    .where('id', '=', hashSecret(token))
    .executeTakeFirst();
  if (!session || session.expires_at <= now.toISOString()) return null;
  const principal = await loadPrincipal(
    database.db,
    session.staff_id,
    'session',
    { id: session.id, csrfToken: session.csrf_token },
    today(now),
  );
  return principal?.active ? principal : null;
}

/** The principal behind an API token, or null when unknown, revoked, expired or inactive. */
export async function principalForToken(
  database: Database,
  token: string,
  now: Date,
): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await database.db
    .selectFrom('api_tokens')
    .select(['staff_id', 'expires_at', 'revoked_at'])
    .where('token_hash', '=', hashSecret(token))
    .executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return null;
  const principal = await loadPrincipal(database.db, row.staff_id, 'token', null, today(now));
  return principal?.active ? principal : null;
}

/** Creates an API token for a (system) account; returns the secret once, stores only its hash. */
export async function createApiToken(
  database: Database,
  input: { staffId: string; name: string; expiresAt: string | null },
  now: Date,
  audit: AuditWriter = new AuditWriter(database),
): Promise<{ id: string; token: string }> {
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const id = crypto.randomUUID();
  await database.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('api_tokens')
      .values({
        id,
        staff_id: input.staffId,
        name: input.name,
        token_hash: hashSecret(token),
        created_at: now.toISOString(),
        expires_at: input.expiresAt,
        revoked_at: null,
      })
      .execute();
    await audit.appendInTransaction(
      tx,
      [
        {
          action: 'api_token.create',
          outcome: 'success',
          target: { type: 'api_token', id },
          details: { staffId: input.staffId, expires: input.expiresAt !== null },
        },
      ],
      now,
      null,
    );
  });
  return { id, token };
}
