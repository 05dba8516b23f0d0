/**
 * The demo's manager sampling: the community team's sample of last week's crisis escalation
 * summaries, drawn as the weekly job draws it (from a kept seed), partly reviewed, with the
 * finding written up as a supervision note for the coordinator who sent the summary.
 */
import { SAMPLE_SIZE } from '../../contracts/sampling.ts';
import type { FullTx } from '../db/database.ts';
import { systemTx } from '../db/system-db.ts';
import {
  countEscalationsByPerson,
  findTeamEscalations,
  insertSample,
} from '../modules/exchange/sampling.repository.ts';
import {
  addDays,
  drawSample,
  lastCompleteWeek,
  repeatWindowStart,
  ukMidnight,
} from '../modules/exchange/sampling.ts';
import { demoId, organisationId, staffId, teamId } from './demo-ids.ts';

const HOUR = 3_600_000;

/** Seeds the community team's sample for the last complete week, with one finding recorded. */
export async function seedDemoSamples(full: FullTx, today: Date): Promise<void> {
  // The loader has no caller to decide for; the manager reads what it seeds through the door.
  const system = systemTx(full, 'demo-loader');
  const week = lastCompleteWeek(today);
  const team = teamId('cmht');
  const manager = staffId('mgr.helen');
  const found = await findTeamEscalations(system, team, week.fromInstant, week.toInstant);
  if (found.length === 0) return;
  const seed = `northshire-demo:${week.start}`;
  const sampled = drawSample(
    found.map((h) => ({ handoverId: h.id, personId: h.person_id, sentAt: h.sent_at })),
    seed,
    SAMPLE_SIZE,
  );
  const repeats = await countEscalationsByPerson(
    system,
    organisationId('trust'),
    [...new Set(sampled.map((s) => s.personId))],
    repeatWindowStart(week),
    week.toInstant,
  );
  const id = demoId(`handover-sample:cmht:${week.start}`);
  // Drawn first thing on the Monday after the week, as the hourly job would.
  const drawnAt = new Date(Date.parse(week.toInstant) + HOUR).toISOString();
  await insertSample(
    system,
    {
      id,
      team_id: team,
      organisation_id: organisationId('trust'),
      manager_staff_id: manager,
      week_start: week.start,
      week_end: week.end,
      seed,
      drawn_at: drawnAt,
      due_at: ukMidnight(addDays(week.end, 7)),
      population: found.length,
      size: sampled.length,
      reviewed: 0,
    },
    sampled.map((s, position) => ({
      sample_id: id,
      handover_id: s.handoverId,
      person_id: s.personId,
      position,
      escalations_in_window: repeats.get(s.personId) ?? 1,
      reviewed_at: null,
      reviewed_by: null,
      complete: null,
      shared_appropriately: null,
      reflected_in_record: null,
      note: null,
      supervision_note_id: null,
    })),
  );
  const first = sampled[0];
  if (!first) return;
  const { sender_staff_id: sender } = await system.db
    .selectFrom('handovers')
    .select('sender_staff_id')
    .where('id', '=', first.handoverId)
    .executeTakeFirstOrThrow();
  // Partly reviewed: the first summary has a finding, written up for its sender.
  const reviewedAt = new Date(Math.min(today.getTime(), Date.parse(drawnAt) + 2 * HOUR)).toISOString();
  const noteId = demoId(`supervision-note:${id}:0`);
  const finding = {
    complete: 0,
    shared_appropriately: 1,
    reflected_in_record: 1,
    note: 'Clear request and time sensitivity; safeguarding concerns left blank rather than stating none known.',
  };
  await system.db
    .insertInto('supervision_notes')
    .values({
      id: noteId,
      staff_id: sender,
      written_by: manager,
      sample_id: id,
      handover_id: first.handoverId,
      person_id: first.personId,
      ...finding,
      created_at: reviewedAt,
    })
    .execute();
  await system.db
    .updateTable('handover_sample_items')
    .set({ ...finding, reviewed_at: reviewedAt, reviewed_by: manager, supervision_note_id: noteId })
    .where('sample_id', '=', id)
    .where('handover_id', '=', first.handoverId)
    .execute();
  await system.db.updateTable('handover_samples').set({ reviewed: 1 }).where('id', '=', id).execute();
}
