/**
 * Safeguarding rules, pure. Notes are the restricted SAFEGUARDING category: reading them is the
 * decision function's view of that category for the concern's organisation, changing them its
 * edit (designated roles with current safeguarding training). Knowing the person is enough to be
 * told that a concern exists and whom to contact.
 */

import { ukEndOfDay } from '../access/calendar.ts';
import type { WriteOptions } from '../access/door.ts';
import type { Decision, PersonAccessQuestion } from '../access/index.ts';
import { decideFor } from '../access/index.ts';
import type { AuditEvent } from '../audit/audit-entry.ts';
import type { CaseConferenceRow } from './safeguarding.tables.ts';

/** The decision about reading one organisation's safeguarding notes. */
export function notesDecision(q: PersonAccessQuestion, ownerOrganisationId: string): Decision {
  return decideFor(q, 'SAFEGUARDING', ownerOrganisationId, 'view');
}

/** The decision about recording or changing safeguarding notes at the caller's own organisation. */
export function editDecision(q: PersonAccessQuestion): Decision {
  return decideFor(q, 'SAFEGUARDING', q.principal.organisationId, 'edit');
}

/** End of a due day (UK) as an instant, so actions sort with every other kind of work. */
export function dueAtOf(dueDate: string): string {
  return ukEndOfDay(dueDate);
}

/** An action is overdue once its due day has passed. */
export function isOverdue(dueDate: string, status: string, today: string): boolean {
  return status === 'open' && dueDate < today;
}

/** Parses a JSON column written by this module. */
export function parseJson<T>(raw: string): T {
  return JSON.parse(raw) as T;
}

/**
 * The audit entries of one read of a person's safeguarding: one per organisation whose notes were
 * decided, a view (own organisation), a disclosure (another's) or a refusal; the caller was shown
 * the flag whatever the outcome.
 */
export function safeguardingViewEvents(
  q: PersonAccessQuestion,
  decisions: ReadonlyMap<string, Decision>,
): AuditEvent[] {
  const actor = {
    staffId: q.principal.staffId,
    organisationId: q.principal.organisationId,
    roles: q.principal.roles,
  };
  const events: AuditEvent[] = [];
  for (const [owner, decision] of decisions) {
    const crossing = owner !== q.principal.organisationId;
    events.push({
      action:
        decision.effect === 'deny'
          ? 'safeguarding.withhold'
          : crossing
            ? 'safeguarding.disclose'
            : 'safeguarding.view',
      outcome: decision.effect,
      actor,
      personId: q.personId,
      categories: ['SAFEGUARDING'],
      purpose: q.purpose,
      ownerOrganisationId: owner,
      recipientOrganisationId: q.principal.organisationId,
      reasons: [...new Set(decision.reasons.map((r) => r.code))],
      agreementId: decision.basis.agreementId ?? null,
      consentId: decision.basis.consentId ?? null,
      consentProvisionId: decision.basis.consentProvisionId ?? null,
      exceptionId: decision.basis.exceptionId ?? null,
    });
  }
  if (events.length === 0)
    events.push({
      action: 'safeguarding.view',
      outcome: 'success',
      actor,
      personId: q.personId,
      categories: ['SAFEGUARDING'],
      purpose: q.purpose,
      details: { shown: 0 },
    });
  return events;
}

/** Every organisation a case conference names: its own, its attendees' and those that shared. */
export function conferenceOrganisations(c: CaseConferenceRow): string[] {
  const attendees = parseJson<{ organisationId: string }[]>(c.attendees);
  const shared = parseJson<{ organisationId: string }[]>(c.shared);
  return [
    c.organisation_id,
    ...attendees.map((a) => a.organisationId),
    ...shared.map((s) => s.organisationId),
  ];
}

/** How a safeguarding write is decided: an edit of the restricted category at the caller's organisation. */
export function safeguardingWriteOptions(ctx: { principal: { organisationId: string } }): WriteOptions {
  return {
    purpose: 'SAFEGUARDING',
    decide: editDecision,
    refusal: {
      action: 'record.edit.deny',
      categories: ['SAFEGUARDING'],
      ownerOrganisationId: ctx.principal.organisationId,
    },
  };
}
