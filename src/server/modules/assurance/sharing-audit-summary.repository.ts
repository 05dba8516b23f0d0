/**
 * Monthly information-sharing audit results as aggregates for the evidence pack: per organisation
 * and month, how many disclosures were checked, how many failed (the auditor's result where they
 * overrode, else the automatic one), and the corrective actions raised and closed. No person-level
 * data: the items name audit entries, and only counts leave this file.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export interface SharingAuditSummaryRow {
  readonly month: string;
  readonly organisationName: string;
  readonly checked: number;
  readonly exceptions: number;
  readonly correctiveActions: number;
  readonly actionsClosed: number;
  /** True when an IG lead drew the sample by hand rather than the monthly job. */
  readonly drawnByHand: boolean;
}

/** The audits of these organisations for months `from` to `to` (YYYY-MM, inclusive), oldest first. */
export async function summariseSharingAudits(
  db: Db,
  organisationIds: readonly string[],
  from: string,
  to: string,
): Promise<SharingAuditSummaryRow[]> {
  if (organisationIds.length === 0) return [];
  const rows = await db
    .selectFrom('sharing_audits as a')
    .innerJoin('organisations as o', 'o.id', 'a.organisation_id')
    .where('a.organisation_id', 'in', [...organisationIds])
    .where('a.month', '>=', from)
    .where('a.month', '<=', to)
    .select((eb) => [
      'a.month',
      'o.name as organisationName',
      'a.sample_size as checked',
      'a.drawn_by',
      eb
        .selectFrom('sharing_audit_items as i')
        .whereRef('i.audit_id', '=', 'a.id')
        .where(sql<string>`coalesce(i.final_result, i.auto_result)`, '=', 'fail')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('exceptions'),
      eb
        .selectFrom('corrective_actions as c')
        .whereRef('c.audit_id', '=', 'a.id')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('correctiveActions'),
      eb
        .selectFrom('corrective_actions as c')
        .whereRef('c.audit_id', '=', 'a.id')
        .where('c.status', '=', 'closed')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('actionsClosed'),
    ])
    .orderBy('a.month')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({
    month: r.month,
    organisationName: r.organisationName,
    checked: Number(r.checked),
    exceptions: Number(r.exceptions ?? 0),
    correctiveActions: Number(r.correctiveActions ?? 0),
    actionsClosed: Number(r.actionsClosed ?? 0),
    drawnByHand: r.drawn_by !== null,
  }));
}
