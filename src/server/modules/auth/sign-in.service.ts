import type { Database } from '../../db/database.ts';
import { AppError, UnauthenticatedError } from '../../http/errors.ts';
import type { AuditWriter } from '../audit/audit-writer.ts';
import { findSignInAccount, insertSession } from './auth.repository.ts';
import { SESSION_HOURS } from './auth.ts';
import { UNUSABLE_HASH, verifyPassword } from './password.ts';
import { clearThrottle, readThrottle, recordFailures } from './sign-in-throttle.repository.ts';
import {
  accountKey,
  accountWaitSeconds,
  addressKey,
  addressWaitSeconds,
  windowStart,
} from './sign-in-throttle.ts';
import { hashSecret, newSecret } from './tokens.ts';

/** A new session: the token goes in the cookie, the CSRF token to the page. */
export interface NewSession {
  token: string;
  csrfToken: string;
  staffId: string;
  expiresAt: string;
}

const WRONG = 'The username or password is wrong.';

function throttled(seconds: number): AppError {
  return new AppError(
    'RATE_LIMITED',
    429,
    `Too many failed sign-ins. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`,
  );
}

/**
 * Checks a username and password and opens a session. Unknown users, wrong passwords and inactive
 * accounts get the same answer after the same work (a password hash check, then one transaction
 * counting the failure). Repeated failures slow a username down, known or not, but never lock it:
 * a colleague typing wrong passwords can delay an account by a minute at most, not shut it out.
 * Failures from one address are limited too; successes never count, so a team behind one address
 * is not held up by its own sign-ins.
 */
export async function signIn(
  database: Database,
  audit: AuditWriter,
  credentials: { username: string; password: string },
  client: { now: Date; requestId: string; address: string },
): Promise<NewSession> {
  const { db } = database;
  const { now, requestId } = client;
  const keys = { account: accountKey(credentials.username), address: addressKey(client.address) };
  const counts = await readThrottle(db, [keys.account, keys.address]);
  const wait = Math.max(
    accountWaitSeconds(counts.get(keys.account), now),
    addressWaitSeconds(counts.get(keys.address), now),
  );
  if (wait > 0) {
    // Refused before the password is checked, and not counted: waiting out the delay is enough.
    await audit.append(
      [{ action: 'auth.sign_in', outcome: 'failure', actor: null, reasons: ['SIGN_IN_THROTTLED'] }],
      now,
      requestId,
    );
    throw throttled(wait);
  }
  const staff = await findSignInAccount(db, credentials.username);
  const ok = await verifyPassword(credentials.password, staff?.password_hash ?? UNUSABLE_HASH);
  if (!staff || staff.password_hash === null || !ok || staff.active !== 1) {
    const reason =
      !staff || staff.password_hash === null
        ? 'UNKNOWN_ACCOUNT'
        : staff.active !== 1
          ? 'ACCOUNT_INACTIVE'
          : 'BAD_PASSWORD';
    // The attempted username is not recorded: a mistyped password can end up in that field.
    const actor =
      reason === 'UNKNOWN_ACCOUNT' || !staff ? null : { staffId: staff.id, organisationId: '', roles: [] };
    await db.transaction().execute(async (tx) => {
      await recordFailures(tx, [keys.account, keys.address], now.toISOString(), windowStart(now));
      await audit.appendInTransaction(
        tx,
        [{ action: 'auth.sign_in', outcome: 'failure', actor, reasons: [reason] }],
        now,
        requestId,
      );
    });
    throw new UnauthenticatedError(WRONG);
  }
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (tx) => {
    await clearThrottle(tx, keys.account);
    await insertSession(tx, {
      id: hashSecret(token),
      staffId: staff.id,
      csrfToken,
      now: now.toISOString(),
      expiresAt,
    });
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
