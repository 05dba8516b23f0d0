import type { DataCategory, Purpose, StaffRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import { systemTx } from '../../db/system-db.ts';
import { DEFAULT_TIER_POLICY, type RestrictedCategoryRule, type TierPolicy } from './access.ts';
import { findGrantStarts } from './break-glass.repository.ts';
import type { LoggedDecision } from './policy-replay.ts';

/** The partnership's access policy: tiers, restricted-category rules and the break-glass window. */
export interface AccessPolicy {
  version: number;
  tiers: TierPolicy;
  breakGlassMinutes: number;
  /** Break-glass grants one worker may open in 24 hours. */
  breakGlassDailyLimit: number;
}

/** Four hours: long enough for a crisis shift's response, short enough to close before the next. */
export const DEFAULT_BREAK_GLASS_MINUTES = 240;

/** Three grants a day: a busy crisis shift's worth; more is a pattern for the IG lead to look at first. */
export const DEFAULT_BREAK_GLASS_DAILY_LIMIT = 3;

/** The default policy, used until a partnership configures its own. */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  version: 0,
  tiers: DEFAULT_TIER_POLICY,
  breakGlassMinutes: DEFAULT_BREAK_GLASS_MINUTES,
  breakGlassDailyLimit: DEFAULT_BREAK_GLASS_DAILY_LIMIT,
};

/** Loads the configured policy, or the default when none is stored. One indexed read. */
export async function loadAccessPolicy(db: Db): Promise<AccessPolicy> {
  const row = await db.selectFrom('access_policy').selectAll().where('id', '=', 1).executeTakeFirst();
  if (!row) return DEFAULT_ACCESS_POLICY;
  return {
    version: row.version,
    tiers: {
      tiers: JSON.parse(row.tiers) as Record<StaffRole, DataCategory[]>,
      restricted: JSON.parse(row.restricted) as Partial<Record<DataCategory, RestrictedCategoryRule>>,
    },
    breakGlassMinutes: row.break_glass_minutes,
    breakGlassDailyLimit: row.break_glass_daily_limit,
  };
}

/** Stores a new policy version. */
export async function saveAccessPolicy(
  db: Db,
  policy: Omit<AccessPolicy, 'version'>,
  by: string,
  at: string,
): Promise<number> {
  const current = await db
    .selectFrom('access_policy')
    .select('version')
    .where('id', '=', 1)
    .executeTakeFirst();
  const version = (current?.version ?? 0) + 1;
  const values = {
    version,
    tiers: JSON.stringify(policy.tiers.tiers),
    restricted: JSON.stringify(policy.tiers.restricted),
    break_glass_minutes: policy.breakGlassMinutes,
    break_glass_daily_limit: policy.breakGlassDailyLimit,
    updated_by: by,
    updated_at: at,
  };
  if (current) await db.updateTable('access_policy').set(values).where('id', '=', 1).execute();
  else
    await db
      .insertInto('access_policy')
      .values({ id: 1, ...values })
      .execute();
  return version;
}

/**
 * Person-data decisions logged in a window, one row per entry with its categories, as the policy
 * replay reads them; break-glass permits carry their grant's start (read through the grants' repository).
 */
export async function findLoggedDecisions(db: Db, from: string, to: string): Promise<LoggedDecision[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select([
      'audit_entries.recorded_at',
      'audit_entries.action',
      'audit_entries.outcome',
      'audit_entries.actor_staff_id',
      'audit_entries.actor_org_id',
      'audit_entries.actor_roles',
      'audit_entries.person_id',
      'audit_entries.categories',
      'audit_entries.purpose',
      'audit_entries.reasons',
      'audit_entries.break_glass_grant_id',
    ])
    .where('audit_entries.outcome', 'in', ['permit', 'deny'])
    .where('audit_entries.person_id', 'is not', null)
    .where('audit_entries.actor_staff_id', 'is not', null)
    .where('audit_entries.categories', '<>', '')
    .where('audit_entries.recorded_at', '>=', from)
    .where('audit_entries.recorded_at', '<', to)
    .execute();
  const grantIds = [
    ...new Set(rows.flatMap((r) => (r.break_glass_grant_id ? [r.break_glass_grant_id] : []))),
  ];
  // Replaying a decision made under a grant needs when it began: times only, never a person.
  const starts = await findGrantStarts(systemTx(db, 'policy-replay'), grantIds);
  const split = (v: string): string[] => (v === '' ? [] : v.split(','));
  return rows.map((r) => ({
    recordedAt: r.recorded_at,
    outcome: r.outcome === 'permit' ? 'permit' : 'deny',
    actorStaffId: r.actor_staff_id ?? '',
    actorOrganisationId: r.actor_org_id ?? '',
    actorRoles: split(r.actor_roles) as StaffRole[],
    personId: r.person_id ?? '',
    categories: split(r.categories) as DataCategory[],
    purpose: (r.purpose ?? 'DIRECT_CARE') as Purpose,
    action: r.action.includes('edit') ? 'edit' : 'view',
    reasons: split(r.reasons),
    breakGlassGrantedAt: r.break_glass_grant_id ? (starts.get(r.break_glass_grant_id) ?? null) : null,
  }));
}

/** Denials of another organisation's data grouped by owner, recipient and reasons, in a window. */
export function countDenialsByRoute(
  db: Db,
  window: { from?: string | undefined; to?: string | undefined },
): Promise<{ owner_org_id: string | null; recipient_org_id: string | null; reasons: string; n: number }[]> {
  let q = db
    .selectFrom('audit_entries')
    .where('action', '=', 'record.access.deny')
    .where('owner_org_id', 'is not', null)
    .where('recipient_org_id', 'is not', null)
    .whereRef('owner_org_id', '<>', 'recipient_org_id');
  if (window.from) q = q.where('recorded_at', '>=', window.from);
  if (window.to) q = q.where('recorded_at', '<', window.to);
  return q
    .select(['owner_org_id', 'recipient_org_id', 'reasons', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['owner_org_id', 'recipient_org_id', 'reasons'])
    .execute();
}
