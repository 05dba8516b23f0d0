/**
 * Missed follow-ups, run as a background job: each follow-up is marked in its own transaction and
 * only while still due, so a run that crashes midway loses nothing and never marks one twice.
 */
import type { Database } from '../../db/database.ts';
import { systemDb, systemTx } from '../../db/system-db.ts';
import { type AuditEvent, AuditWriter } from '../audit/index.ts';
import { findOverdueFollowUps, markMissed } from './follow-ups.repository.ts';
import { findServiceManager } from './recipients.repository.ts';

/** Marks overdue follow-ups missed and escalates each to its organisation's service manager (a job). */
export async function markMissedFollowUps(
  database: Database,
  now: Date,
  options: { audit?: AuditWriter; batch?: number } = {},
): Promise<{ missed: number }> {
  const audit = options.audit ?? new AuditWriter(database);
  const at = now.toISOString();
  let missed = 0;
  // A timer has no caller to decide for; what it raises is read through the door by its owner.
  const system = systemDb(database, 'background-job');
  for (const f of await findOverdueFollowUps(system, at, options.batch ?? 500)) {
    await database.db.transaction().execute(async (tx) => {
      const manager = await findServiceManager(tx, f.organisation_id);
      if (!(await markMissed(systemTx(tx, 'background-job'), f.id, at, manager ?? null))) return;
      missed += 1;
      const event: AuditEvent = {
        action: 'follow_up.miss',
        outcome: 'success',
        actor: null,
        personId: f.person_id,
        target: { type: 'follow_up', id: f.id },
        details: { rule: f.rule, organisationId: f.organisation_id, escalated: manager !== undefined },
      };
      await audit.appendInTransaction(tx, [event], now, null);
    });
  }
  return { missed };
}
