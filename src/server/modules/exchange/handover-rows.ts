/** Rows and audit events for a handover being sent. Pure. */
import type { HandoverDraft } from '../../../contracts/exchange.ts';
import { auditActor, type ServiceContext } from '../../service-context.ts';
import type { AuditEvent } from '../audit/index.ts';
import type { HandoverFieldRow, HandoverRow } from './exchange.tables.ts';
import type { Template } from './exchange.ts';
import type { ResolvedRecipient } from './recipient.service.ts';
import type { ComputedCopy } from './recipient-copy.ts';

/** The handover row and its field rows: the sender's values, each marked disclosed or withheld. */
export function handoverRowsOf(
  ctx: ServiceContext,
  id: string,
  draft: HandoverDraft,
  template: Template,
  recipient: ResolvedRecipient,
  copy: ComputedCopy,
  missing: readonly string[],
  owners: Readonly<Record<string, string>> = {},
): { handover: HandoverRow; fields: HandoverFieldRow[] } {
  const sentAt = ctx.now.toISOString();
  const handover: HandoverRow = {
    id,
    person_id: draft.personId,
    template_key: template.key,
    template_version: template.version,
    sender_staff_id: ctx.principal.staffId,
    sender_org_id: ctx.principal.organisationId,
    recipient_org_id: recipient.organisationId,
    recipient_staff_id: recipient.staffId,
    recipient_team_id: recipient.teamId,
    lead_staff_id: recipient.lead.staffId,
    purpose: draft.purpose,
    route: draft.route,
    status: 'sent',
    information_missing: missing.length > 0 ? 1 : 0,
    missing_fields: JSON.stringify(missing),
    sent_at: sentAt,
    due_at: new Date(ctx.now.getTime() + template.slaMinutes * 60_000).toISOString(),
    sla_minutes: template.slaMinutes,
    acknowledged_at: null,
    acknowledged_by: null,
    acknowledgement_note: null,
    escalation_tier: 0,
    source: 'accord',
  };
  const fields = copy.fields.map(
    (f, position): HandoverFieldRow => ({
      handover_id: id,
      position,
      key: f.key,
      label: f.label,
      category: f.category,
      value: (draft.fields[f.key] ?? '').trim() || null,
      disclosed: f.withheld ? 0 : 1,
      withheld_reasons: JSON.stringify(f.withheld?.reasons ?? []),
      owner_org_id: owners[f.key] ?? ctx.principal.organisationId,
      source_entry_id: draft.sources[f.key] ?? null,
    }),
  );
  return { handover, fields };
}

/**
 * The send's audit entries: the change itself, one disclosure per basis for the categories that
 * crossed to another organisation, and one "unable to share" entry for the categories withheld.
 */
export function copyAuditEvents(ctx: ServiceContext, h: HandoverRow, copy: ComputedCopy): AuditEvent[] {
  const actor = auditActor(ctx);
  const events: AuditEvent[] = [
    {
      action: 'handover.send',
      outcome: 'success',
      actor,
      personId: h.person_id,
      purpose: h.purpose,
      recipientOrganisationId: h.recipient_org_id,
      target: { type: 'handover', id: h.id },
      details: { template: h.template_key, route: h.route, informationMissing: h.information_missing === 1 },
    },
  ];
  const groups = new Map<string, ComputedCopy['decisions']>();
  for (const d of copy.decisions) {
    const b = d.disclosure.basis;
    const key = d.permitted
      ? `permit|${d.owner}|${b.agreementId ?? ''}|${b.agreementVersion ?? ''}|${b.consentProvisionId ?? ''}|${b.exceptionId ?? ''}`
      : `deny|${d.owner}`;
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  for (const [key, group] of groups) {
    const first = group[0];
    if (!first) continue;
    // Data crossing an organisation boundary is a disclosure: the sender's own to another
    // organisation, or a partner's (prefilled from the record) to anyone but that partner.
    const denied = key.startsWith('deny|');
    if (!denied && first.owner === h.recipient_org_id) continue;
    const b = first.disclosure.basis;
    events.push({
      action: denied ? 'handover.withhold' : 'handover.disclose',
      outcome: denied ? 'deny' : 'permit',
      actor,
      personId: h.person_id,
      categories: group.map((d) => d.category),
      purpose: h.purpose,
      ownerOrganisationId: first.owner,
      recipientOrganisationId: h.recipient_org_id,
      reasons: denied
        ? [
            ...new Set(
              group.flatMap((d) =>
                [...d.disclosure.reasons, ...d.recipient.reasons]
                  .filter((r) => !r.code.startsWith('PERMIT_'))
                  .map((r) => r.code),
              ),
            ),
          ]
        : [...new Set(first.disclosure.reasons.map((r) => r.code))],
      agreementId: denied ? null : (b.agreementId ?? null),
      consentId: denied ? null : (b.consentId ?? null),
      consentProvisionId: denied ? null : (b.consentProvisionId ?? null),
      exceptionId: denied ? null : (b.exceptionId ?? null),
      target: { type: 'handover', id: h.id },
      details: {
        route: h.route,
        ...(b.agreementVersion !== undefined && !denied ? { agreementVersion: b.agreementVersion } : {}),
      },
    });
  }
  return events;
}
