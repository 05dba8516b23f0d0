/**
 * Handovers and everything hanging off them (fields, actions, escalations): person-level tables,
 * read and written only here, after the service has taken the access decision.
 */
import type { Db } from '../../db/database.ts';
import type {
  HandoverActionRow,
  HandoverEscalationRow,
  HandoverFieldRow,
  HandoverRow,
} from './exchange.tables.ts';

/** Stores a sent handover with its fields. */
export async function insertHandover(
  tx: Db,
  row: HandoverRow,
  fields: readonly HandoverFieldRow[],
): Promise<void> {
  await tx.insertInto('handovers').values(row).execute();
  if (fields.length > 0)
    await tx
      .insertInto('handover_fields')
      .values([...fields])
      .execute();
}

/** One handover by id. */
export async function findHandover(db: Db, id: string): Promise<HandoverRow | undefined> {
  return db.selectFrom('handovers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A handover's fields in template order. */
export async function findHandoverFields(db: Db, id: string): Promise<HandoverFieldRow[]> {
  return db
    .selectFrom('handover_fields')
    .selectAll()
    .where('handover_id', '=', id)
    .orderBy('position')
    .execute();
}

/** A handover's actions and escalations. */
export async function findHandoverWork(
  db: Db,
  id: string,
): Promise<{ actions: HandoverActionRow[]; escalations: HandoverEscalationRow[] }> {
  const [actions, escalations] = await Promise.all([
    db
      .selectFrom('handover_actions')
      .selectAll()
      .where('handover_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('handover_escalations')
      .selectAll()
      .where('handover_id', '=', id)
      .orderBy('escalated_at')
      .orderBy('tier')
      .execute(),
  ]);
  return { actions, escalations };
}

/**
 * Marks a handover acknowledged, only if it is still unacknowledged: the condition is what makes a
 * second acknowledgement (or a race of two) change nothing. True when this call acknowledged it.
 */
export async function markAcknowledged(
  tx: Db,
  id: string,
  by: string,
  at: string,
  note: string | null,
): Promise<boolean> {
  const done = await tx
    .updateTable('handovers')
    .set({ status: 'acknowledged', acknowledged_at: at, acknowledged_by: by, acknowledgement_note: note })
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return false;
  await tx
    .updateTable('handover_escalations')
    .set({ resolved_at: at })
    .where('handover_id', '=', id)
    .where('reason', '=', 'UNACKNOWLEDGED')
    .where('resolved_at', 'is', null)
    .execute();
  return true;
}

/** Records the actions found at acknowledgement. */
export async function insertActions(tx: Db, rows: readonly HandoverActionRow[]): Promise<void> {
  if (rows.length > 0)
    await tx
      .insertInto('handover_actions')
      .values([...rows])
      .execute();
}

/** Handovers still unacknowledged whose first escalation time has come, oldest first. */
export async function findUnacknowledgedDue(db: Db, now: string, limit: number): Promise<HandoverRow[]> {
  return db
    .selectFrom('handovers')
    .selectAll()
    .where('status', '=', 'sent')
    .where('due_at', '<=', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Records one escalation tier. The primary key (handover, reason, tier) makes the insert a no-op
 * when that tier was already raised, by this process or another, before or after a crash.
 */
export async function insertEscalation(tx: Db, row: HandoverEscalationRow): Promise<boolean> {
  const result = await tx
    .insertInto('handover_escalations')
    .values(row)
    .onConflict((oc) => oc.columns(['handover_id', 'reason', 'tier']).doNothing())
    .returning('tier')
    .executeTakeFirst();
  const inserted = result !== undefined;
  if (inserted && row.reason === 'UNACKNOWLEDGED') {
    await tx
      .updateTable('handovers')
      .set({ escalation_tier: row.tier })
      .where('id', '=', row.handover_id)
      .where('escalation_tier', '<', row.tier)
      .execute();
  }
  return inserted;
}

/** Handovers about a person, newest first (the person's handover timeline). */
export async function findHandoversForPerson(
  db: Db,
  personId: string,
  limit: number,
): Promise<HandoverRow[]> {
  return db
    .selectFrom('handovers')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('sent_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Handovers the staff member leads (incoming) or sent, newest first. */
export async function findHandoversFor(
  db: Db,
  staffId: string,
  box: 'incoming' | 'sent',
  limit: number,
): Promise<HandoverRow[]> {
  return db
    .selectFrom('handovers')
    .selectAll()
    .where(box === 'incoming' ? 'lead_staff_id' : 'sender_staff_id', '=', staffId)
    .orderBy('sent_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Whether the staff member was escalated to, or told about an escalation of, the handover. */
export async function isEscalationParty(db: Db, handoverId: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('handover_escalations')
    .select('tier')
    .where('handover_id', '=', handoverId)
    .where((eb) => eb.or([eb('to_staff_id', '=', staffId), eb('notify_staff_id', '=', staffId)]))
    .executeTakeFirst();
  return row !== undefined;
}

/** Per handover: categories disclosed and withheld, escalation and action counts (for a timeline). */
export async function findTimelineFacts(
  db: Db,
  ids: readonly string[],
): Promise<{
  fields: Pick<HandoverFieldRow, 'handover_id' | 'category' | 'disclosed'>[];
  escalations: string[];
  actions: string[];
}> {
  if (ids.length === 0) return { fields: [], escalations: [], actions: [] };
  const [fields, escalations, actions] = await Promise.all([
    db
      .selectFrom('handover_fields')
      .select(['handover_id', 'category', 'disclosed'])
      .where('handover_id', 'in', [...ids])
      .execute(),
    db
      .selectFrom('handover_escalations')
      .select('handover_id')
      .where('handover_id', 'in', [...ids])
      .execute(),
    db
      .selectFrom('handover_actions')
      .select('handover_id')
      .where('handover_id', 'in', [...ids])
      .execute(),
  ]);
  return {
    fields,
    escalations: escalations.map((e) => e.handover_id),
    actions: actions.map((a) => a.handover_id),
  };
}
