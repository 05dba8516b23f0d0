/**
 * The demo IG incidents: a mis-sharing at the trust carried through its investigation to root
 * cause, learning and actions (the ICO told in time), and a lost transfer still open with its
 * 72-hour ICO clock running.
 */
import type { FullTx } from '../db/database.ts';
import { openView } from '../db/governed.ts';
import { notifyIcoBy } from '../modules/assurance/incidents.ts';
import { DAY_MS, daysBefore, startOfUtcDay } from './demo-dates.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';

/** Inserts the demo incidents; returns how many. */
export async function seedDemoIncidents(full: FullTx, today: Date): Promise<number> {
  const tx = openView(full);
  const trust = organisationId('trust');
  const lead = staffId('ig.priya');
  const day = startOfUtcDay(today);
  const detected = `${daysBefore(day, 40)}T09:30:00.000Z`;
  const openDetected = new Date(today.getTime() - DAY_MS).toISOString();
  const base = {
    organisation_id: trust,
    anomaly_case_id: null,
    created_by: lead,
    ico_notified_at: null,
    closed_by: null,
    closed_at: null,
  };
  await tx
    .insertInto('ig_incidents')
    .values([
      {
        ...base,
        id: demoId('incident:misdirected-crisis-plan'),
        kind: 'MIS_SHARING',
        title: 'Crisis plan emailed to the wrong housing officer',
        summary: 'A crisis plan was emailed to a housing officer who was not on the person’s care team.',
        detected_at: detected,
        likelihood: 4,
        severity: 3,
        notify_ico_by: notifyIcoBy(detected, 4, 3),
        ico_notified_at: `${daysBefore(day, 39)}T16:00:00.000Z`,
        investigation:
          'The team mailbox offered two housing officers with the same surname; the plan went to the wrong one, who deleted it on request the same day.',
        root_cause: 'Crisis plans were still sent by email, where autocomplete chose the recipient.',
        learning:
          'Crisis plans go to housing through Accord’s handover to the named care team member, never by email; the handover records who received it.',
        actions: JSON.stringify([
          {
            description: 'Turn off autocomplete on the crisis team mailbox',
            owner: 'Trust IT service desk',
            dueOn: daysBefore(day, 30),
          },
          {
            description: 'Brief crisis staff on sending plans through Accord',
            owner: 'Crisis team manager',
            dueOn: daysBefore(day, 20),
          },
        ]),
        people_affected: 0,
        status: 'closed',
        created_at: `${daysBefore(day, 40)}T10:00:00.000Z`,
        closed_by: lead,
        closed_at: `${daysBefore(day, 10)}T12:00:00.000Z`,
      },
      {
        ...base,
        id: demoId('incident:lost-referral-letter'),
        kind: 'LOST_OR_MISDIRECTED_TRANSFER',
        title: 'Posted referral letter not received by the GP practice',
        summary: 'A referral letter sent by post has not arrived; the practice has no record of it.',
        detected_at: openDetected,
        likelihood: 3,
        severity: 3,
        notify_ico_by: notifyIcoBy(openDetected, 3, 3),
        investigation: '',
        root_cause: '',
        learning: '',
        actions: '[]',
        people_affected: 0,
        status: 'open',
        created_at: openDetected,
      },
    ])
    .execute();
  // The person the misdirected plan concerned: someone on the trust's caseload.
  const affected = await full
    .selectFrom('care_team_memberships')
    .select('person_id')
    .where('organisation_id', '=', trust)
    .orderBy('person_id')
    .limit(1)
    .executeTakeFirst();
  if (affected) {
    await full
      .insertInto('ig_incident_people')
      .values({
        incident_id: demoId('incident:misdirected-crisis-plan'),
        person_id: affected.person_id,
        linked_by: lead,
        linked_at: `${daysBefore(day, 39)}T11:00:00.000Z`,
      })
      .execute();
    await tx
      .updateTable('ig_incidents')
      .set({ people_affected: 1 })
      .where('id', '=', demoId('incident:misdirected-crisis-plan'))
      .execute();
  }
  return 2;
}
