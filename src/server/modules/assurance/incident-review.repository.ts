/** Post-incident reviews and incident actions: organisation-level, no person data. */
import type { Db } from '../../db/database.ts';
import type { IncidentActionRow, IncidentReviewRow } from './incident-review.tables.ts';

/** The incident's review, if written. */
export function findReview(db: Db, incidentId: string): Promise<IncidentReviewRow | undefined> {
  return db
    .selectFrom('ig_incident_reviews')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .executeTakeFirst();
}

/** Writes the review at the next version; false when another writer got there first. */
export async function saveReview(db: Db, row: IncidentReviewRow): Promise<boolean> {
  if (row.version === 1) {
    const res = await db
      .insertInto('ig_incident_reviews')
      .values(row)
      .onConflict((oc) => oc.column('incident_id').doNothing())
      .executeTakeFirst();
    return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const res = await db
    .updateTable('ig_incident_reviews')
    .set({
      weak_points: row.weak_points,
      what_held: row.what_held,
      version: row.version,
      reviewed_by: row.reviewed_by,
      reviewed_at: row.reviewed_at,
    })
    .where('incident_id', '=', row.incident_id)
    .where('version', '=', row.version - 1)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** An action with its owner's name and its incident's title and organisation. */
export type IncidentActionRecord = IncidentActionRow & {
  owner_name: string;
  incident_title: string;
  organisation_id: string;
};

const actions = (db: Db) =>
  db
    .selectFrom('ig_incident_actions as a')
    .innerJoin('staff as s', 's.id', 'a.owner_staff_id')
    .innerJoin('ig_incidents as i', 'i.id', 'a.incident_id')
    .selectAll('a')
    .select(['s.display_name as owner_name', 'i.title as incident_title', 'i.organisation_id']);

/** The incident's actions, by due date. */
export function findActionsOf(db: Db, incidentId: string): Promise<IncidentActionRecord[]> {
  return actions(db).where('a.incident_id', '=', incidentId).orderBy('a.due_on').orderBy('a.id').execute();
}

/** One action. */
export function findAction(db: Db, id: string): Promise<IncidentActionRecord | undefined> {
  return actions(db).where('a.id', '=', id).executeTakeFirst();
}

/** The staff member's open actions, soonest due first; bounded. */
export function findOpenActionsOwned(db: Db, staffId: string): Promise<IncidentActionRecord[]> {
  return actions(db)
    .where('a.owner_staff_id', '=', staffId)
    .where('a.status', '=', 'open')
    .orderBy('a.due_on')
    .orderBy('a.id')
    .limit(200)
    .execute();
}

/** Adds an action. */
export async function insertAction(db: Db, row: IncidentActionRow): Promise<void> {
  await db.insertInto('ig_incident_actions').values(row).execute();
}

/** Marks an open action done; false when it was already done. */
export async function completeAction(
  db: Db,
  id: string,
  by: { staffId: string; at: string; note: string },
): Promise<boolean> {
  const res = await db
    .updateTable('ig_incident_actions')
    .set({ status: 'done', completed_by: by.staffId, completed_at: by.at, completion_note: by.note })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
