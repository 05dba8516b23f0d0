/** What other modules may use from exchange. */
export { escalateOverdueHandovers } from './escalation.job.ts';
export { exchangeRoutes } from './exchange.routes.ts';
export { followUpDueAt } from './exchange.ts';
export { markMissedFollowUps } from './follow-up.job.ts';
export { insertFollowUp } from './follow-ups.repository.ts';
export { insertActions, insertEscalation, insertHandover } from './handovers.repository.ts';
export { deliverInterimDecisions } from './interim-decision.job.ts';
export { computeRecipientCopy } from './recipient-copy.ts';
export { countSamplesToReview, samplesToReview } from './sample-work.repository.ts';
export { drawWeeklySamples } from './sampling.job.ts';
export { findCurrentTemplate } from './templates.repository.ts';
export { personTimeline } from './timeline.service.ts';
