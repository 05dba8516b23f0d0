/** Scenario guidance versions, guide acknowledgements and the governance contacts a guide names. */

import type { StaffRole } from '../../../contracts/enums.ts';
import { type Scenario, SITUATION_LABELS, type Situation } from '../../../contracts/sharing-guide.ts';
import type { Db } from '../../db/database.ts';
import type { GuideAcknowledgementRow, ScenarioGuidanceRow } from './sharing-guide.tables.ts';

function scenarioOf(r: ScenarioGuidanceRow): Scenario {
  const situation = r.situation as Situation;
  return {
    situation,
    label: SITUATION_LABELS[situation],
    version: Number(r.version),
    body: r.body,
    changeNote: r.change_note,
    disputeId: r.dispute_id,
    updatedAt: r.created_at,
  };
}

/** The latest version of each situation's guidance for the organisation. */
export async function findLatestScenarios(db: Db, organisationId: string): Promise<Scenario[]> {
  const rows = await db
    .selectFrom('scenario_guidance as g')
    .selectAll('g')
    .where('g.organisation_id', '=', organisationId)
    .where(({ eb, selectFrom }) =>
      eb(
        'g.version',
        '=',
        selectFrom('scenario_guidance as h')
          .select((x) => x.fn.max('h.version').as('v'))
          .whereRef('h.organisation_id', '=', 'g.organisation_id')
          .whereRef('h.situation', '=', 'g.situation'),
      ),
    )
    .execute();
  return rows.map(scenarioOf);
}

/** Every version of one situation's guidance, newest first. */
export async function findScenarioVersions(
  db: Db,
  organisationId: string,
  situation: Situation,
): Promise<Scenario[]> {
  const rows = await db
    .selectFrom('scenario_guidance')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('situation', '=', situation)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(scenarioOf);
}

/**
 * Adds a version; false when another editor added this version number first (the unique
 * constraint decides, so two editors cannot both write version n).
 */
export async function insertScenario(db: Db, row: ScenarioGuidanceRow): Promise<boolean> {
  const res = await db
    .insertInto('scenario_guidance')
    .values(row)
    .onConflict((oc) => oc.columns(['organisation_id', 'situation', 'version']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** The staff member's latest acknowledgement of their guide for a role. */
export async function findLatestGuideAcknowledgement(
  db: Db,
  staffId: string,
  organisationId: string,
  role: StaffRole,
): Promise<GuideAcknowledgementRow | undefined> {
  return db
    .selectFrom('guide_acknowledgements')
    .selectAll()
    .where('staff_id', '=', staffId)
    .where('organisation_id', '=', organisationId)
    .where('role', '=', role)
    .orderBy('acknowledged_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

/** Records an acknowledgement. */
export async function insertGuideAcknowledgement(db: Db, row: GuideAcknowledgementRow): Promise<void> {
  await db.insertInto('guide_acknowledgements').values(row).execute();
}

/** Active staff of the organisation holding one of the roles, with each role they hold. */
export function findStaffWithRoles(
  db: Db,
  organisationId: string,
  roles: readonly StaffRole[],
): Promise<{ staff_id: string; display_name: string; role: string }[]> {
  return db
    .selectFrom('staff as s')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select(['s.id as staff_id', 's.display_name', 'r.role'])
    .where('s.organisation_id', '=', organisationId)
    .where('s.active', '=', 1)
    .where('r.role', 'in', [...roles])
    .orderBy('s.display_name')
    .orderBy('r.role')
    .limit(1000)
    .execute();
}

/** Every acknowledgement given by the organisation's staff, newest first per staff and role. */
export function findOrganisationAcknowledgements(
  db: Db,
  organisationId: string,
): Promise<GuideAcknowledgementRow[]> {
  return db
    .selectFrom('guide_acknowledgements')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('acknowledged_at', 'desc')
    .execute();
}

/** The organisation's IG lead, DPO and Caldicott guardian: whom staff ask. */
export function findGuideContacts(db: Db, organisationId: string): Promise<{ role: string; name: string }[]> {
  return db
    .selectFrom('governance_roles as g')
    .innerJoin('staff as s', 's.id', 'g.staff_id')
    .select(['g.role as role', 's.display_name as name'])
    .where('g.organisation_id', '=', organisationId)
    .where('g.role', 'in', ['IG_LEAD', 'DPO', 'CALDICOTT_GUARDIAN'])
    .orderBy('g.role')
    .execute();
}

/** A dispute by id alone, with the parties of its agreement's current version read by the caller. */
export function findDisputeById(
  db: Db,
  id: string,
): Promise<{ agreement_id: string; outcome: string | null; guidance_changed: number } | undefined> {
  return db
    .selectFrom('agreement_disputes')
    .select(['agreement_id', 'outcome', 'guidance_changed'])
    .where('id', '=', id)
    .executeTakeFirst();
}
