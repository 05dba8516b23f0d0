import type { z } from 'zod';
import type {
  accessPolicySchema,
  PolicyPreview,
  tierPolicySchema,
  unableToShareSchema,
} from '../../../contracts/access.ts';
import type { DataCategory, StaffRole } from '../../../contracts/enums.ts';
import type { Db, Tx } from '../../db/database.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import type { RestrictedCategoryRule } from './access.ts';
import { changeActorOf, changeWithAuthority } from './authority.service.ts';
import { decideChange } from './authority-decide.ts';
import { bumpPartnershipVersion } from './partnership-facts.ts';
import {
  type AccessPolicy,
  countDenialsByRoute,
  findLoggedDecisions,
  loadAccessPolicy,
  saveAccessPolicy,
} from './policy.repository.ts';
import { replayDecisions } from './policy-replay.ts';
import { settingsParties } from './settings-parties.ts';

type PolicyDto = z.infer<typeof accessPolicySchema>;
/** A tier policy as submitted. */
export type TierPolicyInput = z.infer<typeof tierPolicySchema>;

const REPLAY_DAYS = 30;

/** The tier policy in force, with what the caller may do about it. */
export async function getAccessPolicy(ctx: ServiceContext): Promise<PolicyDto> {
  const { db } = ctx.database;
  const [policy, actor, parties] = await Promise.all([
    loadAccessPolicy(db),
    changeActorOf(ctx, db),
    settingsParties(db, ctx.now),
  ]);
  return {
    version: policy.version,
    tiers: policy.tiers.tiers as PolicyDto['tiers'],
    restricted: policy.tiers.restricted as PolicyDto['restricted'],
    breakGlassMinutes: policy.breakGlassMinutes,
    breakGlassDailyLimit: policy.breakGlassDailyLimit,
    can: {
      change: decideChange({ kind: 'settings.change', actor, setting: 'access_policy' }).effect === 'permit',
      propose:
        decideChange({ kind: 'settings.propose', actor, parties, approvedBy: [], open: true }).effect ===
        'permit',
    },
  };
}

/** The stored form of a submitted policy. */
export function policyOf(input: TierPolicyInput): Omit<AccessPolicy, 'version'> {
  return {
    tiers: {
      tiers: input.tiers as Record<StaffRole, DataCategory[]>,
      restricted: input.restricted as Partial<Record<DataCategory, RestrictedCategoryRule>>,
    },
    breakGlassMinutes: input.breakGlassMinutes,
    breakGlassDailyLimit: input.breakGlassDailyLimit,
  };
}

/** Replays the last 30 days' logged decisions under the proposed policy (see policy-replay.ts for the approximation). */
export async function previewPolicy(db: Db, now: Date, input: TierPolicyInput): Promise<PolicyPreview> {
  const to = now.toISOString();
  const from = new Date(now.getTime() - REPLAY_DAYS * 86_400_000).toISOString();
  const [current, logged] = await Promise.all([loadAccessPolicy(db), findLoggedDecisions(db, from, to)]);
  const next = policyOf(input);
  return {
    from,
    to,
    ...replayDecisions(logged, current, { tiers: next.tiers, breakGlassMinutes: next.breakGlassMinutes }),
  };
}

/** What a proposed policy would have changed; for anyone who may change or propose it. */
export async function previewAccessPolicy(
  ctx: ServiceContext,
  input: TierPolicyInput,
): Promise<PolicyPreview> {
  return previewPolicy(ctx.database.db, ctx.now, input);
}

/** Saves a policy version with its audit entry, which records the replayed effect it was saved with. */
export async function savePolicyVersion(
  ctx: ServiceContext,
  tx: Tx,
  input: TierPolicyInput,
  via: { proposalId: string } | null,
): Promise<void> {
  const preview = await previewPolicy(tx, ctx.now, input);
  const version = await saveAccessPolicy(tx, policyOf(input), ctx.principal.staffId, ctx.now.toISOString());
  // Every process re-reads partnership-wide facts at its next decision.
  await bumpPartnershipVersion(tx);
  await auditChange(
    ctx,
    tx,
    'access.policy.update',
    { type: 'access_policy', id: String(version) },
    {
      details: {
        version,
        replayedDecisions: preview.decisions,
        changedDecisions: preview.changed,
        ...(via ? { proposalId: via.proposalId } : {}),
      },
    },
  );
}

/** Replaces the tier policy; only the partnership governance lead. Takes effect on the very next decision. */
export async function updateAccessPolicy(ctx: ServiceContext, input: TierPolicyInput): Promise<PolicyDto> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    authorize(
      { kind: 'settings.change', actor: await changeActorOf(ctx, tx), setting: 'access_policy' },
      { action: 'access.policy.update', target: { type: 'access_policy', id: 'current' } },
    );
    await savePolicyVersion(ctx, tx, input, null);
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
  const rows = await countDenialsByRoute(ctx.database.db, window);
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
