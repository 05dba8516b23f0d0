/** What other modules may use from people. */
export { personHeaders } from './headers.service.ts';
export { countEntriesByOwner, findEntries, findEntry, findHeaders } from './people.repository.ts';
export { presentSections, type TakenDecision, viewAuditEvents } from './record-access.ts';
export { loadSharingFacts } from './sharing-facts.ts';
