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

/**
 * A UUID version 7 (RFC 9562): the current Unix time in milliseconds in the first 48 bits, then the
 * version, 74 random bits and the variant. Entry ids rise with time, so the primary-key index takes each
 * new entry at its right edge instead of at a random page: a random key costs a page read and a page
 * write to the WAL per entry once the index outgrows the page cache.
 */
export function auditEntryId(now: number = Date.now()): string {
  const random = crypto.randomUUID();
  const time = now.toString(16).padStart(12, '0');
  // randomUUID is xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx: keep its random bits and its variant nibble V.
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

/** Turns an event into a row waiting to be sequenced into the tree. */
export function toRow(event: AuditEvent, at: Date, requestId: string | null): AuditEntryRow {
  return {
    id: auditEntryId(),
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

/** The first value of every leaf's canonical array: the leaf format's version. */
export const LEAF_VERSION = 1;

/** Where break_glass sits in a leaf's values ([version, leaf index, ...LEAF_FIELDS]): stored as 0/1, hashed as a number. */
export const LEAF_BREAK_GLASS_AT = 2 + LEAF_FIELDS.indexOf('break_glass');

function leafText(row: AuditEntryRow, leafIndex: number): string {
  const values: unknown[] = [LEAF_VERSION, leafIndex];
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

/**
 * The same leaf hash as entryLeafHash, from the entry's canonical values already laid out as
 * [LEAF_VERSION, leaf index, ...LEAF_FIELDS] (break_glass a number): what a scan that reads rows as
 * arrays hashes without building a row object first.
 */
export function leafHashOfValues(values: readonly unknown[]): Buffer {
  return hash('sha256', `\u0000${JSON.stringify(values)}`, 'buffer');
}
