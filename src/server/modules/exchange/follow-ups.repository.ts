/**
 * Follow-ups after discharge or step-down: person-level, read and written only here, each function
 * taking a door value (a decided person scope, the caller's standing, or a named job).
 */
import type { SystemAccess } from '../../db/system-db.ts';
import type { ListAccess, PersonScope, PersonWrite } from '../access/index.ts';
import type { FollowUpRow } from './exchange.tables.ts';

/** Stores a follow-up for the person the write was decided for (or a job's own). */
export async function insertFollowUp(write: PersonWrite | SystemAccess, row: FollowUpRow): Promise<void> {
  await write.db
    .insertInto('follow_ups')
    .values({ ...row, person_id: 'personId' in write ? write.personId : row.person_id })
    .execute();
}

/** One follow-up of the caller's organisation: another organisation's is not theirs to know. */
export async function findFollowUp(list: ListAccess, id: string): Promise<FollowUpRow | undefined> {
  return list.db
    .selectFrom('follow_ups')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', list.organisationId)
    .executeTakeFirst();
}

/** The scope's person's follow-ups, newest first. */
export async function findFollowUpsForPerson(read: PersonScope): Promise<FollowUpRow[]> {
  return read.db
    .selectFrom('follow_ups')
    .selectAll()
    .where('person_id', '=', read.personId)
    .orderBy('due_at', 'desc')
    .execute();
}

/** Closes a follow-up with the contact made, only if still open (due or missed). True when this call closed it. */
export async function closeFollowUp(
  write: PersonWrite,
  id: string,
  contactAt: string,
  by: string,
): Promise<boolean> {
  const done = await write.db
    .updateTable('follow_ups')
    .set({ status: 'done', contact_at: contactAt, recorded_by: by })
    .where('id', '=', id)
    .where('person_id', '=', write.personId)
    .where('status', 'in', ['due', 'missed'])
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}

/** The scope's person's follow-up by id, as it stands after a change. */
export async function findPersonFollowUp(read: PersonScope, id: string): Promise<FollowUpRow | undefined> {
  return read.db
    .selectFrom('follow_ups')
    .selectAll()
    .where('id', '=', id)
    .where('person_id', '=', read.personId)
    .executeTakeFirst();
}

/** Follow-ups still due whose time has passed (a job's read). */
export async function findOverdueFollowUps(
  system: SystemAccess,
  now: string,
  limit: number,
): Promise<FollowUpRow[]> {
  return system.db
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
  system: SystemAccess,
  id: string,
  at: string,
  escalatedTo: string | null,
): Promise<boolean> {
  const done = await system.db
    .updateTable('follow_ups')
    .set({ status: 'missed', missed_at: at, escalated_to: escalatedTo })
    .where('id', '=', id)
    .where('status', '=', 'due')
    .executeTakeFirst();
  return Number(done.numUpdatedRows) === 1;
}
