/**
 * The case coordination timeline: one person's signals, contacts, alerts and handovers across
 * agencies, each signal and contact decided for the viewer by category and owning organisation,
 * with a marker for what was withheld. Every disclosure and refusal is audited like a record view.
 */
import type {
  AlertKind,
  AlertOutcome,
  AlertTrigger,
  CoordinationItem,
  CoordinationTimeline,
} from '../../../contracts/signals.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import { decideFor, openPerson } from '../access/index.ts';
import { personTimeline } from '../exchange/index.ts';
import { loadSharingFacts, viewAuditEvents } from '../people/index.ts';
import { findPersonAlerts } from './alerts.repository.ts';
import { findContacts } from './contacts.repository.ts';
import { findStaffNames } from './escalation-rules.repository.ts';
import { visibleTo } from './signals.presenter.ts';
import { findSignals } from './signals.repository.ts';

const LIMIT = 200;

/** The timeline for the caller (404 for a person they may not know), newest first. */
export async function coordinationTimeline(
  ctx: ServiceContext,
  personId: string,
): Promise<CoordinationTimeline> {
  const read = await openPerson(ctx, personId, {
    extraFacts: loadSharingFacts,
  });
  const q = read.question;
  const [signals, contacts, alerts, handovers] = await Promise.all([
    findSignals(read, LIMIT),
    findContacts(read, LIMIT),
    findPersonAlerts(read, 50),
    personTimeline(ctx, personId),
  ]);
  const seenSignals = visibleTo(q, signals);
  const seenContacts = visibleTo(q, contacts);
  // An alert is risk information of the organisation it went to: shown to its recipient and whom
  // it escalated to, and to anyone the decision lets see that organisation's risk summary.
  const me = ctx.principal.staffId;
  const shownAlerts = alerts.filter(
    (a) =>
      a.recipient_staff_id === me ||
      a.escalated_to === me ||
      decideFor(q, 'RISK_SUMMARY', a.organisation_id).effect === 'permit',
  );
  const riskInTier = decideFor(q, 'RISK_SUMMARY', ctx.principal.organisationId).effect === 'permit';
  const names = await findStaffNames(
    ctx.database.db,
    shownAlerts.map((a) => a.recipient_staff_id),
  );
  const items: CoordinationItem[] = [
    ...seenSignals.shown.map((s): CoordinationItem => ({ kind: 'signal', at: s.observedAt, signal: s })),
    ...seenContacts.shown.map(
      ({ category: _c, ...c }): CoordinationItem => ({
        kind: 'contact',
        at: c.occurredAt,
        contact: c,
      }),
    ),
    ...shownAlerts.map(
      (a): CoordinationItem => ({
        kind: 'alert',
        at: a.raised_at,
        alert: {
          id: a.id,
          kind: a.kind as AlertKind,
          trigger: a.trigger as AlertTrigger,
          recipientName: a.recipient_staff_id ? (names.get(a.recipient_staff_id) ?? null) : null,
          acknowledgedAt: a.acknowledged_at,
          outcome: a.outcome as AlertOutcome | null,
          escalatedAt: a.escalated_at,
        },
      }),
    ),
    ...handovers.items.map(
      (h): CoordinationItem => ({
        kind: 'handover',
        at: h.sentAt,
        handover: {
          id: h.id,
          template: h.template,
          senderOrganisationName: h.senderOrganisationName,
          recipientOrganisationName: h.recipientOrganisationName,
          status: h.status,
        },
      }),
    ),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  await ctx.audit.append(
    [
      {
        action: 'coordination.timeline',
        outcome: 'success',
        actor: auditActor(ctx),
        personId,
        purpose: q.purpose,
        details: { shown: items.length },
      },
      ...viewAuditEvents(q, [...seenSignals.decisions, ...seenContacts.decisions]),
    ],
    ctx.now,
    ctx.requestId,
  );
  return {
    items,
    withheld: [
      ...seenSignals.withheld.map((w) => ({ ...w, kind: 'signal' as const })),
      ...seenContacts.withheld.map((w) => ({ ...w, kind: 'contact' as const })),
    ],
    alertsWithheld: riskInTier ? alerts.length - shownAlerts.length : 0,
  };
}
