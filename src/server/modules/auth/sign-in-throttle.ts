import { hashSecret } from './tokens.ts';

/** Failures are forgotten once a key has had none for this long. */
export const THROTTLE_WINDOW_MINUTES = 15;
/** Failed sign-ins for one username before each further attempt must wait. */
export const FREE_ACCOUNT_FAILURES = 3;
/** The longest wait between attempts for one username: an attack delays a colleague, never locks them out. */
export const MAX_ACCOUNT_DELAY_SECONDS = 60;
/** Failed sign-ins from one client address in the window before it must wait for the window to pass. */
export const ADDRESS_FAILURE_LIMIT = 30;

/** What is stored for a key: how many failures, since when, the latest. */
export interface ThrottleState {
  readonly failures: number;
  readonly firstFailureAt: string;
  readonly lastFailureAt: string;
}

/**
 * The key of a username, whether or not an account has it, so an unknown name is throttled exactly as
 * a real one. Hashed: a password typed into the username field must not be stored.
 */
export function accountKey(username: string): string {
  return `account:${hashSecret(username.trim().toLowerCase())}`;
}

/** The key of a client address (as resolved through the trusted proxy, if one is configured). */
export function addressKey(address: string): string {
  return `address:${address}`;
}

/** The earliest failure still counted at `now`. */
export function windowStart(now: Date): string {
  return new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
}

const live = (state: ThrottleState | undefined, now: Date): ThrottleState | undefined =>
  state && state.lastFailureAt >= windowStart(now) ? state : undefined;

/** Seconds a username must still wait before its next attempt is checked; 0 when it may try now. */
export function accountWaitSeconds(state: ThrottleState | undefined, now: Date): number {
  const current = live(state, now);
  if (!current || current.failures < FREE_ACCOUNT_FAILURES) return 0;
  const delay = Math.min(2 ** (current.failures - FREE_ACCOUNT_FAILURES), MAX_ACCOUNT_DELAY_SECONDS);
  const until = Date.parse(current.lastFailureAt) + delay * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * Whether a username's recent failures are slowing its sign-ins: what an administrator sees as
 * "locked" and can clear.
 */
export function accountSlowed(state: ThrottleState | undefined, now: Date): boolean {
  const current = live(state, now);
  return current !== undefined && current.failures >= FREE_ACCOUNT_FAILURES;
}

/** Seconds an address must still wait (its window to pass) once it has used its failures; 0 otherwise. */
export function addressWaitSeconds(state: ThrottleState | undefined, now: Date): number {
  const current = live(state, now);
  if (!current || current.failures < ADDRESS_FAILURE_LIMIT) return 0;
  const until = Date.parse(current.lastFailureAt) + THROTTLE_WINDOW_MINUTES * 60_000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}
