/**
 * The handovers and risk signals a post-incident review links: person-level, so written only with
 * a door value for the person they concern, and listed only with the caller's standing to investigate.
 */
import type { FlowLinkKind } from '../../../contracts/incident-review.ts';
import type { ListAccess, PersonRead } from '../access/door.ts';

/** True when the handover or signal is the opened person's. */
export async function belongsToPerson(read: PersonRead, kind: FlowLinkKind, id: string): Promise<boolean> {
  const row =
    kind === 'HANDOVER'
      ? await read.db
          .selectFrom('handovers')
          .select('id')
          .where('id', '=', id)
          .where('person_id', '=', read.personId)
          .executeTakeFirst()
      : await read.db
          .selectFrom('risk_signals')
          .select('id')
          .where('id', '=', id)
          .where('person_id', '=', read.personId)
          .executeTakeFirst();
  return row !== undefined;
}

/** Links the opened person's handover or signal to the incident; false when already linked. */
export async function linkFlow(
  read: PersonRead,
  incidentId: string,
  kind: FlowLinkKind,
  id: string,
  by: { staffId: string; at: string },
): Promise<boolean> {
  const res = await read.db
    .insertInto('ig_incident_flow_links')
    .values({
      incident_id: incidentId,
      kind,
      ref_id: id,
      person_id: read.personId,
      linked_by: by.staffId,
      linked_at: by.at,
    })
    .onConflict((oc) => oc.columns(['incident_id', 'kind', 'ref_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The incident's links, in the order they were made; bounded. */
export function findFlowLinks(
  list: ListAccess,
  incidentId: string,
): Promise<{ kind: string; ref_id: string; person_id: string; linked_at: string }[]> {
  return list.db
    .selectFrom('ig_incident_flow_links')
    .select(['kind', 'ref_id', 'person_id', 'linked_at'])
    .where('incident_id', '=', incidentId)
    .orderBy('linked_at')
    .orderBy('ref_id')
    .limit(200)
    .execute();
}
