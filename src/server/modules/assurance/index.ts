/** What other modules, the CLI and the background scheduler may use from assurance. */

export {
  escalateOverdueReviews,
  openMonthlyReviews,
  type ReviewJobOptions,
} from './access-review.service.ts';
export { type DetectionOptions, runAnomalyDetection } from './anomaly-detection.service.ts';
export { assuranceRoutes } from './assurance.routes.ts';
