/** Row shapes of the agreements tables, as stored (see migration 0003). */

/** One data sharing agreement: its stable identity and a pointer to its current version. */
export interface AgreementRow {
  id: string;
  /** Human-readable and unique, e.g. `DSA-2026-001`; what partners quote in correspondence. */
  reference: string;
  current_version: number;
  /** Status of the current version, as recorded (date-based expiry is computed, not stored). */
  status: string;
  created_at: string;
  updated_at: string;
}

/** One version of an agreement; versions are only ever added, never changed or removed. */
export interface AgreementVersionRow {
  agreement_id: string;
  version: number;
  status: string;
  title: string;
  start_date: string | null;
  end_date: string | null;
  review_date: string | null;
  /** JSON text of the agreement's terms (parties, grants, lawful bases, retention, ...). */
  document: string;
  change_note: string;
  created_by: string;
  created_at: string;
}

/** Agreements tables by name. */
export interface AgreementsTables {
  agreements: AgreementRow;
  agreement_versions: AgreementVersionRow;
}

/** A party's legal or operational sign-off of the terms whose hash it records. */
export interface AgreementSignOffRow {
  id: string;
  agreement_id: string;
  organisation_id: string;
  kind: string;
  staff_id: string;
  signer_name: string;
  signer_role: string;
  signed_on: string;
  terms_hash: string;
  version: number;
  recorded_at: string;
}

/** A staff member's acknowledgement of an agreement's guidance; lapses like training. */
export interface AgreementAcknowledgementRow {
  id: string;
  agreement_id: string;
  staff_id: string;
  organisation_id: string;
  terms_hash: string;
  acknowledged_at: string;
  lapses_on: string;
}

/** A dispute or uncertainty raised by staff about an agreement, and its documented outcome. */
export interface AgreementDisputeRow {
  id: string;
  agreement_id: string;
  raised_by: string;
  organisation_id: string;
  question: string;
  raised_at: string;
  outcome: string | null;
  guidance_changed: number;
  resolved_by: string | null;
  resolved_at: string | null;
}

/** The partnership's agreement settings (one row). */
export interface AgreementSettingsRow {
  id: number;
  auto_suspend_past_review: number;
  updated_by: string | null;
  updated_at: string | null;
}

/** Lifecycle tables by name. */
export interface AgreementLifecycleTables {
  agreement_sign_offs: AgreementSignOffRow;
  agreement_acknowledgements: AgreementAcknowledgementRow;
  agreement_disputes: AgreementDisputeRow;
  agreement_settings: AgreementSettingsRow;
}

export interface DpiaRow {
  id: string;
  organisation_id: string;
  agreement_id: string | null;
  title: string;
  need: string;
  description: string;
  consultation: string;
  necessity: string;
  /** JSON: the risks as entered. */
  risks: string;
  /** JSON: the measures with their control links; never their state. */
  mitigations: string;
  review_date: string;
  signed_off_by: string | null;
  dpo_advice: string | null;
  advice_accepted: number | null;
  signed_off_at: string | null;
  created_by: string;
  created_at: string;
}

/** DPIA tables by name. */
export interface DpiaTables {
  dpias: DpiaRow;
}
