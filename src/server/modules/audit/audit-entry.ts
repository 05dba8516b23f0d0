import { hash } from 'node:crypto';
import type { AuditEntryRow } from './audit.tables.ts';
import type { AuditAction } from './audit-actions.ts';

/** Outcomes an audit entry can record. */
export type AuditOutcome = 'permit' | 'deny' | 'success' | 'failure';

/**
 * What a use-case records. Identifiers and codes only: never names, dates of birth or clinical text.
 * Changes are referenced (target type and id), not copied.
 */
export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  actor?: { staffId: string; organisationId: string; roles: readonly string[] } | null;
  personId?: string | null;
  categories?: readonly string[];
  purpose?: string | null;
  ownerOrganisationId?: string | null;
  recipientOrganisationId?: string | null;
  reasons?: readonly string[];
  agreementId?: string | null;
  consentId?: string | null;
  consentProvisionId?: string | null;
  exceptionId?: string | null;
  breakGlassGrantId?: string | null;
  target?: { type: string; id: string } | null;
  details?: Readonly<Record<string, string | number | boolean | null>>;
}

/** Turns an event into a row waiting to be sequenced into the tree. */
export function toRow(event: AuditEvent, at: Date, requestId: string | null): AuditEntryRow {
  return {
    id: crypto.randomUUID(),
    leaf_index: null,
    leaf_hash: null,
    recorded_at: at.toISOString(),
    request_id: requestId,
    action: event.action,
    outcome: event.outcome,
    actor_staff_id: event.actor?.staffId ?? null,
    actor_org_id: event.actor?.organisationId ?? null,
    actor_roles: (event.actor?.roles ?? []).join(','),
    person_id: event.personId ?? null,
    categories: [...(event.categories ?? [])].sort().join(','),
    purpose: event.purpose ?? null,
    owner_org_id: event.ownerOrganisationId ?? null,
    recipient_org_id: event.recipientOrganisationId ?? null,
    reasons: (event.reasons ?? []).join(','),
    agreement_id: event.agreementId ?? null,
    consent_id: event.consentId ?? null,
    consent_provision_id: event.consentProvisionId ?? null,
    exception_id: event.exceptionId ?? null,
    break_glass_grant_id: event.breakGlassGrantId ?? null,
    break_glass: event.breakGlassGrantId ? 1 : 0,
    target_type: event.target?.type ?? null,
    target_id: event.target?.id ?? null,
    details: JSON.stringify(event.details ?? {}),
  };
}

/** The fields a leaf commits to, in a fixed order; the leaf index is included so moving a row is detected. */
export const LEAF_FIELDS = [
  'id',
  'recorded_at',
  'request_id',
  'action',
  'outcome',
  'actor_staff_id',
  'actor_org_id',
  'actor_roles',
  'person_id',
  'categories',
  'purpose',
  'owner_org_id',
  'recipient_org_id',
  'reasons',
  'agreement_id',
  'consent_id',
  'consent_provision_id',
  'exception_id',
  'break_glass_grant_id',
  'break_glass',
  'target_type',
  'target_id',
  'details',
] as const satisfies readonly (keyof AuditEntryRow)[];

function leafText(row: AuditEntryRow, leafIndex: number): string {
  const values: unknown[] = [1, leafIndex];
  for (const field of LEAF_FIELDS) {
    const value = row[field];
    values.push(field === 'break_glass' ? Number(value) : value);
  }
  return JSON.stringify(values);
}

/** The canonical bytes of an entry at a leaf index: a JSON array of the fields in fixed order. */
export function leafBytes(row: AuditEntryRow, leafIndex: number): Uint8Array {
  return new TextEncoder().encode(leafText(row, leafIndex));
}

/**
 * The entry's RFC 9162 leaf hash, SHA-256(0x00 || leafBytes), hashed straight from the text: U+0000
 * encodes as the single byte 0x00 and the rest as leafBytes' UTF-8, without copying the bytes twice.
 */
export function entryLeafHash(row: AuditEntryRow, leafIndex: number): Buffer {
  return hash('sha256', `\u0000${leafText(row, leafIndex)}`, 'buffer');
}
