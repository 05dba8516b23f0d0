/** The partnership's agreement settings: one row. */
import type { Db } from '../../db/database.ts';

/** What the partnership chose for agreements. */
export interface AgreementSettings {
  /** An active agreement past its review date is suspended automatically. */
  readonly autoSuspendPastReview: boolean;
  readonly updatedBy: string | null;
  readonly updatedAt: string | null;
}

/** The settings (the migration inserts the row). */
export async function loadAgreementSettings(db: Db): Promise<AgreementSettings> {
  const row = await db.selectFrom('agreement_settings').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    autoSuspendPastReview: Number(row?.auto_suspend_past_review ?? 0) === 1,
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

/** Records the settings. */
export async function saveAgreementSettings(
  db: Db,
  s: { autoSuspendPastReview: boolean; updatedBy: string; updatedAt: string },
): Promise<void> {
  await db
    .updateTable('agreement_settings')
    .set({
      auto_suspend_past_review: s.autoSuspendPastReview ? 1 : 0,
      updated_by: s.updatedBy,
      updated_at: s.updatedAt,
    })
    .where('id', '=', 1)
    .execute();
}
