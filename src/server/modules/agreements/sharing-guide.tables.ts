/** Row shapes of the sharing-guide tables, as stored (see migration 0053). */

/** One version of an organisation's guidance for one situation; versions are only ever added. */
export interface ScenarioGuidanceRow {
  id: string;
  organisation_id: string;
  /** `ROUTINE`, `URGENT`, `SAFEGUARDING` or `CRISIS`. */
  situation: string;
  version: number;
  body: string;
  change_note: string;
  /** The agreement dispute whose documented outcome produced this version, if any. */
  dispute_id: string | null;
  created_by: string;
  created_at: string;
}

/** A staff member's acknowledgement of their guide as it read (its fingerprint); lapses like training. */
export interface GuideAcknowledgementRow {
  id: string;
  staff_id: string;
  organisation_id: string;
  role: string;
  fingerprint: string;
  acknowledged_at: string;
  lapses_on: string;
}

/** Sharing-guide tables by name. */
export interface SharingGuideTables {
  scenario_guidance: ScenarioGuidanceRow;
  guide_acknowledgements: GuideAcknowledgementRow;
}
