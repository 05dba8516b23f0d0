/** Row shapes of the audit tables (see migration 0002). */

export interface AuditEntryRow {
  id: string;
  leaf_index: number | null;
  leaf_hash: string | null;
  recorded_at: string;
  request_id: string | null;
  action: string;
  outcome: string;
  actor_staff_id: string | null;
  actor_org_id: string | null;
  /** Comma-separated role codes held at the time. */
  actor_roles: string;
  person_id: string | null;
  /** Comma-separated data categories. */
  categories: string;
  purpose: string | null;
  owner_org_id: string | null;
  recipient_org_id: string | null;
  /** Comma-separated reason codes. */
  reasons: string;
  agreement_id: string | null;
  consent_id: string | null;
  consent_provision_id: string | null;
  exception_id: string | null;
  break_glass_grant_id: string | null;
  break_glass: number;
  target_type: string | null;
  target_id: string | null;
  /** Small JSON object of identifiers and codes; never clinical content. */
  details: string;
}

export interface AuditTreeNodeRow {
  level: number;
  idx: number;
  hash: string;
}

export interface AuditTreeHeadRow {
  tree_size: number;
  root_hash: string;
  signed_at: string;
  signature: string;
  key_id: string;
}

export interface AuditStateRow {
  id: number;
  tree_size: number;
  frontier: string;
  last_head_size: number;
}

/** Audit tables by name. */
export interface AuditTables {
  audit_entries: AuditEntryRow;
  audit_tree_nodes: AuditTreeNodeRow;
  audit_tree_heads: AuditTreeHeadRow;
  audit_state: AuditStateRow;
}
