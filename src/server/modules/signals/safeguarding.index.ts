/** What other modules may use from safeguarding. */

export {
  countActionsOwned,
  findActionsOwned,
  findPeopleWithOpenConcerns,
} from './safeguarding.repository.ts';
export { safeguardingFlagOf } from './safeguarding-flag.ts';
