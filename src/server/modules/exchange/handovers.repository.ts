/**
 * Handovers and everything hanging off them (fields, actions, escalations): person-level tables,
 * read and written only here, each function taking a door value: the person's decided scope, the
 * caller's standing (rows they are party to), or a named background job.
 */
import type { SystemAccess } from '../../db/system-db.ts';
import type { ListAccess, PersonScope, PersonWrite } from '../access/index.ts';
import type {
  HandoverActionRow,
  HandoverEscalationRow,
  HandoverFieldRow,
  HandoverRow,
} from './exchange.tables.ts';

/** What may write a handover's own rows: a decided write, standing inside its transaction, or a job. */
export type HandoverWriter = PersonWrite | ListAccess | SystemAccess;

/** What may read a handover already found through one of the finders below. */
export type HandoverReader = PersonScope | ListAccess | SystemAccess;

/** Stores a handover with its fields, for the person the write was decided for (or a job's own). */
export async function insertHandover(
  write: PersonWrite | SystemAccess,
  row: HandoverRow,
  fields: readonly HandoverFieldRow[],
): Promise<void> {
  await write.db
    .insertInto('handovers')
    .values({ ...row, person_id: 'personId' in write ? write.personId : row.person_id })
    .execute();
  if (fields.length > 0)
    await write.db
      .insertInto('handover_fields')
      .values([...fields])
      .execute();
}

/**
 * One handover the caller may be party to: they sent, lead or receive it, it was escalated to
 * them or they were told of its escalation, it was sampled for their review, or it came to their
 * organisation (whose service managers answer for it; the service checks the role). Undefined
 * for anyone else.
 */
export async function findHandoverForParty(list: ListAccess, id: string): Promise<HandoverRow | undefined> {
  const me = list.staffId;
  return list.db
    .selectFrom('handovers')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('lead_staff_id', '=', me),
        eb('sender_staff_id', '=', me),
        eb('recipient_staff_id', '=', me),
        eb('recipient_org_id', '=', list.organisationId),
        eb.exists(
          eb
            .selectFrom('handover_actions as a')
            .select('a.id')
            .whereRef('a.handover_id', '=', 'handovers.id')
            .where('a.owner_staff_id', '=', me),
        ),
        eb.exists(
          eb
            .selectFrom('handover_escalations as e')
            .select('e.tier')
            .whereRef('e.handover_id', '=', 'handovers.id')
            .where((x) => x.or([x('e.to_staff_id', '=', me), x('e.notify_staff_id', '=', me)])),
        ),
        // A service manager reviewing their team's summaries reads those sampled for them.
        eb.exists(
          eb
            .selectFrom('handover_sample_items as si')
            .innerJoin('handover_samples as hs', 'hs.id', 'si.sample_id')
            .select('si.handover_id')
            .whereRef('si.handover_id', '=', 'handovers.id')
            .where('hs.manager_staff_id', '=', me),
        ),
      ]),
    )
    .executeTakeFirst();
}

/** The person a handover is about, only to write the audit entry of a refused attempt to read it. */
export async function handoverSubjectOf(list: ListAccess, id: string): Promise<string | undefined> {
  const row = await list.db
    .selectFrom('handovers')
    .select('person_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.person_id;
}

/** Whether a handover is about the scope's person. */
export async function isHandoverAbout(read: PersonScope, id: string): Promise<boolean> {
  const row = await read.db
    .selectFrom('handovers')
    .select('id')
    .where('id', '=', id)
    .where('person_id', '=', read.personId)
    .executeTakeFirst();
  return row !== undefined;
}

/** A handover's fields in template order. */
export async function findHandoverFields(access: HandoverReader, id: string): Promise<HandoverFieldRow[]> {
  return access.db
    .selectFrom('handover_fields')
    .selectAll()
    .where('handover_id', '=', id)
    .orderBy('position')
    .execute();
}

/** A handover's actions and escalations. */
export async function findHandoverWork(
  access: HandoverReader,
  id: string,
): Promise<{ actions: HandoverActionRow[]; escalations: HandoverEscalationRow[] }> {
  const [actions, escalations] = await Promise.all([
    access.db
      .selectFrom('handover_actions')
      .selectAll()
      .where('handover_id', '=', id)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    access.db
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
  list: ListAccess,
  id: string,
  at: string,
  note: string | null,
): Promise<boolean> {
  const done = await list.db
    .updateTable('handovers')
    .set({
      status: 'acknowledged',
      acknowledged_at: at,
      acknowledged_by: list.staffId,
      acknowledgement_note: note,
    })
    .where('id', '=', id)
    .where('status', '=', 'sent')
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return false;
  await list.db
    .updateTable('handover_escalations')
    .set({ resolved_at: at })
    .where('handover_id', '=', id)
    .where('reason', '=', 'UNACKNOWLEDGED')
    .where('resolved_at', 'is', null)
    .execute();
  return true;
}

/** Records the actions found at acknowledgement. */
export async function insertActions(
  writer: HandoverWriter,
  rows: readonly HandoverActionRow[],
): Promise<void> {
  if (rows.length > 0)
    await writer.db
      .insertInto('handover_actions')
      .values([...rows])
      .execute();
}

/** Handovers still unacknowledged whose first escalation time has come, oldest first (a job's read). */
export async function findUnacknowledgedDue(
  system: SystemAccess,
  now: string,
  limit: number,
): Promise<HandoverRow[]> {
  return system.db
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
export async function insertEscalation(writer: HandoverWriter, row: HandoverEscalationRow): Promise<boolean> {
  const result = await writer.db
    .insertInto('handover_escalations')
    .values(row)
    .onConflict((oc) => oc.columns(['handover_id', 'reason', 'tier']).doNothing())
    .returning('tier')
    .executeTakeFirst();
  const inserted = result !== undefined;
  if (inserted && row.reason === 'UNACKNOWLEDGED') {
    await writer.db
      .updateTable('handovers')
      .set({ escalation_tier: row.tier })
      .where('id', '=', row.handover_id)
      .where('escalation_tier', '<', row.tier)
      .execute();
  }
  return inserted;
}

/** Handovers about the person the scope was decided for, newest first (their handover timeline). */
export async function findHandoversForPerson(read: PersonScope, limit: number): Promise<HandoverRow[]> {
  return read.db
    .selectFrom('handovers')
    .selectAll()
    .where('person_id', '=', read.personId)
    .orderBy('sent_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Handovers the caller leads (incoming) or sent, newest first. */
export async function findHandoversFor(
  list: ListAccess,
  box: 'incoming' | 'sent',
  limit: number,
): Promise<HandoverRow[]> {
  return list.db
    .selectFrom('handovers')
    .selectAll()
    .where(box === 'incoming' ? 'lead_staff_id' : 'sender_staff_id', '=', list.staffId)
    .orderBy('sent_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Whether the caller was escalated to, or told about an escalation of, the handover, or owns a
 * task its acknowledgement set.
 */
export async function isEscalationParty(list: ListAccess, handoverId: string): Promise<boolean> {
  const [escalation, task] = await Promise.all([
    list.db
      .selectFrom('handover_escalations')
      .select('tier')
      .where('handover_id', '=', handoverId)
      .where((eb) => eb.or([eb('to_staff_id', '=', list.staffId), eb('notify_staff_id', '=', list.staffId)]))
      .executeTakeFirst(),
    list.db
      .selectFrom('handover_actions')
      .select('id')
      .where('handover_id', '=', handoverId)
      .where('owner_staff_id', '=', list.staffId)
      .executeTakeFirst(),
  ]);
  return escalation !== undefined || task !== undefined;
}

/**
 * Per handover of the scope's person: categories disclosed and withheld, escalation and action
 * counts (for a timeline). Ids of another person's handovers find nothing.
 */
export async function findTimelineFacts(
  read: PersonScope,
  ids: readonly string[],
): Promise<{
  fields: Pick<HandoverFieldRow, 'handover_id' | 'category' | 'disclosed'>[];
  escalations: string[];
  actions: string[];
}> {
  if (ids.length === 0) return { fields: [], escalations: [], actions: [] };
  const own = read.db
    .selectFrom('handovers')
    .select('id')
    .where('person_id', '=', read.personId)
    .where('id', 'in', [...ids]);
  const [fields, escalations, actions] = await Promise.all([
    read.db
      .selectFrom('handover_fields')
      .select(['handover_id', 'category', 'disclosed'])
      .where('handover_id', 'in', own)
      .execute(),
    read.db
      .selectFrom('handover_escalations')
      .select('handover_id')
      .where('handover_id', 'in', own)
      .execute(),
    read.db.selectFrom('handover_actions').select('handover_id').where('handover_id', 'in', own).execute(),
  ]);
  return {
    fields,
    escalations: escalations.map((e) => e.handover_id),
    actions: actions.map((a) => a.handover_id),
  };
}

/**
 * Resolves the open "information missing" escalation of a handover: the supplied values are
 * written to their fields (shown to the recipient only where the field's category crossed at
 * send), and the fields still missing are kept. True when this call resolved it.
 */
export async function resolveMissing(
  list: ListAccess,
  id: string,
  supplied: Readonly<Record<string, string>>,
  stillMissing: readonly string[],
  resolution: string,
  at: string,
): Promise<boolean> {
  const done = await list.db
    .updateTable('handover_escalations')
    .set({ resolved_at: at, resolved_by: list.staffId, resolution })
    .where('handover_id', '=', id)
    .where('reason', '=', 'INFORMATION_MISSING')
    .where('resolved_at', 'is', null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) return false;
  for (const [key, value] of Object.entries(supplied))
    await list.db
      .updateTable('handover_fields')
      .set({ value })
      .where('handover_id', '=', id)
      .where('key', '=', key)
      .execute();
  await list.db
    .updateTable('handovers')
    .set({
      missing_fields: JSON.stringify(stillMissing),
      information_missing: stillMissing.length > 0 ? 1 : 0,
    })
    .where('id', '=', id)
    .execute();
  return true;
}

/** One task from a handover's acknowledgement, only to its owner, with the handover's person. */
export async function findOwnedAction(
  list: ListAccess,
  actionId: string,
): Promise<(HandoverActionRow & { person_id: string }) | undefined> {
  return list.db
    .selectFrom('handover_actions as a')
    .innerJoin('handovers as h', 'h.id', 'a.handover_id')
    .selectAll('a')
    .select('h.person_id')
    .where('a.id', '=', actionId)
    .where('a.owner_staff_id', '=', list.staffId)
    .executeTakeFirst();
}

/** Closes an open task of the caller's. True when this call closed it. */
export async function closeAction(
  list: ListAccess,
  actionId: string,
  note: string,
  at: string,
): Promise<boolean> {
  const done = await list.db
    .updateTable('handover_actions')
    .set({ status: 'done', closed_at: at, closed_by: list.staffId, closing_note: note })
    .where('id', '=', actionId)
    .where('owner_staff_id', '=', list.staffId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
