import type { HandoverRow } from '../../src/server/modules/exchange/exchange.tables.ts';

/** A stored handover row with plausible defaults, for tests that seed handovers directly. */
export function handoverRow(
  o: Pick<
    HandoverRow,
    'person_id' | 'sender_staff_id' | 'sender_org_id' | 'recipient_org_id' | 'lead_staff_id'
  > &
    Partial<HandoverRow>,
): HandoverRow {
  const sentAt = o.sent_at ?? '2026-11-02T10:00:00.000Z';
  const sla = o.sla_minutes ?? 60;
  return {
    id: crypto.randomUUID(),
    template_key: 'CRISIS_ESCALATION',
    template_version: 1,
    recipient_staff_id: null,
    recipient_team_id: null,
    purpose: 'DIRECT_CARE',
    route: 'ACCORD',
    status: 'sent',
    information_missing: 0,
    missing_fields: '[]',
    sent_at: sentAt,
    due_at: new Date(Date.parse(sentAt) + sla * 60_000).toISOString(),
    sla_minutes: sla,
    acknowledged_at: null,
    acknowledged_by: null,
    acknowledgement_note: null,
    escalation_tier: 0,
    source: 'ACCORD',
    ...o,
  };
}
