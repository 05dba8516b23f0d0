/**
 * Delivers interim decisions taken out of hours to the person's care coordinator as a crisis
 * escalation handover, at the start of the next working day. Each decision is delivered in its
 * own transaction and marked with its handover there, so a run that crashes midway loses nothing
 * and a decision is never delivered twice. The copy is decided field by field as for any send,
 * with the duty worker as sender.
 */
import type { Database } from '../../db/database.ts';
import { openView } from '../../db/governed.ts';
import { systemDb, systemTx } from '../../db/system-db.ts';
import { ukDateOf } from '../access/calendar.ts';
import { actorOf, loadPersonFacts, systemFacts } from '../access/index.ts';
import { loadAccessPolicy } from '../access/policy.repository.ts';
import { type AuditEvent, AuditWriter } from '../audit/index.ts';
import { loadPrincipal } from '../auth/auth.repository.ts';
import { loadSharingFacts } from '../people/sharing-facts.ts';
import {
  findCareCoordinator,
  findDueInterimDecisions,
  markInterimDelivered,
} from './crisis-line.repository.ts';
import type { CrisisInterimDecisionRow, HandoverRow } from './exchange.tables.ts';
import { missingRequired } from './exchange.ts';
import { insertHandover } from './handovers.repository.ts';
import { computeRecipientCopy } from './recipient-copy.ts';
import { findCurrentTemplate } from './templates.repository.ts';

const AUTHORITY_WORDS: Readonly<Record<string, string>> = {
  DUTY_INTERIM_AUTHORITY: 'the duty worker’s interim authority',
  CLINICAL_JUDGEMENT: 'clinical judgement',
  MENTAL_HEALTH_ACT: 'the Mental Health Act',
  SAFEGUARDING_DUTY: 'a safeguarding duty',
};

/** The handover's values: what was decided, under which authority, and why. */
function valuesOf(d: CrisisInterimDecisionRow): Record<string, string> {
  return {
    what_changed: `Out of hours on ${d.decided_at.slice(0, 10)} the duty worker took an interim decision.`,
    current_risks: 'As assessed by the duty worker; see the rationale.',
    actions_taken: `${d.decision} (under ${AUTHORITY_WORDS[d.authority] ?? d.authority}). Rationale: ${d.rationale}`,
    request: 'Review the interim decision today, then confirm or change it.',
    time_sensitivity: 'This working day.',
  };
}

/** Another run delivered it first: this run's work on it is rolled back, and the batch goes on. */
class AlreadyDelivered extends Error {
  constructor() {
    super('interim decision already delivered');
  }
}

/** Delivers every interim decision whose time has come; returns how many were delivered. */
export async function deliverInterimDecisions(
  database: Database,
  now: Date,
  options: { audit?: AuditWriter; batch?: number } = {},
): Promise<{ delivered: number; noCoordinator: number }> {
  const audit = options.audit ?? new AuditWriter(database);
  const at = now.toISOString();
  const day = ukDateOf(now.getTime());
  // A timer has no caller to decide for; the handover it sends is read through the door.
  const system = systemDb(database, 'background-job');
  const result = { delivered: 0, noCoordinator: 0 };
  for (const d of await findDueInterimDecisions(system, at, options.batch ?? 200)) {
    await deliverOne(d).catch((error: unknown) => {
      if (!(error instanceof AlreadyDelivered)) throw error;
    });
  }
  return result;

  async function deliverOne(d: CrisisInterimDecisionRow): Promise<void> {
    await database.db.transaction().execute(async (tx) => {
      const inTx = systemTx(tx, 'background-job');
      const open = openView(inTx.db);
      const coordinatorId = await findCareCoordinator(inTx, d.person_id, day);
      const [sender, lead, template, policy] = await Promise.all([
        loadPrincipal(open, d.decided_by, 'session', null, day),
        coordinatorId ? loadPrincipal(open, coordinatorId, 'session', null, day) : Promise.resolve(null),
        findCurrentTemplate(open, 'CRISIS_ESCALATION'),
        loadAccessPolicy(open),
      ]);
      // Without a coordinator it waits: the next run tries again, and the count says so.
      if (!sender || !lead || !template) {
        result.noCoordinator += 1;
        return;
      }
      const facts = systemFacts(inTx, d.person_id);
      const values = valuesOf(d);
      const copy = computeRecipientCopy(
        {
          sender: actorOf(sender),
          lead: actorOf(lead),
          personId: d.person_id,
          recipientOrganisationId: lead.organisationId,
          purpose: 'CRISIS_RESPONSE',
          at,
          facts: {
            careTeam: (await loadPersonFacts(facts, day)).memberships,
            breakGlassGrants: [],
            ...(await loadSharingFacts(facts, at, day)),
          },
          policy: policy.tiers,
        },
        template,
        values,
      );
      const id = crypto.randomUUID();
      const missing = missingRequired(template, values);
      const handover: HandoverRow = {
        id,
        person_id: d.person_id,
        template_key: template.key,
        template_version: template.version,
        sender_staff_id: sender.staffId,
        sender_org_id: sender.organisationId,
        recipient_org_id: lead.organisationId,
        recipient_staff_id: lead.staffId,
        recipient_team_id: null,
        lead_staff_id: lead.staffId,
        purpose: 'CRISIS_RESPONSE',
        route: 'ACCORD',
        status: 'sent',
        information_missing: missing.length > 0 ? 1 : 0,
        missing_fields: JSON.stringify(missing),
        sent_at: at,
        due_at: new Date(now.getTime() + template.slaMinutes * 60_000).toISOString(),
        sla_minutes: template.slaMinutes,
        acknowledged_at: null,
        acknowledged_by: null,
        acknowledgement_note: null,
        escalation_tier: 0,
        source: 'accord',
      };
      await insertHandover(
        inTx,
        handover,
        copy.fields.map((f, position) => ({
          handover_id: id,
          position,
          key: f.key,
          label: f.label,
          category: f.category,
          value: values[f.key] ?? null,
          disclosed: f.withheld ? 0 : 1,
          withheld_reasons: JSON.stringify(f.withheld?.reasons ?? []),
          owner_org_id: sender.organisationId,
          source_entry_id: null,
        })),
      );
      // Marked in the same transaction: a second run, or a second process, delivers nothing.
      if (!(await markInterimDelivered(inTx, d.id, id))) throw new AlreadyDelivered();
      const permitted = copy.decisions.filter((x) => x.permitted).map((x) => x.category);
      const events: AuditEvent[] = [
        {
          action: 'handover.send',
          outcome: 'success',
          actor: null,
          personId: d.person_id,
          purpose: 'CRISIS_RESPONSE',
          recipientOrganisationId: lead.organisationId,
          categories: permitted,
          target: { type: 'handover', id },
          details: { template: template.key, interimDecision: d.id, route: 'ACCORD' },
        },
      ];
      if (lead.organisationId !== sender.organisationId && permitted.length > 0)
        events.push({
          action: 'handover.disclose',
          outcome: 'permit',
          actor: null,
          personId: d.person_id,
          categories: permitted,
          purpose: 'CRISIS_RESPONSE',
          ownerOrganisationId: sender.organisationId,
          recipientOrganisationId: lead.organisationId,
          target: { type: 'handover', id },
        });
      await audit.appendInTransaction(tx, events, now, null);
      result.delivered += 1;
    });
  }
}
