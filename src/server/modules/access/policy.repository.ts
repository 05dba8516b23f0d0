import type { DataCategory, StaffRole } from '../../../contracts/enums.ts';
import type { Db } from '../../db/database.ts';
import { DEFAULT_TIER_POLICY, type RestrictedCategoryRule, type TierPolicy } from './access.ts';

/** The partnership's access policy: tiers, restricted-category rules and the break-glass window. */
export interface AccessPolicy {
  version: number;
  tiers: TierPolicy;
  breakGlassMinutes: number;
}

/** Four hours: long enough for a crisis shift's response, short enough to close before the next. */
export const DEFAULT_BREAK_GLASS_MINUTES = 240;

/** The default policy, used until a partnership configures its own. */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  version: 0,
  tiers: DEFAULT_TIER_POLICY,
  breakGlassMinutes: DEFAULT_BREAK_GLASS_MINUTES,
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
