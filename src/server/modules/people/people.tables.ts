/** Row shapes of the person index, care teams and record entries. */

export interface PersonRow {
  id: string;
  nhs_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  created_at: string;
  updated_at: string;
}

export interface CareTeamMembershipRow {
  id: string;
  person_id: string;
  staff_id: string | null;
  team_id: string | null;
  organisation_id: string;
  role: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface RecordEntryRow {
  id: string;
  person_id: string;
  category: string;
  organisation_id: string;
  current_version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export interface RecordEntryVersionRow {
  entry_id: string;
  version: number;
  title: string;
  body: string;
  author_id: string;
  recorded_at: string;
  amendment_reason: string | null;
}

/** People tables by name. */
export interface PeopleTables {
  people: PersonRow;
  care_team_memberships: CareTeamMembershipRow;
  record_entries: RecordEntryRow;
  record_entry_versions: RecordEntryVersionRow;
}
