/** Row shapes of the exchange tables, as stored (see migration 0020). */

export interface HandoverTemplateRow {
  key: string;
  version: number;
  name: string;
  sla_minutes: number;
  /** JSON array of template fields. */
  fields: string;
  created_at: string;
  created_by: string | null;
  current: number;
}

export interface HandoverRow {
  id: string;
  person_id: string;
  template_key: string;
  template_version: number;
  sender_staff_id: string;
  sender_org_id: string;
  recipient_org_id: string;
  recipient_staff_id: string | null;
  recipient_team_id: string | null;
  lead_staff_id: string;
  purpose: string;
  route: string;
  status: string;
  information_missing: number;
  /** JSON array of field keys left empty. */
  missing_fields: string;
  sent_at: string;
  due_at: string;
  sla_minutes: number;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledgement_note: string | null;
  escalation_tier: number;
  source: string;
  /** The register entry of the non-Accord route it was sent by (null for Accord, or before 0054). */
  interface_entry_id?: string | null;
}

export interface HandoverFieldRow {
  handover_id: string;
  position: number;
  key: string;
  label: string;
  category: string;
  value: string | null;
  disclosed: number;
  /** JSON array of `{ code, message }` when withheld; `[]` otherwise. */
  withheld_reasons: string;
  /** The organisation whose data the field is: the source entry's owner, else the sender's (null before 0023). */
  owner_org_id?: string | null;
  /** The record entry the field was prefilled from, if any. */
  source_entry_id?: string | null;
}

export interface HandoverActionRow {
  id: string;
  handover_id: string;
  description: string;
  owner_staff_id: string;
  due_at: string | null;
  status: string;
  created_at: string;
  created_by: string;
  closed_at?: string | null;
  closed_by?: string | null;
  closing_note?: string | null;
}

export interface HandoverEscalationRow {
  id: string;
  handover_id: string;
  tier: number;
  /** `UNACKNOWLEDGED` or `INFORMATION_MISSING`. */
  reason: string;
  escalated_at: string;
  to_staff_id: string | null;
  notify_staff_id: string | null;
  resolved_at: string | null;
  resolved_by?: string | null;
  /** How an "information missing" escalation was resolved: the fields supplied, or why they cannot be. */
  resolution?: string | null;
}

export interface FollowUpRow {
  id: string;
  person_id: string;
  handover_id: string | null;
  kind: string;
  rule: string;
  occurred_at: string;
  due_at: string;
  organisation_id: string;
  owner_staff_id: string | null;
  status: string;
  contact_at: string | null;
  recorded_by: string | null;
  missed_at: string | null;
  escalated_to: string | null;
  created_at: string;
  created_by: string;
}

export interface PathwayEpisodeRow {
  id: string;
  person_id: string;
  organisation_id: string;
  referral_handover_id: string | null;
  stage: string;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
  version: number;
}

export interface PathwayEpisodeMoveRow {
  episode_id: string;
  version: number;
  from_stage: string | null;
  to_stage: string;
  moved_at: string;
  moved_by: string;
}

/** An interim decision a duty worker took out of hours, with its authority and rationale. */
export interface CrisisInterimDecisionRow {
  id: string;
  person_id: string;
  organisation_id: string;
  decided_by: string;
  decided_at: string;
  authority: string;
  decision: string;
  rationale: string;
  /** The next working day's start: when the care coordinator receives it as a handover. */
  deliver_at: string;
  handover_id: string | null;
}

/** Exchange tables by name. Handovers, their fields, escalations and follow-ups are person-level (governed). */
export interface ExchangeTables {
  handover_templates: HandoverTemplateRow;
  handovers: HandoverRow;
  handover_fields: HandoverFieldRow;
  handover_actions: HandoverActionRow;
  handover_escalations: HandoverEscalationRow;
  follow_ups: FollowUpRow;
  pathway_episodes: PathwayEpisodeRow;
  pathway_episode_moves: PathwayEpisodeMoveRow;
  crisis_interim_decisions: CrisisInterimDecisionRow;
}
