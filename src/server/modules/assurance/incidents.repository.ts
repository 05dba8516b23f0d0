/** IG incidents and the audit entries they link (no person-level data: see incident-people.repository). */
import type { Db } from '../../db/database.ts';
import type { IgIncidentRow } from './assurance.tables.ts';

/** One incident. */
export async function findIncident(db: Db, id: string): Promise<IgIncidentRow | undefined> {
  return db.selectFrom('ig_incidents').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An organisation's incidents, newest first, over its index. */
export async function findIncidents(db: Db, organisationId: string, limit = 100): Promise<IgIncidentRow[]> {
  return db
    .selectFrom('ig_incidents')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** An organisation's reportable incidents whose ICO notification is still outstanding. */
export async function findNotificationsDue(db: Db, organisationId: string): Promise<IgIncidentRow[]> {
  return db
    .selectFrom('ig_incidents')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('notify_ico_by', 'is not', null)
    .where('ico_notified_at', 'is', null)
    .orderBy('notify_ico_by')
    .orderBy('id')
    .limit(200)
    .execute();
}

/** The audit entries an incident links, in link order. */
export async function findIncidentEntries(db: Db, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('ig_incident_audit_entries')
    .select('audit_entry_id')
    .where('incident_id', '=', id)
    .orderBy('audit_entry_id')
    .execute();
  return rows.map((r) => r.audit_entry_id);
}

/** Which of the ids are audit entries. */
export async function existingEntries(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('audit_entries')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Records an incident with its audit entry links. */
export async function insertIncident(db: Db, row: IgIncidentRow, entryIds: readonly string[]): Promise<void> {
  await db.insertInto('ig_incidents').values(row).execute();
  if (entryIds.length > 0)
    await db
      .insertInto('ig_incident_audit_entries')
      .values([...new Set(entryIds)].map((audit_entry_id) => ({ incident_id: row.id, audit_entry_id })))
      .execute();
}

/** Changes an incident's fields. */
export async function updateIncident(db: Db, id: string, set: Partial<IgIncidentRow>): Promise<void> {
  await db.updateTable('ig_incidents').set(set).where('id', '=', id).execute();
}

/** Counts one more person affected. */
export async function countPersonAffected(db: Db, id: string): Promise<void> {
  await db
    .updateTable('ig_incidents')
    .set((eb) => ({ people_affected: eb('people_affected', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/** The evidence entries of an anomaly case. */
export async function caseEvidence(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('investigation_evidence')
    .select('audit_entry_id')
    .where('case_id', '=', caseId)
    .limit(100)
    .execute();
  return rows.map((r) => r.audit_entry_id);
}

/** The incident an anomaly case was promoted to, if any. */
export async function incidentOfCase(db: Db, caseId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('ig_incidents')
    .select('id')
    .where('anomaly_case_id', '=', caseId)
    .executeTakeFirst();
  return row?.id;
}
