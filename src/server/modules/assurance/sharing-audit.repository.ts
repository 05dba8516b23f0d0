/** The monthly sharing audit's own tables and the audit-log reads it samples from (no person-level tables). */
import type { Db } from '../../db/database.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import { actionsOfKind } from '../audit/audit-actions.ts';
import type {
  CorrectiveActionCheckRow,
  CorrectiveActionRow,
  SharingAuditItemRow,
  SharingAuditRow,
} from './sharing-audit.tables.ts';

const DISCLOSURE_ACTIONS = actionsOfKind('disclosure');

/**
 * The ids of a month's disclosures the organisation took part in (as the data's owner or its
 * recipient), ordered by id. One range read of the month over the log's time index.
 */
export async function findMonthDisclosureIds(
  db: Db,
  organisationId: string,
  bounds: { from: string; to: string },
): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_entries')
    .select('id')
    .where('recorded_at', '>=', bounds.from)
    .where('recorded_at', '<', bounds.to)
    .where('action', 'in', DISCLOSURE_ACTIONS)
    .where('outcome', '=', 'permit')
    .whereRef('owner_org_id', '<>', 'recipient_org_id')
    .where((eb) =>
      eb.or([eb('owner_org_id', '=', organisationId), eb('recipient_org_id', '=', organisationId)]),
    )
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Audit entries by id. */
export async function findEntriesById(db: Db, ids: readonly string[]): Promise<Map<string, AuditEntryRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_entries')
    .selectAll()
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Records an audit and its items; false when the organisation's month was already drawn. */
export async function insertAudit(
  db: Db,
  audit: SharingAuditRow,
  items: readonly SharingAuditItemRow[],
): Promise<boolean> {
  const res = await db
    .insertInto('sharing_audits')
    .values(audit)
    .onConflict((oc) => oc.columns(['organisation_id', 'month']).doNothing())
    .executeTakeFirst();
  if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
  if (items.length > 0)
    await db
      .insertInto('sharing_audit_items')
      .values([...items])
      .execute();
  return true;
}

/** One audit. */
export async function findAudit(db: Db, id: string): Promise<SharingAuditRow | undefined> {
  return db.selectFrom('sharing_audits').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An organisation's audit of a month. */
export async function findAuditOfMonth(
  db: Db,
  organisationId: string,
  month: string,
): Promise<SharingAuditRow | undefined> {
  return db
    .selectFrom('sharing_audits')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('month', '=', month)
    .executeTakeFirst();
}

/** An organisation's audits, newest month first (a year of trend at most). */
export async function findAudits(db: Db, organisationId: string, limit = 24): Promise<SharingAuditRow[]> {
  return db
    .selectFrom('sharing_audits')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('month', 'desc')
    .limit(limit)
    .execute();
}

/** The items of audits, in sample order. */
export async function findItems(db: Db, auditIds: readonly string[]): Promise<SharingAuditItemRow[]> {
  if (auditIds.length === 0) return [];
  return db
    .selectFrom('sharing_audit_items')
    .selectAll()
    .where('audit_id', 'in', [...auditIds])
    .orderBy('audit_id')
    .orderBy('position')
    .execute();
}

/** One item of an audit. */
export async function findItem(
  db: Db,
  auditId: string,
  itemId: string,
): Promise<SharingAuditItemRow | undefined> {
  return db
    .selectFrom('sharing_audit_items')
    .selectAll()
    .where('audit_id', '=', auditId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

/** Records the auditor's confirmation or override of an item. */
export async function updateItemReview(
  db: Db,
  id: string,
  set: Pick<SharingAuditItemRow, 'review' | 'final_result' | 'review_reason' | 'reviewed_by' | 'reviewed_at'>,
): Promise<void> {
  await db.updateTable('sharing_audit_items').set(set).where('id', '=', id).execute();
}

/** Records a corrective action. */
export async function insertAction(db: Db, row: CorrectiveActionRow): Promise<void> {
  await db.insertInto('corrective_actions').values(row).execute();
}

/** One corrective action. */
export async function findAction(db: Db, id: string): Promise<CorrectiveActionRow | undefined> {
  return db.selectFrom('corrective_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Corrective actions raised in the given audits. */
export async function findActionsOfAudits(
  db: Db,
  auditIds: readonly string[],
): Promise<CorrectiveActionRow[]> {
  if (auditIds.length === 0) return [];
  return db
    .selectFrom('corrective_actions')
    .selectAll()
    .where('audit_id', 'in', [...auditIds])
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

/** An organisation's actions raised before a month's audit and not yet found closed by a re-audit. */
export async function findActionsToRecheck(
  db: Db,
  organisationId: string,
  beforeMonth: string,
): Promise<CorrectiveActionRow[]> {
  return db
    .selectFrom('corrective_actions as c')
    .innerJoin('sharing_audits as a', 'a.id', 'c.audit_id')
    .selectAll('c')
    .where('c.organisation_id', '=', organisationId)
    .where('a.month', '<', beforeMonth)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('corrective_action_checks as k')
            .select('k.id')
            .whereRef('k.action_id', '=', 'c.id')
            .where('k.action_closed', '=', 1),
        ),
      ),
    )
    .orderBy('c.id')
    .execute();
}

/** Records what a re-audit found about an action (once per action and audit). */
export async function insertChecks(db: Db, rows: readonly CorrectiveActionCheckRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('corrective_action_checks')
    .values([...rows])
    .onConflict((oc) => oc.columns(['action_id', 'audit_id']).doNothing())
    .execute();
}

/** Re-audit findings recorded about the given actions. */
export async function findChecks(db: Db, actionIds: readonly string[]): Promise<CorrectiveActionCheckRow[]> {
  if (actionIds.length === 0) return [];
  return db
    .selectFrom('corrective_action_checks')
    .selectAll()
    .where('action_id', 'in', [...actionIds])
    .orderBy('checked_at')
    .execute();
}

/** Re-audit findings a given audit recorded. */
export async function findChecksOfAudits(
  db: Db,
  auditIds: readonly string[],
): Promise<CorrectiveActionCheckRow[]> {
  if (auditIds.length === 0) return [];
  return db
    .selectFrom('corrective_action_checks')
    .selectAll()
    .where('audit_id', 'in', [...auditIds])
    .execute();
}

/** Closes an action. */
export async function closeActionRow(
  db: Db,
  id: string,
  set: Pick<CorrectiveActionRow, 'closed_by' | 'closed_at' | 'closure_note'>,
): Promise<void> {
  await db
    .updateTable('corrective_actions')
    .set({ ...set, status: 'closed' })
    .where('id', '=', id)
    .execute();
}

/** Open corrective actions an owner must do, by due date, over the owner index. */
export async function findOpenActionsOwned(
  db: Db,
  staffId: string,
  limit = 200,
): Promise<CorrectiveActionRow[]> {
  return db
    .selectFrom('corrective_actions')
    .selectAll()
    .where('owner_staff_id', '=', staffId)
    .where('status', '=', 'open')
    .orderBy('due_on')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Organisations with an IG lead: those that run a monthly audit. */
export async function findAuditingOrganisations(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('staff as s')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select('s.organisation_id')
    .distinct()
    .where('r.role', '=', 'ig_lead')
    .where('s.active', '=', 1)
    .orderBy('s.organisation_id')
    .execute();
  return rows.map((r) => r.organisation_id);
}
