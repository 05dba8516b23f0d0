import {
  ANOMALY_RULES,
  type AnomalyRule,
  type AnomalySetting,
  type AnomalySettingsUpdate,
} from '../../../contracts/assurance.ts';
import type { Tx } from '../../db/database.ts';
import { ForbiddenError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { changeActorOf, changeWithAuthority } from '../access/authority.service.ts';
import { hasAnyRole } from '../auth/auth.ts';
import { type AnomalySettings, loadSettings, saveSetting } from './anomaly.repository.ts';

function present(settings: AnomalySettings): AnomalySetting[] {
  const one = <R extends AnomalyRule>(rule: R) => {
    const s = settings[rule];
    return {
      rule,
      enabled: s.enabled,
      thresholds: s.thresholds,
      updatedBy: s.updatedBy,
      updatedAt: s.updatedAt,
    };
  };
  return ANOMALY_RULES.map((rule) => one(rule) as AnomalySetting);
}

/** Every rule's settings. */
export async function getAnomalySettings(ctx: ServiceContext): Promise<AnomalySetting[]> {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) throw new ForbiddenError();
  return present(await loadSettings(ctx.database.db));
}

/**
 * Saves the named rules' settings in the caller's transaction, each audited with its new values:
 * thresholds decide what gets investigated, so who moved them matters.
 */
export async function saveAnomalySettings(
  ctx: ServiceContext,
  tx: Tx,
  input: AnomalySettingsUpdate,
  via: { proposalId: string } | null,
): Promise<void> {
  const at = ctx.now.toISOString();
  for (const rule of ANOMALY_RULES) {
    const change = input[rule];
    if (!change) continue;
    await saveSetting(tx, rule, change.enabled, change.thresholds, ctx.principal.staffId, at);
    await auditChange(
      ctx,
      tx,
      'anomaly.settings.update',
      { type: 'anomaly_rule', id: rule },
      {
        details: {
          enabled: change.enabled,
          thresholds: JSON.stringify(change.thresholds),
          ...(via ? { proposalId: via.proposalId } : {}),
        },
      },
    );
  }
}

/**
 * Changes the named rules' settings (already validated against each rule's schema). Anomaly rules
 * are partnership-wide: only the partnership governance lead changes them directly; IG leads propose.
 */
export async function updateAnomalySettings(
  ctx: ServiceContext,
  input: AnomalySettingsUpdate,
): Promise<AnomalySetting[]> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    authorize(
      { kind: 'settings.change', actor: await changeActorOf(ctx, tx), setting: 'anomaly_settings' },
      { action: 'anomaly.settings.update', target: { type: 'anomaly_rule', id: 'settings' } },
    );
    await saveAnomalySettings(ctx, tx, input, null);
  });
  return present(await loadSettings(ctx.database.db));
}
