/**
 * Twelve months of reporting history for the trust's people, so every commissioner metric has a
 * trend: referrals from partners (most accepted, with pathway episodes and their stage moves),
 * crisis escalations acknowledged in time, late or not at all, 72-hour follow-ups after discharge,
 * and care-plan reviews held on time, late or overdue with coded ReQoL-10, HoNOS, DIALOG and GBO
 * scores, and care contacts attended, missed and cancelled. One episode's recorded stage is deliberately mis-coded (its stage says ACTIVE while its
 * last recorded move says ASSESSMENT) for the data-quality audit to find.
 */
import { OUTCOME_MEASURES } from '../../contracts/reporting.ts';
import type { FullTx } from '../db/database.ts';
import type { PathwayEpisodeMoveRow } from '../modules/exchange/exchange.tables.ts';
import { DAY_MS, startOfUtcDay } from './demo-dates.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';
import { createRandom } from './random.ts';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The id of the deliberately mis-coded episode (stage ACTIVE, last move ASSESSMENT). */
export const MISCODED_EPISODE_ID = demoId('reporting:episode:miscoded');

/** Seeds the history; `seed` keeps ids and values the same on every load. */
export async function seedDemoReporting(tx: FullTx, today: Date, seed: number): Promise<void> {
  const trust = organisationId('trust');
  const coordinator = staffId('cc.amara');
  // Historical work, some of it never acknowledged, is led from the recovery network's support
  // worker so it does not crowd the worklists the walkthroughs and tests use.
  const sender = staffId('support.jade');
  const senderOrg = organisationId('vcs');
  const people = (
    await tx
      .selectFrom('care_team_memberships')
      .select('person_id')
      .distinct()
      .where('organisation_id', '=', trust)
      .orderBy('person_id')
      .limit(90)
      .execute()
  ).map((r) => r.person_id);
  const random = createRandom(seed, 7301);
  const todayMs = startOfUtcDay(today);
  const handovers = [];
  const episodes = [];
  const moves: PathwayEpisodeMoveRow[] = [];
  const followUps = [];
  const reviews = [];
  const scores = [];
  for (const [i, personId] of people.entries()) {
    // Spread the people over the last twelve months.
    const start = todayMs - (360 - (i % 12) * 30) * DAY_MS + random.int(0, 20) * DAY_MS;
    const referralId = demoId(`reporting:referral:${i}`);
    const accepted = random.chance(0.8);
    const sent = start + 10 * HOUR;
    handovers.push({
      id: referralId,
      person_id: personId,
      template_key: 'REFERRAL',
      template_version: 1,
      sender_staff_id: sender,
      sender_org_id: senderOrg,
      recipient_org_id: trust,
      recipient_staff_id: null,
      recipient_team_id: null,
      lead_staff_id: sender,
      purpose: 'CARE_COORDINATION',
      route: 'ACCORD',
      status: accepted ? 'acknowledged' : 'sent',
      information_missing: 0,
      missing_fields: '[]',
      sent_at: iso(sent),
      due_at: iso(sent + 72 * HOUR),
      sla_minutes: 72 * 60,
      acknowledged_at: accepted ? iso(sent + random.int(1, 40) * HOUR) : null,
      acknowledged_by: accepted ? coordinator : null,
      acknowledgement_note: null,
      escalation_tier: 0,
      source: 'ACCORD',
    });
    if (accepted) {
      const id = i === 0 ? MISCODED_EPISODE_ID : demoId(`reporting:episode:${i}`);
      const path = ['REFERRAL', 'ASSESSMENT', 'ACTIVE', 'REVIEW', 'STEP_DOWN', 'DISCHARGED'];
      const steps = Math.min(path.length, 1 + random.int(0, 5));
      let at = sent + 2 * DAY_MS;
      const taken: { stage: string; at: number }[] = [];
      for (let k = 0; k < steps && at < todayMs; k++) {
        taken.push({ stage: path[k] ?? 'REFERRAL', at });
        at += random.int(15, 60) * DAY_MS;
      }
      const last = taken[taken.length - 1] ?? { stage: 'REFERRAL', at: sent };
      const miscoded = i === 0;
      const moveList = miscoded ? taken.slice(0, 2) : taken;
      const recorded = moveList[moveList.length - 1] ?? last;
      episodes.push({
        id,
        person_id: personId,
        organisation_id: trust,
        referral_handover_id: referralId,
        stage: miscoded ? 'ACTIVE' : recorded.stage,
        opened_at: iso(taken[0]?.at ?? sent),
        opened_by: coordinator,
        closed_at: !miscoded && recorded.stage === 'DISCHARGED' ? iso(recorded.at) : null,
        version: moveList.length,
      });
      moveList.forEach((m, k) => {
        moves.push({
          episode_id: id,
          version: k + 1,
          from_stage: k === 0 ? null : (moveList[k - 1]?.stage ?? null),
          to_stage: m.stage,
          moved_at: iso(m.at),
          moved_by: coordinator,
        });
      });
    }
    // Discharges from the trust's ward across the year, each with its 72-hour follow-up.
    const dischargedAt = start + random.int(0, 330) * DAY_MS + 11 * HOUR;
    if (random.chance(0.6) && dischargedAt + 3 * DAY_MS < todayMs) {
      const recorded = { at: dischargedAt };
      const due = recorded.at + 72 * HOUR;
      const outcome = random.next();
      const contact =
        outcome < 0.75 ? recorded.at + random.int(4, 70) * HOUR : outcome < 0.85 ? due + 20 * HOUR : null;
      followUps.push({
        id: demoId(`reporting:follow-up:${i}`),
        person_id: personId,
        handover_id: null,
        kind: 'INPATIENT_DISCHARGE',
        rule: 'FU_72_HOURS',
        occurred_at: iso(recorded.at),
        due_at: iso(due),
        organisation_id: trust,
        owner_staff_id: coordinator,
        status: contact ? 'done' : 'missed',
        contact_at: contact ? iso(contact) : null,
        recorded_by: contact ? coordinator : null,
        missed_at: contact ? null : iso(due),
        escalated_to: null,
        created_at: iso(recorded.at),
        created_by: coordinator,
      });
    }
    if (random.chance(0.5)) {
      const esc = start + random.int(5, 200) * DAY_MS + 14 * HOUR;
      if (esc < todayMs) {
        const outcome = random.next();
        const acked =
          outcome < 0.7 ? esc + random.int(10, 200) * 60_000 : outcome < 0.9 ? esc + 7 * HOUR : null;
        handovers.push({
          id: demoId(`reporting:escalation:${i}`),
          person_id: personId,
          template_key: 'CRISIS_ESCALATION',
          template_version: 1,
          sender_staff_id: sender,
          sender_org_id: senderOrg,
          recipient_org_id: trust,
          recipient_staff_id: null,
          recipient_team_id: null,
          lead_staff_id: sender,
          purpose: 'CRISIS_RESPONSE',
          route: 'ACCORD',
          status: acked ? 'acknowledged' : 'sent',
          information_missing: 0,
          missing_fields: '[]',
          sent_at: iso(esc),
          due_at: iso(esc + 4 * HOUR),
          sla_minutes: 240,
          acknowledged_at: acked ? iso(acked) : null,
          acknowledged_by: acked ? coordinator : null,
          acknowledgement_note: null,
          escalation_tier: acked && acked <= esc + 4 * HOUR ? 0 : 1,
          source: 'ACCORD',
        });
      }
    }
    // Reviews every three months from the start; the latest may be due in the future.
    let reqol = random.int(8, 22);
    let honos = random.int(10, 24);
    for (let k = 0, due = start + 30 * DAY_MS; due < todayMs + 60 * DAY_MS; k++, due += 90 * DAY_MS) {
      const roll = random.next();
      const heldMs =
        due > todayMs
          ? null
          : roll < 0.7
            ? due - random.int(0, 10) * DAY_MS
            : roll < 0.9
              ? due + random.int(3, 25) * DAY_MS
              : null;
      const held = heldMs !== null && heldMs <= todayMs ? iso(heldMs).slice(0, 10) : null;
      const id = demoId(`reporting:review:${i}:${k}`);
      reviews.push({
        id,
        person_id: personId,
        organisation_id: trust,
        due_on: iso(due).slice(0, 10),
        held_on: held,
        recorded_by: coordinator,
        recorded_at: `${held ?? iso(due).slice(0, 10)}T12:00:00.000Z`,
      });
      if (!held) continue;
      reqol = Math.max(0, Math.min(40, reqol + random.int(-3, 6)));
      honos = Math.max(0, Math.min(48, honos + random.int(-5, 2)));
      const base = { review_id: id, person_id: personId, organisation_id: trust, scored_on: held };
      scores.push({
        ...base,
        measure: 'REQOL10',
        item: 1,
        snomed_code: OUTCOME_MEASURES.REQOL10.codes[0],
        score: reqol,
      });
      // HoNOS: the total spread over the twelve scales, each 0-4.
      OUTCOME_MEASURES.HONOS.codes.forEach((code, s) => {
        scores.push({
          ...base,
          measure: 'HONOS',
          item: s + 1,
          snomed_code: code,
          score: Math.min(4, Math.max(0, Math.floor(honos / 12) + (s < honos % 12 ? 1 : 0))),
        });
      });
      if (i % 3 === 0)
        OUTCOME_MEASURES.DIALOG.codes.forEach((code, s) => {
          scores.push({
            ...base,
            measure: 'DIALOG',
            item: s + 1,
            snomed_code: code,
            score: Math.min(7, 3 + random.int(0, 2) + Math.min(2, k)),
          });
        });
      if (i % 4 === 1)
        OUTCOME_MEASURES.GBO.codes.forEach((code, s) => {
          scores.push({
            ...base,
            measure: 'GBO',
            item: s + 1,
            snomed_code: code,
            score: Math.min(10, 2 + k * 2 + random.int(0, 2)),
          });
        });
    }
  }
  const chunks = <T>(rows: T[], size = 200): T[][] =>
    Array.from({ length: Math.ceil(rows.length / size) }, (_, k) => rows.slice(k * size, (k + 1) * size));
  // Contacts month by month over the year before the last thirty days (recent weeks belong to the
  // walkthroughs' own contacts), from a separate stream so the history above stays as it was.
  const attendance = createRandom(seed, 7302);
  const contacts = [];
  for (const [i, personId] of people.entries()) {
    const first = todayMs - (360 - (i % 12) * 30) * DAY_MS;
    for (let k = 0, at = first + attendance.int(0, 20) * DAY_MS; at < todayMs - 30 * DAY_MS; k++) {
      const roll = attendance.next();
      const outcome =
        roll < 0.75
          ? 'ATTENDED'
          : roll < 0.87
            ? 'DID_NOT_ATTEND'
            : roll < 0.95
              ? 'CANCELLED_BY_PERSON'
              : 'CANCELLED_BY_SERVICE';
      const when = iso(at + 10 * HOUR);
      contacts.push({
        id: demoId(`reporting:contact:${i}:${k}`),
        person_id: personId,
        organisation_id: trust,
        category: 'SERVICE_USE',
        type: 'CLINIC_APPOINTMENT',
        outcome,
        occurred_at: when,
        entered_at: when,
        recorded_by: coordinator,
        note: null,
      });
      at += attendance.int(21, 40) * DAY_MS;
    }
  }
  for (const c of chunks(contacts)) await tx.insertInto('care_contacts').values(c).execute();
  for (const c of chunks(handovers)) await tx.insertInto('handovers').values(c).execute();
  for (const c of chunks(episodes)) await tx.insertInto('pathway_episodes').values(c).execute();
  for (const c of chunks(moves)) await tx.insertInto('pathway_episode_moves').values(c).execute();
  for (const c of chunks(followUps)) await tx.insertInto('follow_ups').values(c).execute();
  for (const c of chunks(reviews)) await tx.insertInto('care_plan_reviews').values(c).execute();
  for (const c of chunks(scores)) await tx.insertInto('outcome_scores').values(c).execute();
}
