/**
 * Raising the alerts the rules call for, for one person, inside the transaction that recorded the
 * signal (or the sweep's own). Recipients: the care coordinator for rising risk; for clinical
 * oversight the clinician on the care team, else the clinical lead of a team on it. An alert with
 * nobody to receive it is due at once, so the timer escalates it to a service manager.
 */
import type { AlertKind } from '../../../contracts/signals.ts';
import type { Db } from '../../db/database.ts';
import type { SystemAccess } from '../../db/system-db.ts';
import type { CareTeamMembership, PersonWrite } from '../access/index.ts';
import type { AuditEvent } from '../audit/index.ts';
import { insertAlert } from './alerts.repository.ts';
import { type AlertProposal, evaluateEscalation, lookBackDays } from './escalation.ts';
import { findTeamClinicalLead, loadEscalationRules } from './escalation-rules.repository.ts';
import { findSignalFacts } from './signals.repository.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const live = (m: CareTeamMembership, today: string) =>
  m.startDate <= today && (m.endDate === null || today <= m.endDate);

/** Whom an alert of a kind goes to, from the person's care team today. */
export async function recipientFor(
  db: Db,
  kind: AlertKind,
  memberships: readonly CareTeamMembership[],
  today: string,
): Promise<{ staffId: string; organisationId: string } | null> {
  const current = memberships.filter((m) => live(m, today));
  const named = (role: string) => current.find((m) => m.role === role && m.staffId !== null);
  const direct = kind === 'RISING_RISK' ? named('CARE_COORDINATOR') : named('CLINICIAN');
  if (direct?.staffId) return { staffId: direct.staffId, organisationId: direct.organisationId };
  if (kind !== 'CLINICAL_OVERSIGHT') return null;
  const lead = await findTeamClinicalLead(
    db,
    current.flatMap((m) => (m.teamId ? [m.teamId] : [])),
    current.flatMap((m) => (m.staffId ? [m.staffId] : [])),
  );
  return lead ?? null;
}

/** Where the raise runs: a signal's own write, or the sweep with the unrestricted handle. */
export type RaiseScope = { write: PersonWrite } | { system: SystemAccess; personId: string };

/** What was raised, for the caller to audit and report. */
export interface RaisedAlert {
  readonly id: string;
  readonly kind: AlertKind;
  readonly proposal: AlertProposal;
  readonly recipientStaffId: string | null;
}

/**
 * Evaluates the rules for one person over signals up to `endAt` and stores each alert they call
 * for (idempotent: signals already part of an alert of a kind do not count again for it, and the
 * dedupe key refuses a copy). Returns the alerts raised with their audit events.
 */
export async function raiseAlerts(
  scope: RaiseScope,
  open: Db,
  memberships: readonly CareTeamMembership[],
  endAt: string,
  now: Date,
  today: string,
): Promise<{ raised: RaisedAlert[]; events: AuditEvent[] }> {
  const { rules } = await loadEscalationRules(open);
  const personId = 'write' in scope ? scope.write.personId : scope.personId;
  const from = new Date(Date.parse(endAt) - lookBackDays(rules) * DAY_MS).toISOString();
  const facts = await findSignalFacts('write' in scope ? scope.write : scope, from, endAt);
  const raised: RaisedAlert[] = [];
  const events: AuditEvent[] = [];
  for (const proposal of evaluateEscalation(rules, facts, endAt)) {
    const to = await recipientFor(open, proposal.kind, memberships, today);
    const newest = facts
      .filter((f) => proposal.signalIds.includes(f.id))
      .sort((a, b) => (a.observedAt < b.observedAt ? 1 : -1))[0];
    const id = crypto.randomUUID();
    const at = now.toISOString();
    const stored = await insertAlert(
      'write' in scope ? scope.write : scope.system,
      {
        id,
        person_id: personId,
        kind: proposal.kind,
        trigger: proposal.trigger,
        dedupe_key: proposal.dedupeKey,
        window_start: proposal.windowStart,
        window_end: proposal.windowEnd,
        raised_at: at,
        due_at: to ? new Date(now.getTime() + proposal.dueHours * HOUR_MS).toISOString() : at,
        recipient_staff_id: to?.staffId ?? null,
        organisation_id: to?.organisationId ?? newest?.organisationId ?? '',
        escalated_at: null,
        escalated_to: null,
        acknowledged_at: null,
        acknowledged_by: null,
        outcome: null,
        outcome_note: null,
      },
      proposal.signalIds,
    );
    if (!stored) continue;
    raised.push({ id, kind: proposal.kind, proposal, recipientStaffId: to?.staffId ?? null });
    events.push({
      action: 'signal_alert.raise',
      outcome: 'success',
      actor: null,
      personId,
      target: { type: 'signal_alert', id },
      details: {
        kind: proposal.kind,
        trigger: proposal.trigger,
        signals: proposal.signalIds.length,
        assigned: to !== null,
      },
    });
  }
  return { raised, events };
}
