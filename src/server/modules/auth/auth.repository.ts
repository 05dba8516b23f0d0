import type { StaffRole } from '../../../contracts/enums.ts';
import type { Db, Tx } from '../../db/database.ts';
import { precompiled } from '../../db/precompiled.ts';
import type { Principal } from './auth.ts';

/** Loads everything a principal needs about a staff member; null when unknown. */
export async function loadPrincipal(
  db: Db,
  staffId: string,
  via: Principal['via'],
  session: { id: string; csrfToken: string } | null,
  today: string,
): Promise<Principal | null> {
  const staff = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  if (!staff) return null;
  const [roles, teams, training] = await Promise.all([
    db.selectFrom('staff_roles').select('role').where('staff_id', '=', staffId).execute(),
    db.selectFrom('staff_teams').select('team_id').where('staff_id', '=', staffId).execute(),
    db
      .selectFrom('training_records')
      .select(['kind', 'expires_on'])
      .where('staff_id', '=', staffId)
      .execute(),
  ]);
  const ig = training.filter((t) => t.kind === 'IG_ANNUAL').map((t) => t.expires_on);
  const safeguarding = training.some((t) => t.kind === 'SAFEGUARDING_ADULTS' && t.expires_on >= today);
  return {
    staffId: staff.id,
    organisationId: staff.organisation_id,
    username: staff.username,
    displayName: staff.display_name,
    roles: roles.map((r) => r.role as StaffRole),
    teamIds: teams.map((t) => t.team_id),
    active: staff.active === 1,
    igTrainingExpiresOn: ig.length > 0 ? (ig.sort().at(-1) ?? null) : null,
    safeguardingTrained: safeguarding,
    via,
    sessionId: session?.id ?? null,
    csrfToken: session?.csrfToken ?? null,
  };
}

/** What sign-in needs of the account holding a username; undefined when none does. */
export async function findSignInAccount(
  db: Db,
  username: string,
): Promise<{ id: string; password_hash: string | null; active: number } | undefined> {
  return db
    .selectFrom('staff')
    .select(['id', 'password_hash', 'active'])
    .where('username', '=', username.toLowerCase())
    .executeTakeFirst();
}

/** Stores a new session (by the hash of its token). */
export async function insertSession(
  tx: Tx,
  session: { id: string; staffId: string; csrfToken: string; now: string; expiresAt: string },
): Promise<void> {
  await tx
    .insertInto('sessions')
    .values({
      id: session.id,
      staff_id: session.staffId,
      csrf_token: session.csrfToken,
      created_at: session.now,
      expires_at: session.expiresAt,
      last_seen_at: session.now,
    })
    .execute();
}

/** A session by the hash of its token. */
export async function findSession(
  db: Db,
  id: string,
): Promise<
  | { id: string; staff_id: string; csrf_token: string; expires_at: string; last_seen_at: string | null }
  | undefined
> {
  return db
    .selectFrom('sessions')
    .select(['id', 'staff_id', 'csrf_token', 'expires_at', 'last_seen_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A session as every request reads it, with the partnership version counter read in the same statement. */
export interface SessionWithVersion {
  id: string;
  staff_id: string;
  csrf_token: string;
  expires_at: string;
  last_seen_at: string | null;
  /** The partnership version counter (policy, agreements and the directory: migrations 0009, 0013). */
  partnership_version: number;
}

const sessionWithVersionQuery = precompiled<SessionWithVersion>(
  `select "se"."id", "se"."staff_id", "se"."csrf_token", "se"."expires_at", "se"."last_seen_at",
     (select "pv"."version" from "partnership_version" as "pv" where "pv"."id" = 1) as "partnership_version"
   from "sessions" as "se" where "se"."id" = ?`,
);

/**
 * A session by the hash of its token and the partnership version, in one precompiled statement: what
 * a signed-in request reads before the caller's principal, which is kept per session and version.
 */
export async function findSessionWithVersion(db: Db, id: string): Promise<SessionWithVersion | undefined> {
  const row = (await sessionWithVersionQuery(db, [id]))[0];
  return row ? { ...row, partnership_version: Number(row.partnership_version ?? 0) } : undefined;
}

/** Records that a session answered a request. */
export async function touchSession(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

/** Ends a session. */
export async function deleteSession(db: Db | Tx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Whether the account is registered as a system account (an integration, not a person). */
export async function isSystemAccount(db: Db | Tx, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('system_accounts')
    .select('staff_id')
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Registers an account as a system account. */
export async function insertSystemAccount(tx: Tx, staffId: string, now: string): Promise<void> {
  await tx.insertInto('system_accounts').values({ staff_id: staffId, created_at: now }).execute();
}

/** An account by username with what token issue needs: whether it has a password, whether it is a system account. */
export async function findTokenAccount(
  db: Db,
  username: string,
): Promise<{ id: string; hasPassword: boolean; system: boolean } | undefined> {
  const row = await db
    .selectFrom('staff')
    .leftJoin('system_accounts', 'system_accounts.staff_id', 'staff.id')
    .select(['staff.id', 'staff.password_hash', 'system_accounts.staff_id as system_id'])
    .where('staff.username', '=', username.toLowerCase())
    .executeTakeFirst();
  return row
    ? { id: row.id, hasPassword: row.password_hash !== null, system: row.system_id !== null }
    : undefined;
}

/** The live token row behind a token hash, with whether its account is a system account. */
export async function findApiToken(
  db: Db,
  tokenHash: string,
): Promise<
  { staff_id: string; expires_at: string | null; revoked_at: string | null; system: boolean } | undefined
> {
  const row = await db
    .selectFrom('api_tokens')
    .leftJoin('system_accounts', 'system_accounts.staff_id', 'api_tokens.staff_id')
    .select([
      'api_tokens.staff_id',
      'api_tokens.expires_at',
      'api_tokens.revoked_at',
      'system_accounts.staff_id as system_id',
    ])
    .where('api_tokens.token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row
    ? {
        staff_id: row.staff_id,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
        system: row.system_id !== null,
      }
    : undefined;
}

const apiTokenWithVersionQuery = precompiled<{
  staff_id: string;
  expires_at: string | null;
  revoked_at: string | null;
  system_id: string | null;
  partnership_version: number | null;
}>(
  `select "t"."staff_id", "t"."expires_at", "t"."revoked_at", "sa"."staff_id" as "system_id",
     (select "pv"."version" from "partnership_version" as "pv" where "pv"."id" = 1) as "partnership_version"
   from "api_tokens" as "t"
   left join "system_accounts" as "sa" on "sa"."staff_id" = "t"."staff_id"
   where "t"."token_hash" = ?`,
);

/** `findApiToken` with the partnership version counter read in the same precompiled statement. */
export async function findApiTokenWithVersion(
  db: Db,
  tokenHash: string,
): Promise<
  | {
      staff_id: string;
      expires_at: string | null;
      revoked_at: string | null;
      system: boolean;
      partnership_version: number;
    }
  | undefined
> {
  const row = (await apiTokenWithVersionQuery(db, [tokenHash]))[0];
  return row
    ? {
        staff_id: row.staff_id,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
        system: row.system_id !== null,
        partnership_version: Number(row.partnership_version ?? 0),
      }
    : undefined;
}

/** Stores an API token (its hash only). */
export async function insertApiToken(
  tx: Tx,
  token: { id: string; staffId: string; name: string; tokenHash: string; now: string; expiresAt: string },
): Promise<void> {
  await tx
    .insertInto('api_tokens')
    .values({
      id: token.id,
      staff_id: token.staffId,
      name: token.name,
      token_hash: token.tokenHash,
      created_at: token.now,
      expires_at: token.expiresAt,
      revoked_at: null,
    })
    .execute();
}
