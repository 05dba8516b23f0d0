/**
 * Data protection impact assessments on the wire, following the ICO template's steps: need,
 * processing, consultation, necessity and proportionality, risks, measures and sign-off. A
 * mitigation names a live control; whether it is in place is measured when the DPIA is read.
 */
import { z } from 'zod';
import { dateSchema, idSchema, text } from './common.ts';

/** ICO likelihood of harm. */
export const DPIA_LIKELIHOODS = ['REMOTE', 'POSSIBLE', 'PROBABLE'] as const;
/** ICO severity of harm. */
export const DPIA_SEVERITIES = ['MINIMAL', 'SIGNIFICANT', 'SEVERE'] as const;
/** ICO overall risk. */
export const DPIA_RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH'] as const;
/** A measure's effect on its risk. */
export const DPIA_EFFECTS = ['ELIMINATED', 'REDUCED', 'ACCEPTED'] as const;

/** Controls Accord can measure. */
export const DPIA_CONTROL_TYPES = [
  'AUDIT_LOG_VERIFIES',
  'TIER_EXCLUDES_CATEGORY',
  'TRAINING_COMPLIANCE',
  'ANOMALY_RULE_ENABLED',
  'AGREEMENT_ACTIVE',
] as const;
export type DpiaControlType = (typeof DPIA_CONTROL_TYPES)[number];

const riskInputSchema = z.strictObject({
  description: text(2000),
  likelihood: z.enum(DPIA_LIKELIHOODS),
  severity: z.enum(DPIA_SEVERITIES),
});

/**
 * A control link as sent: type and parameters are checked by the server against what it can
 * measure, so an unknown control is refused (and audited) naming the field.
 */
const controlInputSchema = z.strictObject({
  type: z.string().max(100),
  params: z.record(z.string(), z.unknown()).default({}),
});

const mitigationInputSchema = z.strictObject({
  /** Index into the DPIA's risks. */
  risk: z.number().int().min(0),
  measure: text(2000),
  effect: z.enum(DPIA_EFFECTS),
  residual: z.enum(DPIA_RISK_LEVELS),
  control: controlInputSchema,
});

/** A new DPIA. */
export const dpiaInputSchema = z.strictObject({
  title: text(200),
  /** Optional: the agreement this DPIA is read with. */
  agreementId: idSchema.nullish(),
  need: text(4000),
  description: text(8000),
  consultation: text(4000),
  necessity: text(8000),
  risks: z.array(riskInputSchema).min(1).max(50),
  mitigations: z.array(mitigationInputSchema).max(100),
  reviewDate: dateSchema,
});
export type DpiaInput = z.infer<typeof dpiaInputSchema>;

/** A DPO's sign-off. */
export const dpiaSignOffInputSchema = z.strictObject({
  advice: text(4000),
  adviceAccepted: z.boolean(),
  nextReviewDate: dateSchema,
});
export type DpiaSignOffInput = z.infer<typeof dpiaSignOffInputSchema>;

/** A control's measured state. */
export const controlStateSchema = z.object({
  inPlace: z.boolean(),
  /** What was measured, in plain words. */
  detail: z.string(),
});
export type ControlState = z.infer<typeof controlStateSchema>;

export const dpiaRiskSchema = z.object({
  index: z.number().int(),
  description: z.string(),
  likelihood: z.enum(DPIA_LIKELIHOODS),
  severity: z.enum(DPIA_SEVERITIES),
  overall: z.enum(DPIA_RISK_LEVELS),
});

export const dpiaMitigationSchema = z.object({
  risk: z.number().int(),
  measure: z.string(),
  effect: z.enum(DPIA_EFFECTS),
  residual: z.enum(DPIA_RISK_LEVELS),
  control: z.object({ type: z.enum(DPIA_CONTROL_TYPES), params: z.record(z.string(), z.unknown()) }),
  state: controlStateSchema,
});

export const dpiaSchema = z.object({
  id: idSchema,
  title: z.string(),
  agreementId: idSchema.nullable(),
  organisationId: idSchema,
  need: z.string(),
  description: z.string(),
  consultation: z.string(),
  necessity: z.string(),
  risks: z.array(dpiaRiskSchema),
  mitigations: z.array(dpiaMitigationSchema),
  reviewDate: z.string(),
  reviewDue: z.boolean(),
  signOff: z
    .object({
      by: idSchema,
      byName: z.string(),
      advice: z.string(),
      adviceAccepted: z.boolean(),
      at: z.string(),
    })
    .nullable(),
  createdBy: idSchema,
  createdAt: z.string(),
});
export type Dpia = z.infer<typeof dpiaSchema>;

export const dpiaSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  organisationId: idSchema,
  reviewDate: z.string(),
  reviewDue: z.boolean(),
  signedOff: z.boolean(),
  mitigations: z.number().int(),
  notInPlace: z.number().int(),
});
export type DpiaSummary = z.infer<typeof dpiaSummarySchema>;
export const dpiaListSchema = z.object({ items: z.array(dpiaSummarySchema) });
