/** Row shapes of post-incident reviews and incident actions (see migration 0055). */

/** Where the flow of information was weak, recorded after an IG incident. */
export interface IncidentReviewRow {
  incident_id: string;
  weak_points: string;
  what_held: string;
  version: number;
  reviewed_by: string;
  reviewed_at: string;
}

/** A handover or risk signal involved in an incident: person-level, reached only through the door. */
export interface IncidentFlowLinkRow {
  incident_id: string;
  /** `HANDOVER` or `SIGNAL`. */
  kind: string;
  ref_id: string;
  person_id: string;
  linked_by: string;
  linked_at: string;
}

/** An incident action with its named owner and due date. */
export interface IncidentActionRow {
  id: string;
  incident_id: string;
  description: string;
  owner_staff_id: string;
  due_on: string;
  /** `open` or `done`. */
  status: string;
  created_by: string;
  created_at: string;
  completed_by: string | null;
  completed_at: string | null;
  completion_note: string | null;
}

/** Post-incident tables by name. */
export interface IncidentReviewTables {
  ig_incident_reviews: IncidentReviewRow;
  ig_incident_flow_links: IncidentFlowLinkRow;
  ig_incident_actions: IncidentActionRow;
}
