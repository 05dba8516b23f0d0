/** What other modules may use from people. */
export { personHeaders } from './headers.service.ts';
export { countEntriesByOwner, findHeaders } from './people.repository.ts';
export { loadSharingFacts } from './sharing-facts.ts';
