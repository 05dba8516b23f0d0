/**
 * The weekly draw of managers' samples, run as a background job. Each team's sample is drawn in
 * its own transaction with its audit entry; the unique (team, week) makes a second run, a second
 * process or a run after a crash draw nothing again, and a team whose draw failed is drawn next run.
 */
import { randomBytes } from 'node:crypto';
import { SAMPLE_SIZE } from '../../../contracts/sampling.ts';
import type { Database } from '../../db/database.ts';
import { openView } from '../../db/governed.ts';
import { type SystemAccess, systemDb, systemTx } from '../../db/system-db.ts';
import { AuditWriter } from '../audit/index.ts';
import {
  countEscalationsByPerson,
  findTeamEscalations,
  findTeamsWithManagers,
  insertSample,
} from './sampling.repository.ts';
import {
  addDays,
  drawSample,
  lastCompleteWeek,
  repeatWindowStart,
  type SampleCandidate,
  type SampleWeek,
  ukMidnight,
} from './sampling.ts';

/** What a run did. */
export interface SamplingRunResult {
  drawn: number;
  week: string;
}

/** Options of a run: the writer, and a seed maker (tests fix it; by default 128 random bits). */
export interface SamplingOptions {
  audit?: AuditWriter;
  seedFor?: (teamId: string, week: SampleWeek) => string;
  /** An id maker for the sample rows (the demo loader passes its seeded generator). */
  idFor?: () => string;
}

/** One team's draw: who, which week, from which seed, when. */
export interface TeamDraw {
  id: string;
  teamId: string;
  organisationId: string;
  managerStaffId: string;
  week: SampleWeek;
  seed: string;
  drawnAt: string;
}

/**
 * Draws a team's sample from the week's escalations and stores it with its unreviewed items, each
 * counting the person's escalations in the repeat window. False when the team already has one.
 */
export async function insertDrawnSample(
  access: SystemAccess,
  found: readonly { id: string; person_id: string; sent_at: string }[],
  draw: TeamDraw,
): Promise<{ inserted: boolean; sampled: SampleCandidate[] }> {
  const sampled = drawSample(
    found.map((h) => ({ handoverId: h.id, personId: h.person_id, sentAt: h.sent_at })),
    draw.seed,
    SAMPLE_SIZE,
  );
  const repeats = await countEscalationsByPerson(
    access,
    draw.organisationId,
    [...new Set(sampled.map((s) => s.personId))],
    repeatWindowStart(draw.week),
    draw.week.toInstant,
  );
  const inserted = await insertSample(
    access,
    {
      id: draw.id,
      team_id: draw.teamId,
      organisation_id: draw.organisationId,
      manager_staff_id: draw.managerStaffId,
      week_start: draw.week.start,
      week_end: draw.week.end,
      seed: draw.seed,
      drawn_at: draw.drawnAt,
      // Reviewed by the end of the week after the draw.
      due_at: ukMidnight(addDays(draw.week.end, 7)),
      population: found.length,
      size: sampled.length,
      reviewed: 0,
    },
    sampled.map((s, position) => ({
      sample_id: draw.id,
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
  return { inserted, sampled };
}

/** Draws last week's sample for every team with a service manager that has none yet. */
export async function drawWeeklySamples(
  database: Database,
  now: Date,
  options: SamplingOptions = {},
): Promise<SamplingRunResult> {
  const audit = options.audit ?? new AuditWriter(database);
  const week = lastCompleteWeek(now);
  const result = { drawn: 0, week: week.start };
  // A timer has no caller to decide for; each sampled handover is read by its manager through the door.
  const system = systemDb(database, 'background-job');
  for (const team of await findTeamsWithManagers(openView(system.db))) {
    await database.db.transaction().execute(async (tx) => {
      const access = systemTx(tx, 'background-job');
      const found = await findTeamEscalations(access, team.teamId, week.fromInstant, week.toInstant);
      const seed = options.seedFor?.(team.teamId, week) ?? randomBytes(16).toString('hex');
      const id = options.idFor?.() ?? crypto.randomUUID();
      const { inserted, sampled } = await insertDrawnSample(access, found, {
        id,
        teamId: team.teamId,
        organisationId: team.organisationId,
        managerStaffId: team.managerStaffId,
        week,
        seed,
        drawnAt: now.toISOString(),
      });
      if (!inserted) return;
      result.drawn += 1;
      await audit.appendInTransaction(
        tx,
        [
          {
            action: 'handover.sample.draw',
            outcome: 'success',
            actor: null,
            target: { type: 'handover_sample', id },
            details: {
              teamId: team.teamId,
              week: week.start,
              population: found.length,
              size: sampled.length,
            },
          },
        ],
        now,
        null,
      );
    });
  }
  return result;
}
