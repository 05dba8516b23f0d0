/**
 * Demo handovers in every state (sent, acknowledged, overdue, escalated), follow-ups due, done and
 * missed, and a week of crisis escalation summaries to sample. Each recipient's copy is computed by
 * the decision function from the demo's own agreements and consent, as a real send would be.
 */
import type { TemplateKey } from '../../contracts/exchange.ts';
import type { FullTx } from '../db/database.ts';
import { openView } from '../db/governed.ts';
import { type SystemAccess, systemTx } from '../db/system-db.ts';
import { actorOf, loadPersonFacts, systemFacts } from '../modules/access/index.ts';
import { loadAccessPolicy } from '../modules/access/policy.repository.ts';
import { loadPrincipal } from '../modules/auth/auth.repository.ts';
import {
  computeRecipientCopy,
  findCurrentTemplate,
  followUpDueAt,
  insertActions,
  insertEscalation,
  insertFollowUp,
  insertHandover,
} from '../modules/exchange/index.ts';
import { lastCompleteWeek } from '../modules/exchange/sampling.ts';
import { loadSharingFacts } from '../modules/people/sharing-facts.ts';
import { demoId, organisationId, staffId } from './demo-ids.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

const SAMPLE: Readonly<Record<string, string>> = {
  what_changed: 'Stopped answering the door since the weekend; neighbour worried.',
  current_risks: 'Risk to self raised since the eviction letter; no known plan.',
  actions_taken: 'Crisis plan step 1 tried: sister called, no answer.',
  request: 'A welfare visit today and a call back to the coordinator.',
  time_sensitivity: 'Today, before evening.',
  triggers: 'Letters about rent arrears; nights alone.',
  contact_expectations: 'Weekly visit from the housing officer; coordinator calls on Fridays.',
  immediate_actions: 'Check the heating is on and the prescription was collected.',
  follow_up_due: 'Within 72 hours of discharge.',
  medication: 'Sertraline 100 mg each morning.',
  key_contacts: 'Sister (carer); GP practice.',
  reason: 'Moving into a supported tenancy; support passes to the housing team.',
  support: 'Prefers morning visits; text before calling.',
};

interface Scenario {
  template: TemplateKey;
  lead: string;
  sentAgo: number;
  ackAfter: number | null;
  escalate: boolean;
  /** Sent with a required field left empty and escalated to the sender's manager: still open, or resolved. */
  gap?: 'open' | 'resolved';
  /** Sent on this day (0 = Monday) of the last complete week, which managers sample. */
  weekDay?: number;
  /** About the same person as an earlier scenario (by index): a repeat escalation. */
  samePersonAs?: number;
}

// Handovers about the first four people; then a week of escalation summaries, one a day in the
// last complete week (the one a manager's weekly sample draws from), the fourth day's about the
// same person as the first day's: a repeat escalation.
const SCENARIOS: readonly Scenario[] = [
  {
    template: 'DISCHARGE_STEP_DOWN',
    lead: 'ho.kerry',
    sentAgo: 3 * HOUR,
    ackAfter: 2 * HOUR,
    escalate: false,
  },
  { template: 'WARM_HANDOFF', lead: 'ho.kerry', sentAgo: 30 * MIN, ackAfter: null, escalate: false },
  { template: 'DISCHARGE_STEP_DOWN', lead: 'ho.kerry', sentAgo: 26 * HOUR, ackAfter: null, escalate: true },
  { template: 'CRISIS_ESCALATION', lead: 'ho.kerry', sentAgo: 70 * MIN, ackAfter: null, escalate: false },
  ...[1, 2, 3, 4, 5, 6, 7].map((day) => ({
    template: 'CRISIS_ESCALATION' as const,
    lead: 'ho.kerry',
    sentAgo: 0,
    ackAfter: (day % 3 === 0 ? 95 : 25 + day * 4) * MIN,
    escalate: day % 3 === 0,
    weekDay: day - 1,
    ...(day === 4 ? { samePersonAs: 4 } : {}),
  })),
  // "Information missing": one waiting on the sender's manager, one the manager has resolved.
  {
    template: 'DISCHARGE_STEP_DOWN',
    lead: 'ho.kerry',
    sentAgo: 5 * HOUR,
    ackAfter: null,
    escalate: false,
    gap: 'open',
  },
  {
    template: 'DISCHARGE_STEP_DOWN',
    lead: 'ho.kerry',
    sentAgo: 30 * HOUR,
    ackAfter: 4 * HOUR,
    escalate: false,
    gap: 'resolved',
  },
];

/** People the trust coordinator coordinates and housing also supports, in a stable order. */
async function sharedPeople(tx: FullTx, limit: number): Promise<string[]> {
  const rows = await tx
    .selectFrom('care_team_memberships as c')
    .innerJoin('care_team_memberships as h', 'h.person_id', 'c.person_id')
    .select('c.person_id')
    .distinct()
    .where('c.staff_id', '=', staffId('cc.amara'))
    .where('c.role', '=', 'CARE_COORDINATOR')
    .where('h.organisation_id', '=', organisationId('housing'))
    .orderBy('c.person_id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.person_id);
}

/** Seeds the demo's handovers and follow-ups inside the demo load's transaction. */
export async function seedDemoHandovers(full: FullTx, today: Date): Promise<void> {
  const candidates = await sharedPeople(full, 80);
  const tx = openView(full);
  // The loader seeds with no caller to decide for; the copies are still decided person by person.
  const system = systemTx(full, 'demo-loader');
  const people: string[] = [];
  const personOf = new Map<number, string>();
  const week = lastCompleteWeek(today);
  let next = 0;
  const day = today.toISOString().slice(0, 10);
  const sender = await loadPrincipal(tx, staffId('cc.amara'), 'session', null, day);
  const policy = await loadAccessPolicy(tx);
  if (!sender || candidates.length === 0) return;
  for (const [i, s] of SCENARIOS.entries()) {
    const lead = await loadPrincipal(tx, staffId(s.lead), 'session', null, day);
    const template = await findCurrentTemplate(tx, s.template);
    if (!lead || !template) continue;
    const sentAt =
      s.weekDay === undefined
        ? new Date(today.getTime() - s.sentAgo)
        : new Date(Date.parse(week.fromInstant) + s.weekDay * 24 * HOUR + (9 + s.weekDay) * HOUR);
    const at = sentAt.toISOString();
    const gapKey = s.gap ? 'triggers' : null;
    const values: Record<string, string> = Object.fromEntries(
      template.fields
        .filter((f) => (f.required || SAMPLE[f.key]) && f.key !== gapKey)
        .map((f) => [f.key, SAMPLE[f.key] ?? 'As discussed at the last review.']),
    );
    // The next person whose consent and agreements let something of this handover cross.
    let found: { personId: string; copy: ReturnType<typeof computeRecipientCopy> } | undefined;
    const repeat = s.samePersonAs === undefined ? undefined : personOf.get(s.samePersonAs);
    let tried = false;
    while (!found && (repeat ? !tried : next < candidates.length)) {
      tried = true;
      const personId = repeat ?? candidates[next++];
      if (!personId) break;
      const personFacts = systemFacts(system, personId);
      const facts = {
        careTeam: (await loadPersonFacts(personFacts, day)).memberships,
        breakGlassGrants: [],
        agreements: [],
        consent: null,
        lawfulExceptions: [],
      };
      // Decided on the facts as loaded (consent and agreements are recorded as of the load), dated in the past.
      const decidedAt = today.toISOString();
      const copy = computeRecipientCopy(
        {
          sender: actorOf(sender),
          lead: actorOf(lead),
          personId,
          recipientOrganisationId: lead.organisationId,
          purpose: 'DIRECT_CARE',
          at: decidedAt,
          facts: { ...facts, ...(await loadSharingFacts(personFacts, decidedAt, day)) },
          policy: policy.tiers,
        },
        template,
        values,
      );
      if (copy.decisions.some((d) => d.permitted)) found = { personId, copy };
    }
    if (!found) break;
    const { personId, copy } = found;
    people.push(personId);
    personOf.set(i, personId);
    const id = demoId(`handover:${i}`);
    const acknowledgedAt = s.ackAfter === null ? null : new Date(sentAt.getTime() + s.ackAfter).toISOString();
    await insertHandover(
      system,
      {
        id,
        person_id: personId,
        template_key: template.key,
        template_version: template.version,
        sender_staff_id: sender.staffId,
        sender_org_id: sender.organisationId,
        recipient_org_id: lead.organisationId,
        recipient_staff_id: lead.staffId,
        recipient_team_id: null,
        lead_staff_id: lead.staffId,
        purpose: 'DIRECT_CARE',
        route: 'ACCORD',
        status: acknowledgedAt ? 'acknowledged' : 'sent',
        information_missing: s.gap === 'open' ? 1 : 0,
        missing_fields: JSON.stringify(s.gap === 'open' && gapKey ? [gapKey] : []),
        sent_at: at,
        due_at: new Date(sentAt.getTime() + template.slaMinutes * MIN).toISOString(),
        sla_minutes: template.slaMinutes,
        acknowledged_at: acknowledgedAt,
        acknowledged_by: acknowledgedAt ? lead.staffId : null,
        acknowledgement_note: null,
        escalation_tier: 0,
        source: 'accord',
      },
      copy.fields.map((f, position) => ({
        handover_id: id,
        position,
        key: f.key,
        label: f.label,
        category: f.category,
        value:
          values[f.key] ??
          (s.gap === 'resolved' && f.key === gapKey ? 'Nights alone; letters about rent.' : null),
        disclosed: f.withheld ? 0 : 1,
        withheld_reasons: JSON.stringify(f.withheld?.reasons ?? []),
      })),
    );
    if (s.escalate) {
      const escalatedAt = new Date(sentAt.getTime() + template.slaMinutes * MIN).toISOString();
      await insertEscalation(system, {
        id: demoId(`handover:${i}:escalation:unacknowledged`),
        handover_id: id,
        tier: 1,
        reason: 'UNACKNOWLEDGED',
        escalated_at: escalatedAt,
        to_staff_id: staffId('mgr.ian'),
        notify_staff_id: sender.staffId,
        resolved_at: acknowledgedAt,
      });
    }
    if (s.gap)
      await insertEscalation(system, {
        id: demoId(`handover:${i}:escalation:information-missing`),
        handover_id: id,
        tier: 1,
        reason: 'INFORMATION_MISSING',
        escalated_at: at,
        to_staff_id: staffId('mgr.helen'),
        notify_staff_id: null,
        resolved_at: s.gap === 'resolved' ? new Date(sentAt.getTime() + HOUR).toISOString() : null,
        resolved_by: s.gap === 'resolved' ? staffId('mgr.helen') : null,
        resolution: s.gap === 'resolved' ? `Supplied: ${gapKey}` : null,
      });
    // Tasks from acknowledgements: one open on its owner's worklist, one closed.
    if (acknowledgedAt && s.gap === 'resolved')
      await insertActions(system, [
        {
          id: demoId(`handover:${i}:action:heating`),
          handover_id: id,
          description: 'Check the new tenancy’s heating works',
          owner_staff_id: lead.staffId,
          due_at: new Date(sentAt.getTime() + 28 * HOUR).toISOString(),
          status: 'done',
          created_at: acknowledgedAt,
          created_by: lead.staffId,
          closed_at: new Date(sentAt.getTime() + 26 * HOUR).toISOString(),
          closed_by: lead.staffId,
          closing_note: 'Visited; heating working.',
        },
      ]);
    if (acknowledgedAt && i === 0)
      await insertActions(system, [
        {
          id: demoId(`handover:${i}:action:visit`),
          handover_id: id,
          description: 'Visit within two days of discharge',
          owner_staff_id: lead.staffId,
          due_at: new Date(today.getTime() + 36 * HOUR).toISOString(),
          status: 'open',
          created_at: acknowledgedAt,
          created_by: lead.staffId,
        },
      ]);
  }
  await seedFollowUps(system, today, people);
}

async function seedFollowUps(system: SystemAccess, today: Date, people: readonly string[]): Promise<void> {
  const plans = [
    { ago: 20 * HOUR, rule: 'FU_48_HOURS_SUICIDE_RISK' as const, kind: 'INPATIENT_DISCHARGE', state: 'due' },
    { ago: 30 * HOUR, rule: 'FU_72_HOURS' as const, kind: 'CRISIS_STEP_DOWN', state: 'done' },
    { ago: 4 * 24 * HOUR, rule: 'FU_72_HOURS' as const, kind: 'INPATIENT_DISCHARGE', state: 'missed' },
  ];
  for (const [i, p] of plans.entries()) {
    const personId = people[i];
    if (!personId) continue;
    const occurredAt = new Date(today.getTime() - p.ago).toISOString();
    const dueAt = followUpDueAt(occurredAt, p.rule);
    await insertFollowUp(system, {
      id: demoId(`follow-up:${i}`),
      person_id: personId,
      handover_id: null,
      kind: p.kind,
      rule: p.rule,
      occurred_at: occurredAt,
      due_at: dueAt,
      organisation_id: organisationId('trust'),
      owner_staff_id: staffId('cc.amara'),
      status: p.state,
      contact_at: p.state === 'done' ? new Date(today.getTime() - 6 * HOUR).toISOString() : null,
      recorded_by: p.state === 'done' ? staffId('cc.amara') : null,
      missed_at: p.state === 'missed' ? dueAt : null,
      escalated_to: p.state === 'missed' ? staffId('mgr.helen') : null,
      created_at: occurredAt,
      created_by: staffId('cc.amara'),
    });
  }
}
