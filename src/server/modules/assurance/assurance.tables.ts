/** Row shapes of the assurance tables (see migration 0006). */

export interface AnomalySettingRow {
  rule: string;
  /** 0 or 1. */
  enabled: number;
  /** JSON object of the rule's thresholds. */
  thresholds: string;
  updated_by: string | null;
  updated_at: string;
}

export interface InvestigationCaseRow {
  id: string;
  rule: string;
  actor_staff_id: string;
  /** The actor's organisation: its IG lead investigates. */
  organisation_id: string;
  opened_at: string;
  window_start: string;
  window_end: string;
  /** JSON object of codes and counts; never personal data. */
  summary: string;
  status: string;
  outcome: string | null;
  outcome_notes: string | null;
  closed_by: string | null;
  closed_at: string | null;
  /** Rule, actor and period: running detection again over the same window finds the same case. */
  dedupe_key: string;
}

export interface InvestigationEvidenceRow {
  case_id: string;
  audit_entry_id: string;
}

export interface AccessReviewRow {
  id: string;
  /** YYYY-MM. */
  period: string;
  organisation_id: string;
  reviewer_staff_id: string;
  status: string;
  /** YYYY-MM-DD, UK date; undecided items escalate after it. */
  due_on: string;
  created_at: string;
  completed_at: string | null;
}

export interface AccessReviewItemRow {
  id: string;
  review_id: string;
  staff_id: string;
  kind: string;
  /** A role code (ROLE) or a care-team membership id (CARE_TEAM_MEMBERSHIP). */
  subject: string;
  flag: string | null;
  decision: string | null;
  decided_by: string | null;
  decided_at: string | null;
  escalated_at: string | null;
}

/** Assurance tables by name. */
export interface AssuranceTables {
  anomaly_settings: AnomalySettingRow;
  investigation_cases: InvestigationCaseRow;
  investigation_evidence: InvestigationEvidenceRow;
  access_reviews: AccessReviewRow;
  access_review_items: AccessReviewItemRow;
}

export interface IgIncidentRow {
  id: string;
  organisation_id: string;
  kind: string;
  title: string;
  summary: string;
  detected_at: string;
  likelihood: number;
  severity: number;
  notify_ico_by: string | null;
  ico_notified_at: string | null;
  investigation: string;
  root_cause: string;
  learning: string;
  /** JSON: the corrective actions with owners and due dates. */
  actions: string;
  people_affected: number;
  anomaly_case_id: string | null;
  status: string;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  closed_at: string | null;
}

export interface IgIncidentPersonRow {
  incident_id: string;
  person_id: string;
  linked_by: string;
  linked_at: string;
}

/** IG incident tables by name. */
export interface IncidentTables {
  ig_incidents: IgIncidentRow;
  ig_incident_audit_entries: { incident_id: string; audit_entry_id: string };
  ig_incident_people: IgIncidentPersonRow;
}
