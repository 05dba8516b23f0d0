import type { z } from 'zod';
import type { accessPolicySchema, tierPolicySchema, unableToShareSchema } from '../../../contracts/access.ts';
import type { DataCategory, StaffRole } from '../../../contracts/enums.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { UNABLE_TO_SHARE_ACTIONS } from '../audit/audit-actions.ts';
import type { RestrictedCategoryRule } from './access.ts';
import { bumpPartnershipVersion } from './partnership-facts.ts';
import { loadAccessPolicy, saveAccessPolicy } from './policy.repository.ts';

type PolicyDto = z.infer<typeof accessPolicySchema>;

/** The tier policy in force. */
export async function getAccessPolicy(ctx: ServiceContext): Promise<PolicyDto> {
  const policy = await loadAccessPolicy(ctx.database.db);
  return {
    version: policy.version,
    tiers: policy.tiers.tiers as PolicyDto['tiers'],
    restricted: policy.tiers.restricted as PolicyDto['restricted'],
    breakGlassMinutes: policy.breakGlassMinutes,
  };
}

/** Replaces the tier policy; takes effect on the very next decision. */
export async function updateAccessPolicy(
  ctx: ServiceContext,
  input: z.infer<typeof tierPolicySchema>,
): Promise<PolicyDto> {
  await ctx.database.db.transaction().execute(async (tx) => {
    const version = await saveAccessPolicy(
      tx,
      {
        tiers: {
          tiers: input.tiers as Record<StaffRole, DataCategory[]>,
          restricted: input.restricted as Partial<Record<DataCategory, RestrictedCategoryRule>>,
        },
        breakGlassMinutes: input.breakGlassMinutes,
      },
      ctx.principal.staffId,
      ctx.now.toISOString(),
    );
    // Every process re-reads partnership-wide facts at its next decision.
    await bumpPartnershipVersion(tx);
    await auditChange(
      ctx,
      tx,
      'access.policy.update',
      { type: 'access_policy', id: String(version) },
      { details: { version } },
    );
  });
  return getAccessPolicy(ctx);
}

/**
 * "Unable to share" events: denials of another organisation's data, counted by owner, recipient and
 * reason, straight from the audit log (no separate tally to drift).
 */
export async function unableToShare(
  ctx: ServiceContext,
  window: { from?: string | undefined; to?: string | undefined },
): Promise<z.infer<typeof unableToShareSchema>> {
  let q = ctx.database.db
    .selectFrom('audit_entries')
    .where('action', 'in', [...UNABLE_TO_SHARE_ACTIONS])
    .where('owner_org_id', 'is not', null)
    .where('recipient_org_id', 'is not', null)
    .whereRef('owner_org_id', '<>', 'recipient_org_id');
  if (window.from) q = q.where('recorded_at', '>=', window.from);
  if (window.to) q = q.where('recorded_at', '<', window.to);
  const rows = await q
    .select(['owner_org_id', 'recipient_org_id', 'reasons', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['owner_org_id', 'recipient_org_id', 'reasons'])
    .execute();
  const counts = new Map<
    string,
    { ownerOrganisationId: string; recipientOrganisationId: string; reason: string; count: number }
  >();
  let total = 0;
  for (const row of rows) {
    const n = Number(row.n);
    total += n;
    for (const reason of row.reasons.split(',').filter((r) => r !== '')) {
      const key = `${row.owner_org_id}|${row.recipient_org_id}|${reason}`;
      const entry = counts.get(key) ?? {
        ownerOrganisationId: row.owner_org_id ?? '',
        recipientOrganisationId: row.recipient_org_id ?? '',
        reason,
        count: 0,
      };
      entry.count += n;
      counts.set(key, entry);
    }
  }
  return { total, rows: [...counts.values()].sort((a, b) => b.count - a.count) };
}
