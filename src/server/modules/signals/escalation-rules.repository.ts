/** The partnership's stored escalation rules (one row; none means the defaults). */
import type { EscalationRules } from '../../../contracts/signals.ts';
import type { Db } from '../../db/database.ts';
import type { ChangeTx } from '../../db/governed.ts';
import { parseRules } from './escalation.ts';

/** The rules in force, with who last changed them. */
export async function loadEscalationRules(
  db: Db,
): Promise<{ rules: EscalationRules; updatedBy: string | null; updatedAt: string | null }> {
  const row = await db
    .selectFrom('signal_escalation_rules')
    .select(['rules', 'updated_by', 'updated_at'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return {
    rules: parseRules(row?.rules),
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ?? null,
  };
}

/** Replaces the rules, in the change's transaction. */
export async function saveEscalationRules(
  tx: ChangeTx,
  rules: EscalationRules,
  staffId: string,
  at: string,
): Promise<void> {
  const db = tx as unknown as Db;
  const values = { id: 1, rules: JSON.stringify(rules), updated_by: staffId, updated_at: at };
  await db
    .insertInto('signal_escalation_rules')
    .values(values)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ rules: values.rules, updated_by: staffId, updated_at: at }),
    )
    .execute();
}

/**
 * The clinical lead of a team on the care team: an active member holding the clinical role of a
 * team named on it, or of a team of a member of staff on it, first by username so it is stable.
 */
export async function findTeamClinicalLead(
  db: Db,
  teamIds: readonly string[],
  staffIds: readonly string[],
): Promise<{ staffId: string; organisationId: string } | undefined> {
  if (teamIds.length === 0 && staffIds.length === 0) return undefined;
  const teams = db
    .selectFrom('staff_teams')
    .select('team_id')
    .where('staff_id', 'in', staffIds.length > 0 ? [...staffIds] : ['']);
  const row = await db
    .selectFrom('staff_teams as t')
    .innerJoin('staff as s', 's.id', 't.staff_id')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select(['s.id', 's.organisation_id'])
    .where((eb) =>
      eb.or([eb('t.team_id', 'in', teamIds.length > 0 ? [...teamIds] : ['']), eb('t.team_id', 'in', teams)]),
    )
    .where('s.active', '=', 1)
    .where('r.role', '=', 'clinical')
    .orderBy('s.username')
    .executeTakeFirst();
  return row ? { staffId: row.id, organisationId: row.organisation_id } : undefined;
}

/** Display names of staff, by id. */
export async function findStaffNames(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff')
    .select(['id', 'display_name'])
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, r.display_name]));
}
