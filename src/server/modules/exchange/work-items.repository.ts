/**
 * The exchange's share of the worklist: handovers to acknowledge, follow-ups due, escalations.
 * Each query pages by keyset on (due time, id) over an index, so a page costs the same however
 * long the list. Each takes the caller's standing (`openList`) and reads only the caller's own work.
 */
import type { ExpressionBuilder } from 'kysely';
import { afterKeyset, type KeysetBound } from '../../db/keyset.ts';
import type { Tables } from '../../db/tables.ts';
import type { ListAccess } from '../access/index.ts';

export type { KeysetBound };

// biome-ignore lint/suspicious/noExplicitAny: the count is selected from several tables
type AnyEb = ExpressionBuilder<Tables, any>;

/** A row of work as the exchange stores it. */
export interface ExchangeWorkRow {
  readonly id: string;
  readonly due: string;
  readonly personId: string;
  readonly handoverId: string | null;
  readonly template: string | null;
  readonly detail: string;
}

/** Unacknowledged handovers the staff member leads. */
export async function handoversToAcknowledge(
  list: ListAccess,
  bound: KeysetBound | null,
  limit: number,
): Promise<ExchangeWorkRow[]> {
  const staffId = list.staffId;
  const rows = await list.db
    .selectFrom('handovers')
    .select(['id', 'due_at', 'person_id', 'template_key'])
    .where('lead_staff_id', '=', staffId)
    .where('status', '=', 'sent')
    .where(afterKeyset('due_at', 'id', bound))
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    due: r.due_at,
    personId: r.person_id,
    handoverId: r.id,
    template: r.template_key,
    detail: r.template_key,
  }));
}

/** Follow-ups the staff member owns that are still to be made (due or already missed). */
export async function followUpsOwned(
  list: ListAccess,
  bound: KeysetBound | null,
  limit: number,
): Promise<ExchangeWorkRow[]> {
  const staffId = list.staffId;
  const rows = await list.db
    .selectFrom('follow_ups')
    .select(['id', 'due_at', 'person_id', 'handover_id', 'rule'])
    .where('owner_staff_id', '=', staffId)
    .where('status', 'in', ['due', 'missed'])
    .where(afterKeyset('due_at', 'id', bound))
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    due: r.due_at,
    personId: r.person_id,
    handoverId: r.handover_id,
    template: null,
    detail: r.rule,
  }));
}

/** Missed follow-ups escalated to the staff member and not yet made. */
export async function followUpsEscalatedTo(
  list: ListAccess,
  bound: KeysetBound | null,
  limit: number,
): Promise<ExchangeWorkRow[]> {
  const staffId = list.staffId;
  const rows = await list.db
    .selectFrom('follow_ups')
    .select(['id', 'missed_at', 'person_id', 'handover_id', 'rule'])
    .where('escalated_to', '=', staffId)
    .where('status', '=', 'missed')
    .where('missed_at', 'is not', null)
    .where(afterKeyset('missed_at', 'id', bound))
    .orderBy('missed_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    due: r.missed_at ?? '',
    personId: r.person_id,
    handoverId: r.handover_id,
    template: null,
    detail: r.rule,
  }));
}

/** Unresolved escalations sent to the staff member, or of their own handovers (the sender is told). */
export async function escalationsFor(
  list: ListAccess,
  bound: KeysetBound | null,
  limit: number,
): Promise<ExchangeWorkRow[]> {
  const staffId = list.staffId;
  const rows = await list.db
    .selectFrom('handover_escalations as e')
    .innerJoin('handovers as h', 'h.id', 'e.handover_id')
    .select([
      'e.id',
      'e.escalated_at',
      'e.tier',
      'e.reason',
      'e.to_staff_id',
      'h.person_id',
      'h.id as handover_id',
      'h.template_key',
    ])
    .where((eb) => eb.or([eb('e.to_staff_id', '=', staffId), eb('e.notify_staff_id', '=', staffId)]))
    .where('e.resolved_at', 'is', null)
    .where(afterKeyset('e.escalated_at', 'e.id', bound))
    .orderBy('e.escalated_at')
    .orderBy('e.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    due: r.escalated_at,
    personId: r.person_id,
    handoverId: r.handover_id,
    template: r.template_key,
    detail: `${r.reason}:${r.tier}:${r.to_staff_id === staffId ? 'TO_YOU' : 'YOUR_HANDOVER'}`,
  }));
}

/** Open tasks from handover acknowledgements that the staff member owns, soonest due first. */
export async function actionsOwned(
  list: ListAccess,
  bound: KeysetBound | null,
  limit: number,
): Promise<ExchangeWorkRow[]> {
  const rows = await list.db
    .selectFrom('handover_actions as a')
    .innerJoin('handovers as h', 'h.id', 'a.handover_id')
    .select(['a.id', 'a.due_at', 'a.description', 'h.person_id', 'h.id as handover_id', 'h.template_key'])
    .where('a.owner_staff_id', '=', list.staffId)
    .where('a.status', '=', 'open')
    .where('a.due_at', 'is not', null)
    .where(afterKeyset('a.due_at', 'a.id', bound))
    .orderBy('a.due_at')
    .orderBy('a.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    due: r.due_at ?? '',
    personId: r.person_id,
    handoverId: r.handover_id,
    template: r.template_key,
    detail: r.description,
  }));
}

/** How many open tasks from handovers the staff member owns, and how many are past due. */
export async function countActionsOwned(list: ListAccess, now: string): Promise<[number, number]> {
  const base = list.db
    .selectFrom('handover_actions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('owner_staff_id', '=', list.staffId)
    .where('status', '=', 'open')
    .where('due_at', 'is not', null);
  const [all, late] = await Promise.all([
    base.executeTakeFirst(),
    base.where('due_at', '<', now).executeTakeFirst(),
  ]);
  return [Number(all?.n ?? 0), Number(late?.n ?? 0)];
}

/** How many of each exchange item the staff member has, and how many are past due. */
export async function countExchangeWork(
  list: ListAccess,
  now: string,
): Promise<{
  acknowledge: [number, number];
  followUps: [number, number];
  missed: number;
  escalations: number;
}> {
  const { db, staffId } = list;
  const count = { n: (eb: AnyEb) => eb.fn.countAll<number>().as('n') };
  const [ack, ackLate, fu, fuLate, missed, esc] = await Promise.all([
    db
      .selectFrom('handovers')
      .select(count.n)
      .where('lead_staff_id', '=', staffId)
      .where('status', '=', 'sent')
      .executeTakeFirst(),
    db
      .selectFrom('handovers')
      .select(count.n)
      .where('lead_staff_id', '=', staffId)
      .where('status', '=', 'sent')
      .where('due_at', '<', now)
      .executeTakeFirst(),
    db
      .selectFrom('follow_ups')
      .select(count.n)
      .where('owner_staff_id', '=', staffId)
      .where('status', 'in', ['due', 'missed'])
      .executeTakeFirst(),
    db
      .selectFrom('follow_ups')
      .select(count.n)
      .where('owner_staff_id', '=', staffId)
      .where('status', 'in', ['due', 'missed'])
      .where('due_at', '<', now)
      .executeTakeFirst(),
    db
      .selectFrom('follow_ups')
      .select(count.n)
      .where('escalated_to', '=', staffId)
      .where('status', '=', 'missed')
      .executeTakeFirst(),
    db
      .selectFrom('handover_escalations')
      .select(count.n)
      .where((eb) => eb.or([eb('to_staff_id', '=', staffId), eb('notify_staff_id', '=', staffId)]))
      .where('resolved_at', 'is', null)
      .executeTakeFirst(),
  ]);
  const n = (r: { n: number } | undefined) => Number(r?.n ?? 0);
  return {
    acknowledge: [n(ack), n(ackLate)],
    followUps: [n(fu), n(fuLate)],
    missed: n(missed),
    escalations: n(esc),
  };
}
