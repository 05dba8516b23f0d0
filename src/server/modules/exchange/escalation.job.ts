/**
 * Escalation of unacknowledged handovers, run as a background job. Each handover is escalated in
 * its own transaction, and each tier is a row whose primary key refuses a second copy: a job that
 * crashes midway loses nothing (the next run picks up where it stopped) and never escalates twice.
 */
import type { Database } from '../../db/database.ts';
import { systemDb, systemTx } from '../../db/system-db.ts';
import type { AuditEvent } from '../audit/index.ts';
import { AuditWriter } from '../audit/index.ts';
import type { HandoverRow } from './exchange.tables.ts';
import { ESCALATION_TIERS, type EscalationTarget, tierDueAt } from './exchange.ts';
import { findUnacknowledgedDue, insertEscalation } from './handovers.repository.ts';
import { findGovernanceHolder, findServiceManager } from './recipients.repository.ts';

/** What a run did. */
export interface EscalationRunResult {
  escalated: number;
}

async function targetOf(
  db: Database['db'],
  h: HandoverRow,
  target: EscalationTarget,
): Promise<string | undefined> {
  if (target === 'RECIPIENT_SERVICE_MANAGER') return findServiceManager(db, h.recipient_org_id);
  if (target === 'SENDER_SERVICE_MANAGER') return findServiceManager(db, h.sender_org_id);
  return findGovernanceHolder(db, h.recipient_org_id, 'CALDICOTT_GUARDIAN');
}

/** Raises every escalation tier that has come due for unacknowledged handovers. */
export async function escalateOverdueHandovers(
  database: Database,
  now: Date,
  options: { audit?: AuditWriter; batch?: number } = {},
): Promise<EscalationRunResult> {
  const audit = options.audit ?? new AuditWriter(database);
  const at = now.toISOString();
  const result = { escalated: 0 };
  // A timer has no caller to decide for; what it raises is read through the door by its recipients.
  const system = systemDb(database, 'background-job');
  for (const h of await findUnacknowledgedDue(system, at, options.batch ?? 500)) {
    const due = tierDueAt(h.sent_at, h.sla_minutes, now);
    const pending = ESCALATION_TIERS.filter((t) => t.tier <= due && t.tier > h.escalation_tier);
    if (pending.length === 0) continue;
    await database.db.transaction().execute(async (tx) => {
      const events: AuditEvent[] = [];
      for (const tier of pending) {
        const to = await targetOf(tx, h, tier.target);
        const inserted = await insertEscalation(systemTx(tx, 'background-job'), {
          id: crypto.randomUUID(),
          handover_id: h.id,
          tier: tier.tier,
          reason: 'UNACKNOWLEDGED',
          escalated_at: at,
          to_staff_id: to ?? null,
          // The sender is told of every tier.
          notify_staff_id: h.sender_staff_id,
          resolved_at: null,
        });
        if (!inserted) continue;
        result.escalated += 1;
        events.push({
          action: 'handover.escalate',
          outcome: 'success',
          actor: null,
          personId: h.person_id,
          target: { type: 'handover', id: h.id },
          details: {
            reason: 'UNACKNOWLEDGED',
            tier: tier.tier,
            target: tier.target,
            assigned: to !== undefined,
          },
        });
      }
      await audit.appendInTransaction(tx, events, now, null);
    });
  }
  return result;
}
