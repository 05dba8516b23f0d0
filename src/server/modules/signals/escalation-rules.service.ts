/**
 * The partnership's escalation rules: readable by staff, changed only through the partnership
 * governance route (the partnership governance lead directly, or an agreed settings proposal),
 * audited with the new rules and bumping the partnership version in the same transaction.
 */
import type { EscalationRules, EscalationRulesView } from '../../../contracts/signals.ts';
import type { Tx } from '../../db/database.ts';
import { auditChange, type ServiceContext } from '../../service-context.ts';
import { bumpPartnershipVersion, changeActorOf, changeWithAuthority } from '../access/index.ts';
import { loadEscalationRules, saveEscalationRules } from './escalation-rules.repository.ts';

/** The rules in force. */
export async function getEscalationRules(ctx: ServiceContext): Promise<EscalationRulesView> {
  return loadEscalationRules(ctx.database.db);
}

/** Saves the rules in the caller's transaction (directly, or as an agreed proposal applies). */
export async function saveRules(
  ctx: ServiceContext,
  tx: Tx,
  rules: EscalationRules,
  via: { proposalId: string } | null,
): Promise<void> {
  await saveEscalationRules(tx, rules, ctx.principal.staffId, ctx.now.toISOString());
  await bumpPartnershipVersion(tx);
  await auditChange(
    ctx,
    tx,
    'escalation_rules.update',
    { type: 'escalation_rules', id: 'partnership' },
    { details: { rules: JSON.stringify(rules), ...(via ? { proposalId: via.proposalId } : {}) } },
  );
}

/** The partnership governance lead changes the rules directly. */
export async function updateEscalationRules(
  ctx: ServiceContext,
  rules: EscalationRules,
): Promise<EscalationRulesView> {
  await changeWithAuthority(ctx, async (tx, authorize) => {
    authorize(
      { kind: 'settings.change', actor: await changeActorOf(ctx, tx), setting: 'escalation_rules' },
      { action: 'escalation_rules.update', target: { type: 'escalation_rules', id: 'partnership' } },
    );
    await saveRules(ctx, tx, rules, null);
  });
  return getEscalationRules(ctx);
}
