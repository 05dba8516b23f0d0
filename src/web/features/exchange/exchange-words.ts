import type { HandoverRoute, TemplateKey } from '../../../contracts/exchange.ts';

/** Templates in practitioners' words. */
export const TEMPLATE_LABELS: Readonly<Record<TemplateKey, string>> = {
  REFERRAL: 'Referral',
  WARM_HANDOFF: 'Warm handoff',
  CRISIS_ESCALATION: 'Crisis escalation summary',
  SAFEGUARDING_REFERRAL: 'Safeguarding adult concern',
  DISCHARGE_STEP_DOWN: 'Discharge or step-down',
  MEDICATION_COORDINATION: 'Medication coordination',
  CRISIS_SUMMARY: 'After-hours crisis summary',
};

/** How a handover travels. */
export const ROUTE_LABELS: Readonly<Record<HandoverRoute, string>> = {
  ACCORD: 'In Accord',
  SECURE_EMAIL: 'Secure email',
  MANUAL_TRANSFER: 'Manual transfer (post or by hand)',
};
