/**
 * The demo's post-incident review of the misdirected crisis plan: where the flow of information was
 * weak, linked to the trust-to-housing handover that went by the registered secure email route,
 * with its actions (one done, one open and due on the crisis team manager's worklist), and an
 * open action on the lost referral letter.
 */
import type { FullTx } from '../db/database.ts';
import { openView } from '../db/governed.ts';
import { daysBefore, startOfUtcDay } from './demo-dates.ts';
import { demoId, staffId } from './demo-ids.ts';

/** Inserts the review, its link and the actions; returns how many actions. */
export async function seedDemoIncidentReviews(full: FullTx, today: Date): Promise<number> {
  const tx = openView(full);
  const day = startOfUtcDay(today);
  const at = (daysAgo: number) => `${daysBefore(day, daysAgo)}T11:00:00.000Z`;
  const misdirected = demoId('incident:misdirected-crisis-plan');
  const lost = demoId('incident:lost-referral-letter');
  const lead = staffId('ig.priya');
  await tx
    .insertInto('ig_incident_reviews')
    .values({
      incident_id: misdirected,
      weak_points:
        'Out of hours the crisis plan left Accord by email, where the recipient was chosen by autocomplete and nothing recorded who received it. The handover to the tenancy team was not acknowledged until the next morning.',
      what_held:
        'The housing officer who received it in error reported it at once and deleted it; the registered route’s mitigations (named mailbox, acknowledgement in Accord) caught the gap the next day.',
      version: 1,
      reviewed_by: lead,
      reviewed_at: at(12),
    })
    .execute();
  const handover = await full
    .selectFrom('handovers')
    .select(['id', 'person_id'])
    .where('interface_entry_id', '=', demoId('interface:trust-housing-email'))
    .executeTakeFirst();
  if (handover)
    await full
      .insertInto('ig_incident_flow_links')
      .values({
        incident_id: misdirected,
        kind: 'HANDOVER',
        ref_id: handover.id,
        person_id: handover.person_id,
        linked_by: lead,
        linked_at: at(12),
      })
      .execute();
  const actions = [
    {
      id: demoId('incident-action:mailbox-autocomplete'),
      incident_id: misdirected,
      description: 'Turn off autocomplete on the crisis team mailbox',
      owner_staff_id: staffId('admin.kai'),
      due_on: daysBefore(day, 30),
      status: 'done',
      created_by: lead,
      created_at: at(38),
      completed_by: staffId('admin.kai'),
      completed_at: at(31),
      completion_note: 'Autocomplete is off for the shared mailbox and every crisis team account.',
    },
    {
      id: demoId('incident-action:brief-crisis-staff'),
      incident_id: misdirected,
      description: 'Brief the crisis team on sending crisis plans through Accord, not email',
      owner_staff_id: staffId('mgr.helen'),
      due_on: daysBefore(day, -5),
      status: 'open',
      created_by: lead,
      created_at: at(12),
      completed_by: null,
      completed_at: null,
      completion_note: null,
    },
    {
      id: demoId('incident-action:trace-referral'),
      incident_id: lost,
      description: 'Trace the posted referral with the practice and resend it by the registered route',
      owner_staff_id: staffId('ig.priya'),
      due_on: daysBefore(day, 1),
      status: 'open',
      created_by: lead,
      created_at: at(1),
      completed_by: null,
      completed_at: null,
      completion_note: null,
    },
  ];
  await tx.insertInto('ig_incident_actions').values(actions).execute();
  return actions.length;
}
