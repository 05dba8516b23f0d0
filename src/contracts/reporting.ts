import { z } from 'zod';
import { dateSchema, idSchema } from './common.ts';

/**
 * Coded outcome measures recorded at care-plan reviews, with the SNOMED CT `CodedAssToolType`
 * of each item (MHSDS MHS607) and its valid score range. DIALOG, ReQoL-10 and Goal-Based
 * Outcomes are the three PROMs NHS England's community mental health group recommended; HoNOS
 * is the clinician-rated measure MHSDS has long carried.
 */
export const OUTCOME_MEASURES = {
  DIALOG: {
    label: 'DIALOG',
    /** Higher is better: satisfaction rated 1 (totally dissatisfied) to 7 (totally satisfied). */
    better: 'higher',
    min: 1,
    max: 7,
    codes: [
      '1037651000000100',
      '1037661000000102',
      '1037671000000109',
      '1037681000000106',
      '1037691000000108',
      '1037701000000108',
      '1037711000000105',
      '1037721000000104',
      '1037731000000102',
      '1037741000000106',
      '1037751000000109',
    ],
  },
  REQOL10: {
    label: 'ReQoL-10',
    better: 'higher',
    min: 0,
    max: 40,
    codes: ['1091071000000100'],
  },
  GBO: {
    label: 'Goal-Based Outcomes',
    better: 'higher',
    min: 0,
    max: 10,
    codes: ['1638531000000102', '1638541000000106', '1638551000000109'],
  },
  HONOS: {
    label: 'HoNOS (working age)',
    /** Clinician-rated problem severity 0 (none) to 4 (severe): lower is better. */
    better: 'lower',
    min: 0,
    max: 4,
    codes: [
      '979641000000103',
      '979651000000100',
      '979661000000102',
      '979671000000109',
      '979681000000106',
      '979691000000108',
      '979701000000108',
      '979711000000105',
      '979721000000104',
      '979731000000102',
      '979741000000106',
      '979751000000109',
    ],
  },
} as const satisfies Record<
  string,
  { label: string; better: 'higher' | 'lower'; min: number; max: number; codes: readonly string[] }
>;

/** A coded outcome measure. */
export type OutcomeMeasure = keyof typeof OUTCOME_MEASURES;
export const OUTCOME_MEASURE_KEYS = Object.keys(OUTCOME_MEASURES) as [OutcomeMeasure, ...OutcomeMeasure[]];

/** One item score as entered: the measure and item number; the SNOMED CT code follows from them. */
export const scoreInputSchema = z.strictObject({
  measure: z.enum(OUTCOME_MEASURE_KEYS),
  item: z.number().int(),
  score: z.number().int(),
});
export type ScoreInput = z.infer<typeof scoreInputSchema>;

/** A care-plan review: when it was due, when (if yet) it was held, and the scores recorded at it. */
export const reviewInputSchema = z.strictObject({
  dueOn: dateSchema,
  heldOn: dateSchema.optional(),
  scores: z.array(scoreInputSchema).max(60).default([]),
});
export type ReviewInput = z.infer<typeof reviewInputSchema>;

/** One recorded score. */
export const scoreSchema = z.object({
  measure: z.enum(OUTCOME_MEASURE_KEYS),
  item: z.number().int(),
  snomedCode: z.string(),
  score: z.number().int(),
});

/** A review as shown on the person's page. */
export const reviewSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  dueOn: z.string(),
  heldOn: z.string().nullable(),
  recordedAt: z.string(),
  scores: z.array(scoreSchema),
});
export type ReviewDto = z.infer<typeof reviewSchema>;

export const reviewListSchema = z.object({ items: z.array(reviewSchema) });

/** The commissioner dataset's metrics. */
export const METRIC_IDS = [
  'referrals',
  'people_by_stage',
  'reviews_due',
  'outcome_change',
  'follow_up_72h',
  'consent_completion',
  'unable_to_share',
  'escalation_timeliness',
  'contacts',
  'reassessment',
  'privacy_incidents',
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/** A month, YYYY-MM. */
export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' });

/** Which figures: a metric (or all), a period of months, and an organisation or the whole partnership. */
export const reportQuerySchema = z.strictObject({
  metric: z.enum(METRIC_IDS).optional(),
  from: monthSchema,
  to: monthSchema,
  organisationId: idSchema.optional(),
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

/** A written definition, shown beside the figure. */
export const metricDefinitionSchema = z.object({
  id: z.enum(METRIC_IDS),
  title: z.string(),
  numerator: z.string(),
  denominator: z.string(),
  period: z.string(),
  exclusions: z.string(),
  source: z.string(),
  categories: z.array(z.string()),
});
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>;

/** A published cell: a count, or null when suppressed. */
export const publishedValueSchema = z.number().int().nullable();

/** One metric's table: months down, categories across, with totals. Suppressed cells are null. */
export const metricTableSchema = z.object({
  definition: metricDefinitionSchema,
  months: z.array(z.string()),
  categories: z.array(z.string()),
  /** `cells[m][c]`: month m, category c. */
  cells: z.array(z.array(publishedValueSchema)),
  monthTotals: z.array(publishedValueSchema),
  categoryTotals: z.array(publishedValueSchema),
  total: publishedValueSchema,
});
export type MetricTable = z.infer<typeof metricTableSchema>;

/** The report: suppressed figures only, never a person, an id of one, or a row. */
export const reportSchema = z.object({
  organisationId: idSchema.nullable(),
  /** The organisations the caller may report on, for choosing a dashboard. */
  organisations: z.array(z.object({ id: idSchema, name: z.string() })),
  /** Whether the caller may report on the whole partnership. */
  partnership: z.boolean(),
  from: z.string(),
  to: z.string(),
  suppression: z.string(),
  metrics: z.array(metricTableSchema),
});
export type ReportDto = z.infer<typeof reportSchema>;

/** Which figure to open: one metric, one month, one category, one organisation. */
export const drillDownQuerySchema = z.strictObject({
  metric: z.enum(METRIC_IDS),
  month: monthSchema,
  category: z.string().min(1).max(60),
  organisationId: idSchema.optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DrillDownQuery = z.infer<typeof drillDownQuerySchema>;

/** One record behind a figure. */
export const drillDownRowSchema = z.object({
  /** Null for a record about the organisation rather than one person (an IG incident). */
  personId: z.string().nullable(),
  recordType: z.string(),
  recordId: z.string(),
  at: z.string(),
});

export const drillDownSchema = z.object({
  metric: z.enum(METRIC_IDS),
  month: z.string(),
  category: z.string(),
  /** The unsuppressed count the figure was made from. */
  count: z.number().int(),
  items: z.array(drillDownRowSchema),
  /** Rows behind the figure the caller may not open (no tie to the person). */
  withheld: z.number().int(),
  next: z.string().nullable(),
});
export type DrillDownDto = z.infer<typeof drillDownSchema>;

/** A reconciliation of each figure with a recount from the records. */
export const reconciliationSchema = z.object({
  checked: z.number().int(),
  differences: z.array(
    z.object({
      metric: z.enum(METRIC_IDS),
      month: z.string(),
      category: z.string(),
      reported: z.number(),
      recounted: z.number(),
    }),
  ),
});
export type ReconciliationDto = z.infer<typeof reconciliationSchema>;

/** What the monthly data-quality audit checks in each sampled pathway episode. */
export const DQ_CHECKS = [
  'STAGE_NOT_EVIDENCED',
  'STAGE_WITHOUT_CONTACT',
  'REVIEW_DATE_MISSING',
  'REVIEW_DATE_PAST',
  'SCORE_OUT_OF_RANGE',
  'SCORE_OUT_OF_SEQUENCE',
  'CODING_MISSING',
] as const;
export type DqCheck = (typeof DQ_CHECKS)[number];

/** Plain words for each check. */
export const DQ_CHECK_LABELS: Readonly<Record<DqCheck, string>> = {
  STAGE_NOT_EVIDENCED: 'Pathway stage not matching the episode’s recorded stage moves',
  STAGE_WITHOUT_CONTACT: 'Pathway stage in care with no attended contact since the episode opened',
  REVIEW_DATE_MISSING: 'No care-plan review date set',
  REVIEW_DATE_PAST: 'Care-plan review date passed without the review recorded',
  SCORE_OUT_OF_RANGE: 'Outcome score out of its valid range',
  SCORE_OUT_OF_SEQUENCE: 'Outcome score dated out of sequence with its review',
  CODING_MISSING: 'Required coding missing (SNOMED CT outcome measure)',
};

/**
 * Running a month's audit: the month, and optionally the sample size (at least 20). The seed is
 * drawn by Accord at random and stored; a caller may not choose it.
 */
export const dqAuditInputSchema = z.strictObject({
  month: monthSchema,
  sampleSize: z.number().int().min(20).max(500).optional(),
});
export type DqAuditInput = z.infer<typeof dqAuditInputSchema>;

/** An audit's figures: counts only. */
export const dqAuditSummarySchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  month: z.string(),
  seed: z.string(),
  sampleSize: z.number().int(),
  population: z.number().int(),
  sampled: z.number().int(),
  findings: z.number().int(),
  byCheck: z.record(z.enum(DQ_CHECKS), z.number().int()),
  reaudited: z.number().int(),
  verified: z.number().int(),
  stillPresent: z.number().int(),
  /** This audit's findings not yet verified as put right. */
  open: z.number().int(),
  runAt: z.string(),
});
export type DqAuditSummary = z.infer<typeof dqAuditSummarySchema>;

export const dqAuditListSchema = z.object({ items: z.array(dqAuditSummarySchema) });

/** One finding with its correction action, for the provider's IG lead. */
export const dqFindingSchema = z.object({
  id: idSchema,
  personId: z.string(),
  check: z.enum(DQ_CHECKS),
  recordType: z.string(),
  recordId: z.string(),
  action: z.string(),
  ownerStaffId: z.string(),
  ownerName: z.string(),
  dueAt: z.string(),
  status: z.enum(['open', 'corrected', 'verified', 'reopened']),
  verifiedAt: z.string().nullable(),
});
export type DqFinding = z.infer<typeof dqFindingSchema>;

export const dqAuditSchema = z.object({
  audit: dqAuditSummarySchema,
  /** The sampled episodes, in the order the seed drew them. */
  sample: z.array(z.object({ episodeId: z.string(), personId: z.string() })),
  findings: z.array(dqFindingSchema),
});
export type DqAuditDto = z.infer<typeof dqAuditSchema>;
