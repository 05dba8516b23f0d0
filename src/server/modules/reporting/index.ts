/** What other modules may use from reporting. */
export { reportingRoutes } from './reporting.routes.ts';
