/** What other modules may use from people. */
export { findCareTeam, findPerson } from './people.repository.ts';
