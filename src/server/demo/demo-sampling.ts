/**
 * The demo's manager sampling: the community team's sample of last week's crisis escalation
 * summaries, drawn as the weekly job draws it (from a kept seed), partly reviewed, with the
 * finding written up as a supervision note for the coordinator who sent the summary.
 */
import type { FullTx } from '../db/database.ts';
import { systemTx } from '../db/system-db.ts';
import { insertDrawnSample } from '../modules/exchange/sampling.job.ts';
import { findTeamEscalations } from '../modules/exchange/sampling.repository.ts';
import { lastCompleteWeek } from '../modules/exchange/sampling.ts';
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
  const id = demoId(`handover-sample:cmht:${week.start}`);
  // Drawn first thing on the Monday after the week, as the hourly job would.
  const drawnAt = new Date(Date.parse(week.toInstant) + HOUR).toISOString();
  const { sampled } = await insertDrawnSample(system, found, {
    id,
    teamId: team,
    organisationId: organisationId('trust'),
    managerStaffId: manager,
    week,
    seed,
    drawnAt,
  });
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
