/** Row shapes of the directory tables, as stored (see migration 0001). */

export interface OrganisationRow {
  id: string;
  name: string;
  type: string;
  ods_code: string | null;
  created_at: string;
  updated_at: string;
}

export interface TeamRow {
  id: string;
  organisation_id: string;
  name: string;
  service_type: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffRow {
  id: string;
  organisation_id: string;
  username: string;
  display_name: string;
  job_title: string;
  email: string | null;
  password_hash: string | null;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffRoleRow {
  staff_id: string;
  role: string;
}

export interface StaffTeamRow {
  staff_id: string;
  team_id: string;
}

export interface TrainingRecordRow {
  id: string;
  staff_id: string;
  kind: string;
  completed_on: string;
  expires_on: string;
  created_at: string;
}

export interface GovernanceRoleRow {
  organisation_id: string;
  role: string;
  staff_id: string;
  assigned_at: string;
}

/** A role asked for an account that opens person-level data, waiting for a second person (see migration 0011). */
export interface RoleGrantRow {
  id: string;
  staff_id: string;
  organisation_id: string;
  role: string;
  requested_by: string;
  requested_at: string;
  /** `pending`, `approved` or `withdrawn`. */
  status: string;
  decided_by: string | null;
  decided_at: string | null;
}

/** Directory tables by name. */
export interface DirectoryTables {
  organisations: OrganisationRow;
  teams: TeamRow;
  staff: StaffRow;
  staff_roles: StaffRoleRow;
  staff_teams: StaffTeamRow;
  training_records: TrainingRecordRow;
  governance_roles: GovernanceRoleRow;
  role_grants: RoleGrantRow;
}
