/** Row shapes of the authentication tables. */

export interface SessionRow {
  /** SHA-256 of the session token; the token itself is only ever in the cookie. */
  id: string;
  staff_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  /** When the session last answered a request (refreshed at most once a minute); null before 0010. */
  last_seen_at: string | null;
}

export interface ApiTokenRow {
  id: string;
  staff_id: string;
  name: string;
  token_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
}

/** An account that is a system client (an integration), not a person: only these hold API tokens. */
export interface SystemAccountRow {
  staff_id: string;
  created_at: string;
}

/**
 * Failed sign-ins counted per key (`account:` a hash of the username, known or not; `address:` the
 * client address), in the database so every process sharing it counts together.
 */
export interface SignInThrottleRow {
  key: string;
  failures: number;
  first_failure_at: string;
  last_failure_at: string;
}

/** Authentication tables by name. */
export interface AuthTables {
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
  system_accounts: SystemAccountRow;
  sign_in_throttle: SignInThrottleRow;
}
