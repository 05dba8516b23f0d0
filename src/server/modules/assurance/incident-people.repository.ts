/** The people an IG incident affected: person-level, written only with a door value for that person. */
import type { PersonRead } from '../access/door.ts';

/** Links the opened person to the incident; false when already linked. */
export async function linkPerson(
  read: PersonRead,
  incidentId: string,
  by: { staffId: string; at: string },
): Promise<boolean> {
  const res = await read.db
    .insertInto('ig_incident_people')
    .values({ incident_id: incidentId, person_id: read.personId, linked_by: by.staffId, linked_at: by.at })
    .onConflict((oc) => oc.columns(['incident_id', 'person_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}
