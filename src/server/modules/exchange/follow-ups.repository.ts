/** Follow-ups after discharge or step-down: person-level, read and written only here. */
import type { Db } from '../../db/database.ts';
import type { FollowUpRow } from './exchange.tables.ts';

/** Stores a follow-up. */
export async function insertFollowUp(tx: Db, row: FollowUpRow): Promise<void> {
  await tx.insertInto('follow_ups').values(row).execute();
}

/** One follow-up by id. */
export async function findFollowUp(db: Db, id: string): Promise<FollowUpRow | undefined> {
  return db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A person's follow-ups, newest first. */
export async function findFollowUpsForPerson(db: Db, personId: string): Promise<FollowUpRow[]> {
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('due_at', 'desc')
    .execute();
}

/** Closes a follow-up with the contact made, only if still open (due or missed). True when this call closed it. */
export async function closeFollowUp(tx: Db, id: string, contactAt: string, by: string): Promise<boolean> {
  const done = await tx
    .updateTable('follow_ups')
    .set({ status: 'done', contact_at: contactAt, recorded_by: by })
    .where('id', '=', id)
    .where('status', 'in', ['due', 'missed'])
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** Follow-ups still due whose time has passed. */
export async function findOverdueFollowUps(db: Db, now: string, limit: number): Promise<FollowUpRow[]> {
  return db
    .selectFrom('follow_ups')
    .selectAll()
    .where('status', '=', 'due')
    .where('due_at', '<', now)
    .orderBy('due_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Marks a follow-up missed, only if still due: a retried run changes nothing the second time. */
export async function markMissed(
  tx: Db,
  id: string,
  at: string,
  escalatedTo: string | null,
): Promise<boolean> {
  const done = await tx
    .updateTable('follow_ups')
    .set({ status: 'missed', missed_at: at, escalated_to: escalatedTo })
    .where('id', '=', id)
    .where('status', '=', 'due')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** Follow-ups missed at an organisation since a time: the count commissioners and managers watch. */
export async function countMissed(db: Db, organisationId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('follow_ups')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
    .where('missed_at', 'is not', null)
    .where('missed_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
