/** What other modules may use from signals. */
export { countAlertWork, openAlertsFor } from './alerts.repository.ts';
export { escalateOverdueAlerts, sweepEscalation } from './escalation.job.ts';
export { raiseAlerts } from './escalation-raise.ts';
export { signalsRoutes } from './signals.routes.ts';
