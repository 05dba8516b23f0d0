/**
 * DPIA rules that need no storage: the ICO overall risk from likelihood and severity, and the
 * parameters each measurable control takes.
 */
import { z } from 'zod';
import { ANOMALY_RULES } from '../../../contracts/assurance.ts';
import { idSchema } from '../../../contracts/common.ts';
import {
  DPIA_CONTROL_TYPES,
  type DPIA_LIKELIHOODS,
  type DPIA_RISK_LEVELS,
  type DPIA_SEVERITIES,
  type DpiaControlType,
} from '../../../contracts/dpia.ts';
import { DATA_CATEGORIES, STAFF_ROLES, TRAINING_KINDS } from '../../../contracts/enums.ts';
import type { FieldError } from '../../../contracts/errors.ts';

type Likelihood = (typeof DPIA_LIKELIHOODS)[number];
type Severity = (typeof DPIA_SEVERITIES)[number];
type RiskLevel = (typeof DPIA_RISK_LEVELS)[number];

const LIKELIHOOD_SCORE: Readonly<Record<Likelihood, number>> = { REMOTE: 1, POSSIBLE: 2, PROBABLE: 3 };
const SEVERITY_SCORE: Readonly<Record<Severity, number>> = { MINIMAL: 1, SIGNIFICANT: 2, SEVERE: 3 };

/** The ICO grid: likelihood times severity, 1-2 low, 3-4 medium, 6-9 high. */
export function overallRisk(likelihood: Likelihood, severity: Severity): RiskLevel {
  const score = LIKELIHOOD_SCORE[likelihood] * SEVERITY_SCORE[severity];
  return score >= 6 ? 'HIGH' : score >= 3 ? 'MEDIUM' : 'LOW';
}

/** The parameters of each control, strict so a misspelt parameter is refused rather than ignored. */
export const CONTROL_PARAMS = {
  /** The latest signed tree head is no older than this: the log is being sealed and checked. */
  AUDIT_LOG_VERIFIES: z.strictObject({
    maxAgeHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 31)
      .default(25),
  }),
  TIER_EXCLUDES_CATEGORY: z.strictObject({ role: z.enum(STAFF_ROLES), category: z.enum(DATA_CATEGORIES) }),
  TRAINING_COMPLIANCE: z.strictObject({
    kind: z.enum(TRAINING_KINDS).default('IG_ANNUAL'),
    thresholdPercent: z.number().min(0).max(100),
    /** Whose staff: the DPIA's organisation unless named. */
    organisationId: idSchema.optional(),
  }),
  ANOMALY_RULE_ENABLED: z.strictObject({ rule: z.enum(ANOMALY_RULES) }),
  AGREEMENT_ACTIVE: z.strictObject({ agreementId: idSchema }),
} as const satisfies Record<DpiaControlType, z.ZodType>;

/** A control link whose type and parameters were checked. */
export type ControlLink = {
  [K in DpiaControlType]: { type: K; params: z.output<(typeof CONTROL_PARAMS)[K]> };
}[DpiaControlType];

/** Checks a control link, naming every bad field under `at`. */
export function parseControl(
  input: { type: string; params: Record<string, unknown> },
  at: string,
): { link: ControlLink } | { errors: FieldError[] } {
  if (!(DPIA_CONTROL_TYPES as readonly string[]).includes(input.type))
    return {
      errors: [{ field: `${at}.type`, message: `must be one of ${DPIA_CONTROL_TYPES.join(', ')}` }],
    };
  const type = input.type as DpiaControlType;
  const parsed = CONTROL_PARAMS[type].safeParse(input.params);
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map((i) => ({
        field: [`${at}.params`, ...i.path.map(String)].join('.'),
        message: i.message,
      })),
    };
  return { link: { type, params: parsed.data } as ControlLink };
}
