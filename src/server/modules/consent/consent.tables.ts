/** Row shapes of the consent tables, as stored (see migration 0004). */

/**
 * One version of a person's consent. Versions are never changed except to mark them superseded;
 * the current one is the version with `superseded_at` null.
 */
export interface ConsentRow {
  id: string;
  person_id: string;
  version: number;
  /** What this version recorded: CAPTURE, WITHDRAW, REFUSE, REVIEW_DUE, REVIEWED. */
  change: string;
  status: string;
  capacity: string;
  best_interests_decision: string | null;
  decision_maker: string | null;
  explanation: string;
  /** Who captured the person's decision (for REVIEW_DUE and REVIEWED versions, carried over). */
  captured_by: string;
  captured_by_org_id: string;
  captured_at: string;
  /** Who made this version and when (the capturer, or whoever raised or completed a review). */
  recorded_by: string;
  recorded_at: string;
  review_date: string;
  review_due: number;
  review_due_reason: string | null;
  superseded_at: string | null;
  superseded_by: string | null;
  /** JSON array of provisions: {id, kind, organisationId, categories}. */
  provisions: string;
}

/** A task for the care coordinator to review the person's consent with them. */
export interface ConsentReviewTaskRow {
  id: string;
  person_id: string;
  consent_id: string | null;
  trigger: string;
  assigned_to: string | null;
  status: string;
  outcome: string | null;
  created_at: string;
  created_by: string | null;
  completed_at: string | null;
  completed_by: string | null;
}

/** A recorded lawful ground for sharing without (or against) consent. */
export interface LawfulExceptionRow {
  id: string;
  person_id: string;
  ground: string;
  article6: string;
  article9: string;
  common_law: string;
  recipient_org_id: string | null;
  /** JSON array of data categories; empty means all. */
  categories: string;
  valid_from: string;
  valid_until: string | null;
  rationale: string;
  decided_by: string;
  decided_by_org_id: string;
  decided_at: string;
}

/** An item on an IG lead's exception review queue (lawful exceptions and break-glass). */
export interface ExceptionReviewRow {
  id: string;
  kind: string;
  subject_id: string;
  person_id: string;
  organisation_id: string;
  status: string;
  outcome: string | null;
  notes: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  created_at: string;
}

/** Consent tables by name. */
export interface ConsentTables {
  consents: ConsentRow;
  consent_review_tasks: ConsentReviewTaskRow;
  lawful_exceptions: LawfulExceptionRow;
  exception_reviews: ExceptionReviewRow;
}
