/** DPIAs: stored whole, their measures' control links as JSON, never their measured state. */
import type { Db } from '../../db/database.ts';
import type { DpiaRow } from './agreements.tables.ts';

/** A stored DPIA with its DPO's name. */
export type DpiaRecord = DpiaRow & { signer_name: string | null };

function query(db: Db) {
  return db
    .selectFrom('dpias as d')
    .leftJoin('staff as s', 's.id', 'd.signed_off_by')
    .selectAll('d')
    .select('s.display_name as signer_name');
}

/** One DPIA. */
export async function findDpia(db: Db, id: string): Promise<DpiaRecord | undefined> {
  return query(db).where('d.id', '=', id).executeTakeFirst();
}

/** DPIAs by review date (a partnership holds tens; bounded). */
export async function findDpias(db: Db, limit = 200): Promise<DpiaRecord[]> {
  return query(db).orderBy('d.review_date').orderBy('d.id').limit(limit).execute();
}

/** An organisation's DPIAs whose review falls on or before a date, over the review-date index. */
export async function findDpiasForReview(db: Db, organisationId: string, by: string): Promise<DpiaRecord[]> {
  return query(db)
    .where('d.organisation_id', '=', organisationId)
    .where('d.review_date', '<=', by)
    .orderBy('d.review_date')
    .orderBy('d.id')
    .limit(200)
    .execute();
}

/** Records a new DPIA. */
export async function insertDpia(db: Db, row: DpiaRow): Promise<void> {
  await db.insertInto('dpias').values(row).execute();
}

/** Records the DPO's sign-off and the next review date. */
export async function signOffDpia(
  db: Db,
  id: string,
  s: { by: string; advice: string; adviceAccepted: boolean; at: string; reviewDate: string },
): Promise<void> {
  await db
    .updateTable('dpias')
    .set({
      signed_off_by: s.by,
      dpo_advice: s.advice,
      advice_accepted: s.adviceAccepted ? 1 : 0,
      signed_off_at: s.at,
      review_date: s.reviewDate,
    })
    .where('id', '=', id)
    .execute();
}

/** True when the staff member holds the organisation's DPO role. */
export async function isDpoOf(db: Db, organisationId: string, staffId: string): Promise<boolean> {
  const row = await db
    .selectFrom('governance_roles')
    .select('staff_id')
    .where('organisation_id', '=', organisationId)
    .where('role', '=', 'DPO')
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  return row !== undefined;
}
