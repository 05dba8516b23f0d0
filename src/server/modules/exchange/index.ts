/** What other modules may use from exchange. */
export { escalateOverdueHandovers } from './escalation.job.ts';
export { exchangeRoutes } from './exchange.routes.ts';
export { markMissedFollowUps } from './follow-ups.service.ts';
