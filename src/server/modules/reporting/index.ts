/** What other modules may use from reporting. */

export { correctionsOwned, countCorrectionsOwned } from './data-quality.repository.ts';
export { reportingRoutes } from './reporting.routes.ts';
