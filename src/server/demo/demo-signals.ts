/**
 * Demo contacts, risk signals and the alerts they raise: two people whose signals rise across
 * agencies to a rising-risk alert for their coordinator (one still to acknowledge, one answered
 * with a review brought forward), and one whose repeated missed medication support notified
 * clinical oversight and, unacknowledged, escalated to the service manager. The alerts are raised
 * by the escalation rules themselves, as a recorded signal would raise them.
 */
import type { AlertOutcome, AttendanceOutcome, ContactType, SignalPrompt } from '../../contracts/signals.ts';
import { CONTACT_CATEGORY, SIGNAL_PROMPT_CATEGORIES } from '../../contracts/signals.ts';
import type { FullTx } from '../db/database.ts';
import { openView } from '../db/governed.ts';
import { systemTx } from '../db/system-db.ts';
import { loadPersonFacts, systemFacts } from '../modules/access/index.ts';
import { findServiceManager } from '../modules/exchange/recipients.repository.ts';
import { raiseAlerts } from '../modules/signals/index.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface DemoSignal {
  kind: 'signal';
  by: string;
  org: string;
  prompt: SignalPrompt;
  observation: string;
  daysAgo: number;
}
interface DemoContact {
  kind: 'contact';
  by: string;
  org: string;
  type: ContactType;
  outcome: AttendanceOutcome;
  daysAgo: number;
  note?: string;
}

interface Story {
  events: (DemoSignal | DemoContact)[];
  /** Hours before the load the rules ran: past the due time, the alert has escalated. */
  raisedHoursAgo: number;
  acknowledge?: AlertOutcome;
}

const STORIES: readonly Story[] = [
  {
    raisedHoursAgo: 3,
    events: [
      {
        kind: 'contact',
        by: 'ho.kerry',
        org: 'housing',
        type: 'HOUSING_SUPPORT_SESSION',
        outcome: 'ATTENDED',
        daysAgo: 12,
      },
      {
        kind: 'signal',
        by: 'ho.kerry',
        org: 'housing',
        prompt: 'HOUSING_CRISIS',
        observation: 'Rent arrears letter; notice seeking possession threatened.',
        daysAgo: 5,
      },
      {
        kind: 'contact',
        by: 'ho.kerry',
        org: 'housing',
        type: 'HOUSING_SUPPORT_SESSION',
        outcome: 'DID_NOT_ATTEND',
        daysAgo: 3,
      },
      {
        kind: 'signal',
        by: 'cc.amara',
        org: 'trust',
        prompt: 'EARLY_RELAPSE_SIGN',
        observation: 'Sleeping little; talking about the neighbours watching again.',
        daysAgo: 1,
      },
      {
        kind: 'contact',
        by: 'cc.amara',
        org: 'trust',
        type: 'HOME_VISIT',
        outcome: 'SCHEDULED',
        daysAgo: -2,
        note: 'Joint visit with housing to be confirmed.',
      },
    ],
  },
  {
    raisedHoursAgo: 50,
    acknowledge: 'REVIEW_BROUGHT_FORWARD',
    events: [
      {
        kind: 'signal',
        by: 'ho.kerry',
        org: 'housing',
        prompt: 'DISENGAGEMENT',
        observation: 'Not answering the door for two weeks.',
        daysAgo: 9,
      },
      {
        kind: 'contact',
        by: 'cc.amara',
        org: 'trust',
        type: 'CLINIC_APPOINTMENT',
        outcome: 'DID_NOT_ATTEND',
        daysAgo: 6,
      },
      {
        kind: 'signal',
        by: 'cc.amara',
        org: 'trust',
        prompt: 'RISK_PRESENTATION_CHANGE',
        observation: 'Said on the phone that things feel hopeless since the move.',
        daysAgo: 3,
      },
      {
        kind: 'contact',
        by: 'cc.amara',
        org: 'trust',
        type: 'PHONE_CONTACT',
        outcome: 'ATTENDED',
        daysAgo: 1,
      },
    ],
  },
  {
    raisedHoursAgo: 7,
    events: [
      {
        kind: 'contact',
        by: 'ho.kerry',
        org: 'housing',
        type: 'MEDICATION_SUPPORT_VISIT',
        outcome: 'DID_NOT_ATTEND',
        daysAgo: 5,
      },
      {
        kind: 'contact',
        by: 'ho.kerry',
        org: 'housing',
        type: 'MEDICATION_SUPPORT_VISIT',
        outcome: 'ATTENDED',
        daysAgo: 4,
      },
      {
        kind: 'contact',
        by: 'ho.kerry',
        org: 'housing',
        type: 'MEDICATION_SUPPORT_VISIT',
        outcome: 'DID_NOT_ATTEND',
        daysAgo: 2,
      },
      {
        kind: 'contact',
        by: 'ho.kerry',
        org: 'housing',
        type: 'MEDICATION_SUPPORT_VISIT',
        outcome: 'DID_NOT_ATTEND',
        daysAgo: 1,
      },
    ],
  },
];

/** People Amara coordinates whom housing supports too, from the end of the list (handovers take the start). */
async function storyPeople(tx: FullTx, limit: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('care_team_memberships as c')
    .innerJoin('care_team_memberships as h', 'h.person_id', 'c.person_id')
    .select('c.person_id')
    .distinct()
    .where('c.staff_id', '=', staffId('cc.amara'))
    .where('c.role', '=', 'CARE_COORDINATOR')
    .where('c.end_date', 'is', null)
    .where('h.organisation_id', '=', organisationId('housing'))
    .orderBy('c.person_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.person_id);
}

/** Seeds the stories inside the demo load's transaction. */
export async function seedDemoSignals(full: FullTx, today: Date): Promise<void> {
  const people = await storyPeople(full, STORIES.length);
  const system = systemTx(full, 'demo-loader');
  const day = today.toISOString().slice(0, 10);
  for (const [s, story] of STORIES.entries()) {
    const personId = people[s];
    if (!personId) return;
    for (const [e, event] of story.events.entries()) {
      const at = new Date(today.getTime() - event.daysAgo * DAY - 2 * HOUR).toISOString();
      const entered = new Date(Math.min(today.getTime() - HOUR, Date.parse(at) + 3 * HOUR)).toISOString();
      const base = {
        person_id: personId,
        organisation_id: organisationId(event.org),
        entered_at: entered,
        recorded_by: staffId(event.by),
      };
      if (event.kind === 'signal') {
        await full
          .insertInto('risk_signals')
          .values({
            ...base,
            id: demoId(`signal:${s}:${e}`),
            category: SIGNAL_PROMPT_CATEGORIES[event.prompt],
            prompt: event.prompt,
            observation: event.observation,
            observed_at: at,
            contact_id: null,
          })
          .execute();
        continue;
      }
      const contactId = demoId(`contact:${s}:${e}`);
      await full
        .insertInto('care_contacts')
        .values({
          ...base,
          id: contactId,
          category: CONTACT_CATEGORY,
          type: event.type,
          outcome: event.outcome,
          occurred_at: at,
          entered_at: event.outcome === 'SCHEDULED' ? today.toISOString() : entered,
          note: event.note ?? null,
        })
        .execute();
      if (event.outcome !== 'DID_NOT_ATTEND') continue;
      await full
        .insertInto('risk_signals')
        .values({
          ...base,
          id: demoId(`signal:${s}:${e}`),
          category: CONTACT_CATEGORY,
          prompt:
            event.type === 'MEDICATION_SUPPORT_VISIT' ? 'MISSED_MEDICATION_SUPPORT' : 'MISSED_APPOINTMENT',
          observation: 'Did not attend.',
          observed_at: at,
          contact_id: contactId,
        })
        .execute();
    }
    const raisedAt = new Date(today.getTime() - story.raisedHoursAgo * HOUR);
    const memberships = (await loadPersonFacts(systemFacts(system, personId), day)).memberships;
    const { raised } = await raiseAlerts(
      { system, personId },
      openView(full),
      memberships,
      raisedAt.toISOString(),
      raisedAt,
      day,
    );
    for (const alert of raised) {
      const row = await full
        .selectFrom('signal_alerts')
        .select(['due_at', 'organisation_id', 'recipient_staff_id'])
        .where('id', '=', alert.id)
        .executeTakeFirstOrThrow();
      if (story.acknowledge && row.recipient_staff_id) {
        await full
          .updateTable('signal_alerts')
          .set({
            acknowledged_at: new Date(raisedAt.getTime() + 5 * HOUR).toISOString(),
            acknowledged_by: row.recipient_staff_id,
            outcome: story.acknowledge,
            outcome_note: 'Review moved to this week; housing invited.',
          })
          .where('id', '=', alert.id)
          .execute();
      } else if (row.due_at < today.toISOString()) {
        const manager = await findServiceManager(openView(full), row.organisation_id);
        await full
          .updateTable('signal_alerts')
          .set({ escalated_at: row.due_at, escalated_to: manager ?? null })
          .where('id', '=', alert.id)
          .execute();
      }
    }
  }
}
