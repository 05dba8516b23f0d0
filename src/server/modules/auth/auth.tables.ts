/** Row shapes of the authentication tables. */

export interface SessionRow {
  /** SHA-256 of the session token; the token itself is only ever in the cookie. */
  id: string;
  staff_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
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

/** Authentication tables by name. */
export interface AuthTables {
  sessions: SessionRow;
  api_tokens: ApiTokenRow;
}
