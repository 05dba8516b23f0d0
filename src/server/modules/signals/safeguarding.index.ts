/** What other modules may use from safeguarding. */

export { countActionsOwned, findActionsOwned } from './safeguarding.repository.ts';
export { safeguardingFlagOf } from './safeguarding-flag.ts';
