/**
 * Queries of rising-risk and clinical-oversight alerts and their links to signals, governed
 * tables: every function takes a value the access door made, or the named unrestricted handle
 * for the escalation timer.
 */
import { afterKeyset, type KeysetBound } from '../../db/keyset.ts';
import type { SystemAccess } from '../../db/system-db.ts';
import type { ListAccess, PersonScope, PersonWrite } from '../access/index.ts';
import type { SignalAlertRow } from './signals.tables.ts';

/** Where a page of the worklist starts for one source. */
export type AlertKeysetBound = KeysetBound;

type Writer = PersonWrite | SystemAccess;

/**
 * Stores an alert with a link to each contributing signal. False, and nothing stored, when an
 * alert over the same signals exists already (the dedupe key is unique).
 */
export async function insertAlert(
  write: Writer,
  row: SignalAlertRow,
  signalIds: readonly string[],
): Promise<boolean> {
  const inserted = await write.db
    .insertInto('signal_alerts')
    .values(row)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
  if (signalIds.length > 0)
    await write.db
      .insertInto('signal_alert_links')
      .values(signalIds.map((signal_id) => ({ alert_id: row.id, signal_id, kind: row.kind })))
      .execute();
  return true;
}

/** One alert addressed to the member of staff (its recipient, or whom it escalated to), or undefined. */
export function findAlertFor(list: ListAccess, alertId: string): Promise<SignalAlertRow | undefined> {
  return list.db
    .selectFrom('signal_alerts')
    .selectAll()
    .where('id', '=', alertId)
    .where((eb) =>
      eb.or([eb('recipient_staff_id', '=', list.staffId), eb('escalated_to', '=', list.staffId)]),
    )
    .executeTakeFirst();
}

/** One of the person's alerts. */
export function findPersonAlert(read: PersonScope, alertId: string): Promise<SignalAlertRow | undefined> {
  return read.db
    .selectFrom('signal_alerts')
    .selectAll()
    .where('id', '=', alertId)
    .where('person_id', '=', read.personId)
    .executeTakeFirst();
}

/** The person's alerts, newest first. */
export function findPersonAlerts(read: PersonScope, limit: number): Promise<SignalAlertRow[]> {
  return read.db
    .selectFrom('signal_alerts')
    .selectAll()
    .where('person_id', '=', read.personId)
    .orderBy('raised_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Acknowledges an alert with its outcome, once: false when it was acknowledged already or is not
 * addressed to the member of staff, and nothing is changed then.
 */
export async function acknowledgeAlertRow(
  write: PersonWrite,
  alertId: string,
  staffId: string,
  ack: { outcome: string; note: string | null; at: string },
): Promise<boolean> {
  const result = await write.db
    .updateTable('signal_alerts')
    .set({ acknowledged_at: ack.at, acknowledged_by: staffId, outcome: ack.outcome, outcome_note: ack.note })
    .where('id', '=', alertId)
    .where('person_id', '=', write.personId)
    .where('acknowledged_at', 'is', null)
    .where((eb) => eb.or([eb('recipient_staff_id', '=', staffId), eb('escalated_to', '=', staffId)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Unacknowledged alerts addressed to the staff member as recipient or escalation target, by due time. */
export async function openAlertsFor(
  list: ListAccess,
  as: 'recipient' | 'escalation',
  bound: AlertKeysetBound | null,
  limit: number,
): Promise<{ id: string; due: string; personId: string; kind: string; trigger: string }[]> {
  let q = list.db
    .selectFrom('signal_alerts')
    .select(['id', 'due_at', 'person_id', 'kind', 'trigger'])
    .where(as === 'recipient' ? 'recipient_staff_id' : 'escalated_to', '=', list.staffId)
    .where('acknowledged_at', 'is', null);
  q = q.where(afterKeyset('due_at', 'id', bound));
  const rows = await q.orderBy('due_at').orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    due: r.due_at,
    personId: r.person_id,
    kind: r.kind,
    trigger: r.trigger,
  }));
}

/** Unacknowledged alerts past their due time and not yet escalated, oldest first. */
export function findOverdueAlerts(
  system: SystemAccess,
  at: string,
  limit: number,
): Promise<SignalAlertRow[]> {
  return system.db
    .selectFrom('signal_alerts')
    .selectAll()
    .where('acknowledged_at', 'is', null)
    .where('escalated_at', 'is', null)
    .where('due_at', '<=', at)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Escalates an alert, once: false when it was escalated or acknowledged meanwhile. */
export async function escalateAlertRow(
  system: SystemAccess,
  alertId: string,
  to: string | null,
  at: string,
): Promise<boolean> {
  const result = await system.db
    .updateTable('signal_alerts')
    .set({ escalated_at: at, escalated_to: to })
    .where('id', '=', alertId)
    .where('escalated_at', 'is', null)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Counts of the staff member's open alerts: as recipient (and how many overdue), and escalated to them. */
export async function countAlertWork(
  list: ListAccess,
  at: string,
): Promise<{ mine: number; mineOverdue: number; escalated: number }> {
  const count = async (column: 'recipient_staff_id' | 'escalated_to', overdueOnly: boolean) => {
    let q = list.db
      .selectFrom('signal_alerts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column, '=', list.staffId)
      .where('acknowledged_at', 'is', null);
    if (overdueOnly) q = q.where('due_at', '<', at);
    return Number((await q.executeTakeFirstOrThrow()).n);
  };
  const [mine, mineOverdue, escalated] = await Promise.all([
    count('recipient_staff_id', false),
    count('recipient_staff_id', true),
    count('escalated_to', false),
  ]);
  return { mine, mineOverdue, escalated };
}
