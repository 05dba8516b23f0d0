/** The monthly information-sharing audit: seeded samples, automatic tests, review, corrective actions, re-audit. */
import { z } from 'zod';
import { auditEntrySchema } from './audit.ts';
import { dateSchema, idSchema, text } from './common.ts';

/** A month as YYYY-MM. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' });

export const CHECK_RESULTS = ['pass', 'fail', 'not_applicable'] as const;
const check = z.enum(CHECK_RESULTS);

/**
 * The fewest disclosures a month's audit samples (the whole month when it held fewer), so an audit
 * cannot be made too small to find anything.
 */
export const MIN_SAMPLE_SIZE = 10;

/**
 * Drawing a month's sample by hand (the monthly job does it otherwise). The seed is never the
 * caller's: the server draws it from its CSPRNG and records it, so the audited organisation can
 * neither choose nor predict its sample; the recorded seed replays the draw.
 */
export const auditDrawInputSchema = z.strictObject({
  month: monthSchema,
  seed: z
    .never({ error: 'is drawn by the server and recorded with the audit; it cannot be chosen' })
    .optional(),
  sampleSize: z
    .number()
    .int()
    .min(MIN_SAMPLE_SIZE, { error: `must be at least ${MIN_SAMPLE_SIZE}` })
    .max(200)
    .optional(),
});
export type AuditDrawInput = z.infer<typeof auditDrawInputSchema>;

/** The auditor confirms the automatic result or overrides it; an override needs a reason. */
export const itemReviewInputSchema = z.strictObject({
  decision: z.enum(['confirm', 'override']),
  reason: z.string().max(2000).optional(),
});
export type ItemReviewInput = z.infer<typeof itemReviewInputSchema>;

/** A finding becomes a corrective action with an owner and a due date. */
export const correctiveActionInputSchema = z.strictObject({
  description: text(2000),
  ownerStaffId: idSchema,
  dueOn: dateSchema,
});
export type CorrectiveActionInput = z.infer<typeof correctiveActionInputSchema>;

export const correctiveActionCloseSchema = z.strictObject({ note: text(2000) });
export type CorrectiveActionClose = z.infer<typeof correctiveActionCloseSchema>;

export const auditItemParamsSchema = z.strictObject({ id: idSchema, itemId: idSchema });

/** One sampled disclosure with its tests, as the auditor sees it (no person-level detail). */
export const auditItemSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  entry: auditEntrySchema,
  checks: z.object({ consent: check, template: check, exception: check }),
  findings: z.array(z.string()),
  autoResult: z.enum(['pass', 'fail']),
  review: z.enum(['confirmed', 'overridden']).nullable(),
  finalResult: z.enum(['pass', 'fail']).nullable(),
  reviewReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

/** A corrective action and what re-audits found about it. */
export const correctiveActionSchema = z.object({
  id: z.string(),
  auditId: z.string(),
  month: z.string(),
  itemId: z.string(),
  finding: z.string(),
  description: z.string(),
  ownerStaffId: z.string(),
  ownerName: z.string().nullable(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  closureNote: z.string().nullable(),
  reaudits: z.array(
    z.object({ auditId: z.string(), closed: z.boolean(), recurred: z.boolean(), checkedAt: z.string() }),
  ),
});
export type CorrectiveAction = z.infer<typeof correctiveActionSchema>;

/** One month's results, for the trend. */
export const auditSummarySchema = z.object({
  id: z.string(),
  month: z.string(),
  seed: z.string(),
  population: z.number().int(),
  sampleSize: z.number().int(),
  passed: z.number().int(),
  failed: z.number().int(),
  reviewed: z.number().int(),
  findings: z.record(z.string(), z.number().int()),
  actionsRaised: z.number().int(),
  reaudited: z.number().int(),
  reauditClosed: z.number().int(),
  reauditRecurred: z.number().int(),
  drawnAt: z.string(),
  /** The IG lead who drew it by hand; null when the monthly job drew it. */
  drawnBy: z.string().nullable(),
  drawnByName: z.string().nullable(),
});
export type AuditSummary = z.infer<typeof auditSummarySchema>;

export const auditListSchema = z.object({ items: z.array(auditSummarySchema) });
export type AuditList = z.infer<typeof auditListSchema>;

/** One month's audit with its items, the actions raised from it and the re-audit it recorded. */
export const auditDetailSchema = auditSummarySchema.extend({
  organisations: z.record(z.string(), z.string()),
  items: z.array(auditItemSchema),
  actions: z.array(correctiveActionSchema),
  reaudit: z.array(correctiveActionSchema),
});
export type AuditDetail = z.infer<typeof auditDetailSchema>;

/** The person behind a sampled disclosure, opened through the door for the auditor. */
export const auditItemPersonSchema = z.object({
  itemId: z.string(),
  personId: z.string(),
  name: z.string(),
  nhsNumber: z.string(),
});
export type AuditItemPerson = z.infer<typeof auditItemPersonSchema>;

export const correctiveActionListSchema = z.object({ items: z.array(correctiveActionSchema) });
