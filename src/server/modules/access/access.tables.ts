/** Row shapes of the access tables (see migration 0005). */

export interface BreakGlassGrantRow {
  id: string;
  person_id: string;
  staff_id: string;
  organisation_id: string;
  /** The reason the duty worker stated; kept for the IG lead's review, never logged. */
  reason: string;
  /** Comma-separated data categories the grant opens. */
  categories: string;
  granted_at: string;
  expires_at: string;
  /** Set when the worker closes the grant early. */
  ended_at: string | null;
}

export interface AccessPolicyRow {
  id: number;
  version: number;
  /** JSON: Record<StaffRole, DataCategory[]>. */
  tiers: string;
  /** JSON: Partial<Record<DataCategory, RestrictedCategoryRule>>. */
  restricted: string;
  break_glass_minutes: number;
  /** Break-glass grants one worker may open in 24 hours (migration 0011). */
  break_glass_daily_limit: number;
  updated_by: string | null;
  updated_at: string;
}

/** The counter every change to partnership-wide facts bumps (one row, id 1). */
export interface PartnershipVersionRow {
  id: number;
  version: number;
}

/** A proposed change of a partnership-wide setting awaiting the parties' IG leads (migration 0011). */
export interface SettingsProposalRow {
  id: string;
  /** `access_policy` or `anomaly_settings`. */
  setting: string;
  /** JSON: the settings as they would be saved. */
  payload: string;
  proposed_by: string;
  proposed_at: string;
  /** `open`, `applied` or `withdrawn`. */
  status: string;
  /** JSON: [{ organisationId, staffId, at }], one per approving organisation. */
  approvals: string;
  closed_at: string | null;
}

/** Access tables by name. */
export interface AccessTables {
  break_glass_grants: BreakGlassGrantRow;
  access_policy: AccessPolicyRow;
  partnership_version: PartnershipVersionRow;
  settings_proposals: SettingsProposalRow;
}
