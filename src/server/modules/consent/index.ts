/** What other modules may use from consent. */

export { findLawfulExceptionsById } from './consent.repository.ts';
export { consentRoutes } from './consent.routes.ts';
export { toFact } from './consent.ts';
export {
  type ConsentHeaderFacts,
  type ConsentRows,
  decisionDayOf,
  loadConsentFacts,
  loadConsentFactsAndRows,
  loadConsentHeader,
} from './consent-facts.ts';
export { raiseConsentReview } from './consent-review.service.ts';
export { type ConsentSummary, consentSummary, type SummaryOrganisation } from './consent-summary.ts';
export { type ExceptionReviewRequest, queueExceptionReview } from './exception-review.service.ts';
