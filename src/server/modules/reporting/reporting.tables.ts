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

/** Reporting tables by name. */
export interface ReportingTables {
  care_plan_reviews: CarePlanReviewRow;
  outcome_scores: OutcomeScoreRow;
}
