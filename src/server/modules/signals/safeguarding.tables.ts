/** Row shapes of the safeguarding tables, as stored (see migration 0040). */

export interface SafeguardingConcernRow {
  id: string;
  person_id: string;
  organisation_id: string;
  lead_staff_id: string;
  /** `open` or `closed`. */
  status: string;
  enquiry_type: string;
  /** Comma-separated Care Act abuse types. */
  abuse_types: string;
  s42_care_needs: number;
  s42_at_risk: number;
  s42_unable_to_protect: number;
  source_of_risk: string;
  location_of_risk: string;
  immediate_actions: string;
  adult_views: string;
  desired_outcomes: string;
  capacity: string;
  capacity_notes: string | null;
  advocacy_needed: number;
  advocacy_notes: string | null;
  police_involved: number;
  police_reference: string | null;
  /** JSON array of `{ organisationId, what, why }`: what was shared, with whom and why. */
  sharing: string;
  next_huddle_on: string | null;
  action_due_key: string;
  recorded_at: string;
  recorded_by: string;
  updated_at: string;
  version: number;
  closed_at: string | null;
}

export interface SafeguardingActionRow {
  id: string;
  person_id: string;
  organisation_id: string;
  concern_id: string | null;
  huddle_review_id: string | null;
  conference_id: string | null;
  description: string;
  owner_staff_id: string;
  due_date: string;
  due_at: string;
  /** `open` or `done`. */
  status: string;
  created_at: string;
  created_by: string;
  completed_at: string | null;
  completed_by: string | null;
  outcome: string | null;
}

export interface HuddleReviewRow {
  id: string;
  concern_id: string;
  person_id: string;
  organisation_id: string;
  held_on: string;
  /** JSON array of `{ organisation, contact, outcome }`. */
  partner_contacts: string;
  notes: string | null;
  next_huddle_on: string;
  recorded_at: string;
  recorded_by: string;
}

export interface CaseConferenceRow {
  id: string;
  person_id: string;
  organisation_id: string;
  concern_id: string | null;
  held_on: string;
  /** JSON array of `{ name, organisationId, role }`. */
  attendees: string;
  person_views: string;
  /** JSON array of `{ categories, organisationId, basis, rationale }`. */
  shared: string;
  /** JSON array of strings. */
  decisions: string;
  recorded_at: string;
  recorded_by: string;
}

/** Safeguarding tables by name. */
export interface SafeguardingTables {
  safeguarding_concerns: SafeguardingConcernRow;
  safeguarding_actions: SafeguardingActionRow;
  safeguarding_huddle_reviews: HuddleReviewRow;
  case_conferences: CaseConferenceRow;
}
