/** Handovers as their parties see them: the recipient's copy only, with what the caller may do. */
import type { DataCategory, Purpose } from '../../../contracts/enums.ts';
import { DATA_CATEGORY_LABELS } from '../../../contracts/enums.ts';
import type {
  CopyField,
  HandoverAction,
  HandoverDto,
  HandoverRoute,
  HandoverStatus,
  TemplateKey,
} from '../../../contracts/exchange.ts';
import type {
  HandoverActionRow,
  HandoverEscalationRow,
  HandoverFieldRow,
  HandoverRow,
} from './exchange.tables.ts';

/** One field of the recipient's copy: the value if it crossed, else the marker. */
export function presentField(f: HandoverFieldRow): CopyField {
  const category = f.category as DataCategory;
  return {
    key: f.key,
    label: f.label,
    category,
    value: f.disclosed === 1 ? f.value : null,
    withheld:
      f.disclosed === 1
        ? null
        : {
            category,
            categoryLabel: DATA_CATEGORY_LABELS[category],
            reasons: JSON.parse(f.withheld_reasons) as { code: string; message: string }[],
          },
  };
}

/** The summary of a handover (no fields) as lists show it. */
export function presentSummary(
  h: HandoverRow,
  now: Date,
  canAcknowledge: boolean,
): Omit<HandoverDto, 'fields' | 'actions' | 'escalations'> {
  return {
    id: h.id,
    personId: h.person_id,
    template: h.template_key as TemplateKey,
    templateVersion: h.template_version,
    senderStaffId: h.sender_staff_id,
    senderOrganisationId: h.sender_org_id,
    recipientOrganisationId: h.recipient_org_id,
    recipientStaffId: h.recipient_staff_id,
    recipientTeamId: h.recipient_team_id,
    leadStaffId: h.lead_staff_id,
    purpose: h.purpose as Purpose,
    route: h.route as HandoverRoute,
    interfaceEntryId: h.interface_entry_id ?? null,
    status: h.status as HandoverStatus,
    informationMissing: h.information_missing === 1,
    missingFields: JSON.parse(h.missing_fields) as string[],
    sentAt: h.sent_at,
    dueAt: h.due_at,
    overdue: h.status === 'sent' && Date.parse(h.due_at) <= now.getTime(),
    acknowledgedAt: h.acknowledged_at,
    acknowledgedBy: h.acknowledged_by,
    source: h.source === 'import' ? 'import' : 'accord',
    can: { acknowledge: canAcknowledge },
  };
}

/** A whole handover. */
export function presentHandover(
  h: HandoverRow,
  fields: readonly HandoverFieldRow[],
  actions: readonly HandoverActionRow[],
  escalations: readonly HandoverEscalationRow[],
  now: Date,
  canAcknowledge: boolean,
): HandoverDto {
  return {
    ...presentSummary(h, now, canAcknowledge),
    fields: fields.map(presentField),
    actions: actions.map(presentAction),
    escalations: escalations.map((e) => ({
      tier: e.tier,
      escalatedAt: e.escalated_at,
      toStaffId: e.to_staff_id,
      reason: e.reason,
      resolvedAt: e.resolved_at,
      resolution: e.resolution ?? null,
    })),
  };
}

/** A task set at acknowledgement. */
export function presentAction(a: HandoverActionRow): HandoverAction {
  return {
    id: a.id,
    handoverId: a.handover_id,
    description: a.description,
    ownerStaffId: a.owner_staff_id,
    dueAt: a.due_at,
    status: a.status,
    closedAt: a.closed_at ?? null,
    closingNote: a.closing_note ?? null,
  };
}
