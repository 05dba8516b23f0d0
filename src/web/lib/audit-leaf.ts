import type { AuditEntryDto } from '../../contracts/audit.ts';
import type { Bytes } from './merkle-verify.ts';

/**
 * The canonical bytes the log committed to for an entry, rebuilt from what the API shows: a JSON array
 * of a layout version, the leaf index and the stored fields in a fixed order (the server's leafBytes in
 * src/server/modules/audit/audit-entry.ts). Rebuilding them here means the proof is checked against the
 * entry as displayed, not against a hash the server merely asserts.
 */
export function entryLeafBytes(entry: AuditEntryDto, leafIndex: number): Bytes {
  const list = (values: readonly string[]): string => values.join(',');
  const values: unknown[] = [
    1,
    leafIndex,
    entry.id,
    entry.recordedAt,
    entry.requestId,
    entry.action,
    entry.outcome,
    entry.actorStaffId,
    entry.actorOrganisationId,
    list(entry.actorRoles),
    entry.personId,
    list(entry.categories),
    entry.purpose,
    entry.ownerOrganisationId,
    entry.recipientOrganisationId,
    list(entry.reasons),
    entry.agreementId,
    entry.consentId,
    entry.consentProvisionId,
    entry.exceptionId,
    entry.breakGlassGrantId,
    entry.breakGlass ? 1 : 0,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.details),
  ];
  return new TextEncoder().encode(JSON.stringify(values));
}
