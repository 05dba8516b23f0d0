/** What other modules may use from people. */
export { findCareTeam, findPerson, findPersonIdByNhsNumber } from './people.repository.ts';
