/**
 * Managers' samples of crisis escalation summaries and the supervision notes their findings
 * become. Sampled items and notes are person-level (governed): read and written here only, with
 * the caller's standing (`ListAccess`, narrowed to what is theirs) or the weekly job's named handle.
 */
import type { Db } from '../../db/database.ts';
import type { SystemAccess } from '../../db/system-db.ts';
import type { ListAccess } from '../access/index.ts';
import type { HandoverSampleItemRow, HandoverSampleRow, SupervisionNoteRow } from './sampling.tables.ts';

/** The template whose summaries managers sample. */
export const SAMPLED_TEMPLATE = 'CRISIS_ESCALATION';

/** A team with the service manager who samples it: its first active service manager by username. */
export interface SampledTeam {
  readonly teamId: string;
  readonly organisationId: string;
  readonly managerStaffId: string;
}

/** Every team with an active service manager among its members. */
export async function findTeamsWithManagers(db: Db): Promise<SampledTeam[]> {
  const rows = await db
    .selectFrom('teams as t')
    .innerJoin('staff_teams as st', 'st.team_id', 't.id')
    .innerJoin('staff as s', 's.id', 'st.staff_id')
    .innerJoin('staff_roles as r', 'r.staff_id', 's.id')
    .select(['t.id as team_id', 't.organisation_id', 's.id as staff_id', 's.username'])
    .where('s.active', '=', 1)
    .where('r.role', '=', 'service_manager')
    .orderBy('t.id')
    .orderBy('s.username')
    .execute();
  const teams = new Map<string, SampledTeam>();
  for (const r of rows)
    if (!teams.has(r.team_id))
      teams.set(r.team_id, {
        teamId: r.team_id,
        organisationId: r.organisation_id,
        managerStaffId: r.staff_id,
      });
  return [...teams.values()];
}

/** The teams a member of staff belongs to, with their names. */
export async function findTeamsOf(db: Db, staffId: string): Promise<{ id: string; name: string }[]> {
  return db
    .selectFrom('staff_teams as st')
    .innerJoin('teams as t', 't.id', 'st.team_id')
    .select(['t.id', 't.name'])
    .where('st.staff_id', '=', staffId)
    .orderBy('t.name')
    .execute();
}

/** Crisis escalation summaries sent by the team's members in [from, to) (the weekly job's read). */
export async function findTeamEscalations(
  system: SystemAccess,
  teamId: string,
  from: string,
  to: string,
): Promise<{ id: string; person_id: string; sent_at: string }[]> {
  return system.db
    .selectFrom('handovers')
    .select(['id', 'person_id', 'sent_at'])
    .where('template_key', '=', SAMPLED_TEMPLATE)
    .where('sender_staff_id', 'in', (eb) =>
      eb.selectFrom('staff_teams').select('staff_id').where('team_id', '=', teamId),
    )
    .where('sent_at', '>=', from)
    .where('sent_at', '<', to)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
}

/**
 * Crisis escalations about each person in [from, to) sent by the sampling team's organisation:
 * repeat escalations show here. Other organisations' escalations are theirs to review, and would
 * tell the manager about contacts their own organisation never had.
 */
export async function countEscalationsByPerson(
  system: SystemAccess,
  organisationId: string,
  personIds: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await system.db
    .selectFrom('handovers')
    .select((eb) => ['person_id', eb.fn.countAll<number>().as('n')])
    .where('template_key', '=', SAMPLED_TEMPLATE)
    .where('sender_org_id', '=', organisationId)
    .where('person_id', 'in', [...personIds])
    .where('sent_at', '>=', from)
    .where('sent_at', '<', to)
    .groupBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
}

/**
 * Stores a sample with its items unless the team's week was already drawn (by an earlier run or
 * another process): the unique (team, week) makes a second draw a no-op. True when this call drew it.
 */
export async function insertSample(
  system: SystemAccess,
  sample: HandoverSampleRow,
  items: readonly HandoverSampleItemRow[],
): Promise<boolean> {
  const inserted = await system.db
    .insertInto('handover_samples')
    .values(sample)
    .onConflict((oc) => oc.columns(['team_id', 'week_start']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (items.length > 0)
    await system.db
      .insertInto('handover_sample_items')
      .values([...items])
      .execute();
  return true;
}

/** The caller's samples, newest week first. */
export async function findSamplesFor(
  list: ListAccess,
  limit: number,
): Promise<(HandoverSampleRow & { team_name: string })[]> {
  return list.db
    .selectFrom('handover_samples as s')
    .innerJoin('teams as t', 't.id', 's.team_id')
    .selectAll('s')
    .select('t.name as team_name')
    .where('s.manager_staff_id', '=', list.staffId)
    .orderBy('s.week_start', 'desc')
    .orderBy('t.name')
    .limit(limit)
    .execute();
}

/** One of the caller's samples; undefined when it is not theirs. */
export async function findSampleFor(
  list: ListAccess,
  id: string,
): Promise<(HandoverSampleRow & { team_name: string }) | undefined> {
  return list.db
    .selectFrom('handover_samples as s')
    .innerJoin('teams as t', 't.id', 's.team_id')
    .selectAll('s')
    .select('t.name as team_name')
    .where('s.id', '=', id)
    .where('s.manager_staff_id', '=', list.staffId)
    .executeTakeFirst();
}

/** A sampled item with what the sample page shows of its handover. */
export type SampleItemView = HandoverSampleItemRow & {
  sent_at: string;
  acknowledged_at: string | null;
  sender_staff_id: string;
  sender_name: string;
};

/** The items of one of the caller's samples, in sample order. */
export async function findSampleItems(list: ListAccess, sampleId: string): Promise<SampleItemView[]> {
  return list.db
    .selectFrom('handover_sample_items as i')
    .innerJoin('handover_samples as s', 's.id', 'i.sample_id')
    .innerJoin('handovers as h', 'h.id', 'i.handover_id')
    .innerJoin('staff as st', 'st.id', 'h.sender_staff_id')
    .selectAll('i')
    .select(['h.sent_at', 'h.acknowledged_at', 'h.sender_staff_id', 'st.display_name as sender_name'])
    .where('i.sample_id', '=', sampleId)
    .where('s.manager_staff_id', '=', list.staffId)
    .orderBy('i.position')
    .execute();
}

/** Whether the handover was sampled for the caller: a sampling manager reads it like a party. */
export async function isSampledFor(list: ListAccess, handoverId: string): Promise<boolean> {
  const row = await list.db
    .selectFrom('handover_sample_items as i')
    .innerJoin('handover_samples as s', 's.id', 'i.sample_id')
    .select('i.handover_id')
    .where('i.handover_id', '=', handoverId)
    .where('s.manager_staff_id', '=', list.staffId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records a finding on an item not yet reviewed, with the supervision note it becomes, and counts
 * it on the sample. The condition on `reviewed_at` makes a second finding (or a race of two)
 * change nothing. True when this call recorded it.
 */
export async function recordFinding(
  list: ListAccess,
  item: { sampleId: string; handoverId: string },
  note: SupervisionNoteRow,
): Promise<boolean> {
  const done = await list.db
    .updateTable('handover_sample_items')
    .set({
      reviewed_at: note.created_at,
      reviewed_by: list.staffId,
      complete: note.complete,
      shared_appropriately: note.shared_appropriately,
      reflected_in_record: note.reflected_in_record,
      note: note.note,
      supervision_note_id: note.id,
    })
    .where('sample_id', '=', item.sampleId)
    .where('handover_id', '=', item.handoverId)
    .where('reviewed_at', 'is', null)
    .where('sample_id', 'in', (eb) =>
      eb.selectFrom('handover_samples').select('id').where('manager_staff_id', '=', list.staffId),
    )
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) !== 1) return false;
  await list.db.insertInto('supervision_notes').values(note).execute();
  await list.db
    .updateTable('handover_samples')
    .set((eb) => ({ reviewed: eb('reviewed', '+', 1) }))
    .where('id', '=', item.sampleId)
    .execute();
  return true;
}

/** Crisis escalations sent by members of the teams since an instant: the timeliness figures' rows. */
export async function findTeamTimeliness(
  list: ListAccess,
  teamIds: readonly string[],
  from: string,
): Promise<{ sent_at: string; due_at: string; acknowledged_at: string | null }[]> {
  if (teamIds.length === 0) return [];
  return list.db
    .selectFrom('handovers')
    .select(['sent_at', 'due_at', 'acknowledged_at'])
    .where('template_key', '=', SAMPLED_TEMPLATE)
    .where('sender_staff_id', 'in', (eb) =>
      eb
        .selectFrom('staff_teams')
        .select('staff_id')
        .where('team_id', 'in', [...teamIds]),
    )
    .where('sent_at', '>=', from)
    .execute();
}
