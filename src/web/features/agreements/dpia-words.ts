import type { DpiaControlType } from '../../../contracts/dpia.ts';

/** Each measurable control in plain words. */
export const CONTROL_LABELS: Readonly<Record<DpiaControlType, string>> = {
  AUDIT_LOG_VERIFIES: 'The audit log is sealed by a recent signed tree head',
  TIER_EXCLUDES_CATEGORY: 'The access policy keeps a category from a role',
  TRAINING_COMPLIANCE: 'Staff training is at or above a threshold',
  ANOMALY_RULE_ENABLED: 'An anomaly rule is enabled',
  AGREEMENT_ACTIVE: 'A data sharing agreement is active',
};

export const LEVEL_COLOUR = { LOW: 'green', MEDIUM: 'yellow', HIGH: 'red' } as const;
