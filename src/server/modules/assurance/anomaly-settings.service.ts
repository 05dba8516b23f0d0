import {
  ANOMALY_RULES,
  type AnomalyRule,
  type AnomalySetting,
  type AnomalySettingsUpdate,
} from '../../../contracts/assurance.ts';
import { ForbiddenError } from '../../http/errors.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
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
 * Changes the named rules' settings (already validated against each rule's schema). The change
 * is audited with the new values: thresholds decide what gets investigated, so who moved them matters.
 */
export async function updateAnomalySettings(
  ctx: ServiceContext,
  input: AnomalySettingsUpdate,
): Promise<AnomalySetting[]> {
  if (!hasAnyRole(ctx.principal, ['ig_lead'])) throw new ForbiddenError();
  const at = ctx.now.toISOString();
  await ctx.database.db.transaction().execute(async (tx) => {
    for (const rule of ANOMALY_RULES) {
      const change = input[rule];
      if (!change) continue;
      await saveSetting(tx, rule, change.enabled, change.thresholds, ctx.principal.staffId, at);
      await auditChange(
        ctx,
        tx,
        'anomaly.settings.update',
        { type: 'anomaly_rule', id: rule },
        { details: { enabled: change.enabled, thresholds: JSON.stringify(change.thresholds) } },
      );
    }
  });
  return present(await loadSettings(ctx.database.db));
}
