/** Row shapes of the monthly information-sharing audit (see migration 0057). No person-level data: items name audit entries. */

/** One organisation's audit of one month's disclosures: the seed makes its sample reproducible. */
export interface SharingAuditRow {
  id: string;
  organisation_id: string;
  /** YYYY-MM, the month whose disclosures were sampled. */
  month: string;
  seed: string;
  /** How many disclosures the month held (the population sampled from). */
  population: number;
  sample_size: number;
  drawn_at: string;
  /** Null when the monthly job drew it. */
  drawn_by: string | null;
}

/** One sampled disclosure with its automatic checks and the auditor's confirmation or override. */
export interface SharingAuditItemRow {
  id: string;
  audit_id: string;
  position: number;
  audit_entry_id: string;
  /** pass, fail or not_applicable, for each automatic test. */
  consent_check: string;
  template_check: string;
  exception_check: string;
  /** JSON array of finding codes from the automatic tests. */
  findings: string;
  auto_result: string;
  /** confirmed or overridden, once the auditor has looked. */
  review: string | null;
  final_result: string | null;
  review_reason: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** A corrective action raised from a finding, with its owner and due date. */
export interface CorrectiveActionRow {
  id: string;
  audit_id: string;
  item_id: string;
  organisation_id: string;
  finding: string;
  description: string;
  owner_staff_id: string;
  due_on: string;
  status: string;
  created_by: string;
  created_at: string;
  closed_by: string | null;
  closed_at: string | null;
  closure_note: string | null;
}

/** What a later month's re-audit found about an earlier action: closed, and whether the finding recurred. */
export interface CorrectiveActionCheckRow {
  id: string;
  action_id: string;
  audit_id: string;
  action_closed: number;
  recurred: number;
  checked_at: string;
}

/** Sharing-audit tables by name. */
export interface SharingAuditTables {
  sharing_audits: SharingAuditRow;
  sharing_audit_items: SharingAuditItemRow;
  corrective_actions: CorrectiveActionRow;
  corrective_action_checks: CorrectiveActionCheckRow;
}
