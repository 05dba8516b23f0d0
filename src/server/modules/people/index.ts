/** What other modules may use from people. */
export { countEntriesByOwner, findHeaders } from './people.repository.ts';
