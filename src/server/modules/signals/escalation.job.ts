/**
 * Background work of the signals module, on the jobs runner with the clock it is given:
 * - alerts not acknowledged by their due time escalate to the service manager of the recipient's
 *   organisation, once (the update is guarded on `escalated_at is null`);
 * - a sweep evaluates the rules for everyone with recent signals, so a late entry, a rule change
 *   or an evaluation that failed still raises what is due (idempotent, like the per-signal one).
 */
import type { Database } from '../../db/database.ts';
import { systemDb, systemTx } from '../../db/system-db.ts';
import { ukDateOf } from '../access/calendar.ts';
import { loadPersonFacts, systemFacts } from '../access/index.ts';
import { AuditWriter } from '../audit/index.ts';
import { findServiceManager } from '../exchange/recipients.repository.ts';
import { escalateAlertRow, findOverdueAlerts } from './alerts.repository.ts';
import { lookBackDays } from './escalation.ts';
import { raiseAlerts } from './escalation-raise.ts';
import { loadEscalationRules } from './escalation-rules.repository.ts';
import { findPeopleWithSignals, lockPersonForEvaluation } from './signals.repository.ts';

const DAY_MS = 86_400_000;

/** Escalates every alert past its due time and not acknowledged; never the same alert twice. */
export async function escalateOverdueAlerts(
  database: Database,
  now: Date,
  options: { audit?: AuditWriter; batch?: number } = {},
): Promise<{ escalated: number; unassigned: number }> {
  const audit = options.audit ?? new AuditWriter(database);
  const at = now.toISOString();
  let escalated = 0;
  let unassigned = 0;
  const system = systemDb(database, 'background-job');
  for (const alert of await findOverdueAlerts(system, at, options.batch ?? 500)) {
    await database.db.transaction().execute(async (tx) => {
      const to = (await findServiceManager(tx, alert.organisation_id)) ?? null;
      // Nobody to hand it to: it stays due (and shown as such), and the next run tries again.
      if (to === null) {
        unassigned += 1;
        return;
      }
      const scoped = systemTx(tx, 'background-job');
      if (!(await escalateAlertRow(scoped, alert.id, to, at))) return;
      escalated += 1;
      await audit.appendInTransaction(
        tx,
        [
          {
            action: 'signal_alert.escalate',
            outcome: 'success',
            actor: null,
            personId: alert.person_id,
            target: { type: 'signal_alert', id: alert.id },
            details: { kind: alert.kind, assigned: to !== null },
          },
        ],
        now,
        null,
      );
    });
  }
  return { escalated, unassigned };
}

/**
 * Evaluates the rules at `now` for everyone with a signal inside the longest window, a page of
 * people at a time, each in their own transaction.
 */
export async function sweepEscalation(
  database: Database,
  now: Date,
  options: { audit?: AuditWriter; page?: number } = {},
): Promise<{ people: number; raised: number }> {
  const audit = options.audit ?? new AuditWriter(database);
  const system = systemDb(database, 'background-job');
  const { rules } = await loadEscalationRules(database.db);
  const at = now.toISOString();
  const from = new Date(now.getTime() - lookBackDays(rules) * DAY_MS).toISOString();
  const today = ukDateOf(now.getTime());
  let after: string | null = null;
  let people = 0;
  let raised = 0;
  for (;;) {
    const page = await findPeopleWithSignals(system, from, at, after, options.page ?? 500);
    if (page.length === 0) break;
    for (const personId of page) {
      people += 1;
      await database.db.transaction().execute(async (tx) => {
        const scoped = systemTx(tx, 'background-job');
        // The same row lock a recorded signal takes: a sweep and a new signal never both raise
        // over the same signals.
        await lockPersonForEvaluation({ system: scoped, personId });
        const facts = await loadPersonFacts(systemFacts(scoped, personId), today);
        const result = await raiseAlerts({ system: scoped, personId }, tx, facts.memberships, at, now, today);
        raised += result.raised.length;
        if (result.events.length > 0) await audit.appendInTransaction(tx, result.events, now, null);
      });
    }
    after = page[page.length - 1] ?? null;
  }
  return { people, raised };
}
