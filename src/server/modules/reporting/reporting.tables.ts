/** Row shapes of the reporting tables, as stored (see migration 0060). Both are person-level. */

export interface CarePlanReviewRow {
  id: string;
  person_id: string;
  organisation_id: string;
  due_on: string;
  held_on: string | null;
  recorded_by: string;
  recorded_at: string;
}

export interface OutcomeScoreRow {
  review_id: string;
  measure: string;
  item: number;
  snomed_code: string;
  score: number;
  person_id: string;
  organisation_id: string;
  /** The date the review was held: the score's assessment date. */
  scored_on: string;
}

/** A month's data-quality audit of one organisation (migration 0061): no person data. */
export interface DqAuditRow {
  id: string;
  organisation_id: string;
  month: string;
  /** The seed the sample was drawn with: the same seed over the same records draws the same sample. */
  seed: string;
  sample_size: number;
  population: number;
  sampled: number;
  findings: number;
  /** Open findings of earlier audits this one checked again, and how many were then put right. */
  reaudited: number;
  verified: number;
  still_present: number;
  run_by: string;
  run_at: string;
}

/** An episode drawn into an audit's sample (person-level). */
export interface DqAuditItemRow {
  audit_id: string;
  episode_id: string;
  person_id: string;
  position: number;
}

/** A data-quality finding with its correction action (person-level). */
export interface DqFindingRow {
  id: string;
  audit_id: string;
  organisation_id: string;
  person_id: string;
  episode_id: string;
  check_code: string;
  record_type: string;
  record_id: string;
  action: string;
  owner_staff_id: string;
  due_at: string;
  /** open -> corrected (owner says so) -> verified (a later audit found it put right); reopened if not. */
  status: string;
  corrected_at: string | null;
  corrected_by: string | null;
  verified_audit_id: string | null;
  verified_at: string | null;
}

/** Reporting tables by name. */
export interface ReportingTables {
  care_plan_reviews: CarePlanReviewRow;
  outcome_scores: OutcomeScoreRow;
  dq_audits: DqAuditRow;
  dq_audit_items: DqAuditItemRow;
  dq_findings: DqFindingRow;
}
