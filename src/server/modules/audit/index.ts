/** What other modules may use from the audit log. */

export { insertEntries } from './audit.repository.ts';
export { presentEntry } from './audit.service.ts';
export { type AuditEvent, type AuditOutcome, toRow } from './audit-entry.ts';
export { nameEntries } from './audit-names.ts';
export { AuditWriter } from './audit-writer.ts';
export { AuditSequencer, sequenceOnce } from './sequencer.ts';
export { loadOrCreateSigningKey, type SigningKey } from './tree-head.ts';
export { verifyAuditLog } from './verify.ts';
