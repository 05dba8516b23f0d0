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
