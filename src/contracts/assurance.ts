import { z } from 'zod';
import { auditEntrySchema } from './audit.ts';
import { idSchema, instantSchema, pageOf, pageQuerySchema, text } from './common.ts';
import { CARE_TEAM_ROLES, STAFF_ROLES } from './enums.ts';

/** Anomaly rules run over the audit log. */
export const ANOMALY_RULES = [
  'NOT_ON_CASELOAD',
  'VOLUME_SPIKE',
  'OUT_OF_HOURS',
  'REPEATED_BREAK_GLASS',
  'COLLEAGUE_RECORD',
  'BREAK_GLASS_CARE_TEAM_JOIN',
] as const;
export type AnomalyRule = (typeof ANOMALY_RULES)[number];

/** How an investigation ended. */
export const CASE_OUTCOMES = ['NO_CONCERN', 'CONCERN_ADDRESSED', 'BREACH_CONFIRMED', 'REFERRED'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Lifecycle of an investigation case. */
export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Lifecycle of a monthly access review. */
export const REVIEW_STATUSES = ['open', 'completed', 'escalated'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What an access-review item asks the manager to confirm. */
export const REVIEW_ITEM_KINDS = ['ROLE', 'CARE_TEAM_MEMBERSHIP'] as const;
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];

/** Why an item deserves a closer look. */
export const REVIEW_ITEM_FLAGS = [
  'LEFT_ORGANISATION',
  'INACTIVE_ACCOUNT',
  'CHANGED_TEAM',
  'MEMBERSHIP_ENDED_TEAM',
  'ROLE_RECENTLY_GRANTED',
] as const;
export type ReviewItemFlag = (typeof REVIEW_ITEM_FLAGS)[number];

/** A manager's answer on one item. */
export const REVIEW_DECISIONS = ['CONFIRMED', 'REVOKED'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

const int = (min: number, max: number) =>
  z
    .number()
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const hour = int(0, 23);

/** NOT_ON_CASELOAD: distinct people outside the actor's care involvement, per actor per day, that fire. */
export const notOnCaseloadThresholdsSchema = z.strictObject({ minimumPeople: int(1, 1000) });

/** VOLUME_SPIKE: a day's reads above max(minimum, multiplier x median of the actor's active days). */
export const volumeSpikeThresholdsSchema = z.strictObject({
  multiplier: z.number().min(1, { error: 'must be at least 1' }).max(100, { error: 'must be at most 100' }),
  minimum: int(1, 100_000),
  baselineDays: int(7, 365),
});

/** OUT_OF_HOURS: reads from startHour to endHour (UK time) or at weekends, by actors without an exempt role. */
export const outOfHoursThresholdsSchema = z
  .strictObject({
    startHour: hour,
    endHour: hour,
    weekends: z.boolean(),
    exemptRoles: z.array(z.enum(STAFF_ROLES)).max(STAFF_ROLES.length),
    minimumReads: int(1, 1000),
  })
  .refine((t) => t.startHour !== t.endHour, { error: 'must differ from endHour', path: ['startHour'] });

/** REPEATED_BREAK_GLASS: at least `count` distinct grants by one actor within `days` days. */
export const repeatedBreakGlassThresholdsSchema = z.strictObject({ count: int(2, 100), days: int(1, 90) });

/** COLLEAGUE_RECORD: how a person is matched to a staff account, and whether named carers are exempt. */
export const colleagueRecordThresholdsSchema = z
  .strictObject({ matchEmail: z.boolean(), matchName: z.boolean(), exemptNamedCareTeam: z.boolean() })
  .refine((t) => t.matchEmail || t.matchName, {
    error: 'turn on at least one matcher',
    path: ['matchEmail'],
  });

/** Each rule's threshold schema. */
/** BREAK_GLASS_CARE_TEAM_JOIN: a grant followed within `withinHours` by the grantee's care-team join, or an attempt at one. */
export const breakGlassCareTeamJoinThresholdsSchema = z.strictObject({ withinHours: int(1, 168) });

export const ANOMALY_THRESHOLD_SCHEMAS = {
  NOT_ON_CASELOAD: notOnCaseloadThresholdsSchema,
  VOLUME_SPIKE: volumeSpikeThresholdsSchema,
  OUT_OF_HOURS: outOfHoursThresholdsSchema,
  REPEATED_BREAK_GLASS: repeatedBreakGlassThresholdsSchema,
  COLLEAGUE_RECORD: colleagueRecordThresholdsSchema,
  BREAK_GLASS_CARE_TEAM_JOIN: breakGlassCareTeamJoinThresholdsSchema,
} as const;

/** Thresholds of every rule, by rule. */
export type AnomalyThresholds = {
  [R in AnomalyRule]: z.infer<(typeof ANOMALY_THRESHOLD_SCHEMAS)[R]>;
};

/** The thresholds a partnership starts with (also seeded by migration 0006). */
export const DEFAULT_ANOMALY_THRESHOLDS: AnomalyThresholds = {
  NOT_ON_CASELOAD: { minimumPeople: 1 },
  VOLUME_SPIKE: { multiplier: 3, minimum: 30, baselineDays: 28 },
  OUT_OF_HOURS: { startHour: 20, endHour: 7, weekends: true, exemptRoles: ['duty'], minimumReads: 1 },
  REPEATED_BREAK_GLASS: { count: 3, days: 7 },
  COLLEAGUE_RECORD: { matchEmail: true, matchName: true, exemptNamedCareTeam: true },
  BREAK_GLASS_CARE_TEAM_JOIN: { withinHours: 24 },
};

const settingOf = <R extends AnomalyRule>(rule: R) =>
  z.object({
    rule: z.literal(rule),
    enabled: z.boolean(),
    thresholds: ANOMALY_THRESHOLD_SCHEMAS[rule],
    updatedBy: idSchema.nullable(),
    updatedAt: z.string(),
  });

/** One rule's stored settings. */
export const anomalySettingSchema = z.discriminatedUnion('rule', [
  settingOf('NOT_ON_CASELOAD'),
  settingOf('VOLUME_SPIKE'),
  settingOf('OUT_OF_HOURS'),
  settingOf('REPEATED_BREAK_GLASS'),
  settingOf('COLLEAGUE_RECORD'),
  settingOf('BREAK_GLASS_CARE_TEAM_JOIN'),
]);
export type AnomalySetting = z.infer<typeof anomalySettingSchema>;
export const anomalySettingListSchema = z.array(anomalySettingSchema);

const changeOf = <R extends AnomalyRule>(rule: R) =>
  z.strictObject({ enabled: z.boolean(), thresholds: ANOMALY_THRESHOLD_SCHEMAS[rule] }).optional();

/** Changes to some rules' settings; rules left out keep theirs. */
export const anomalySettingsUpdateSchema = z
  .strictObject({
    NOT_ON_CASELOAD: changeOf('NOT_ON_CASELOAD'),
    VOLUME_SPIKE: changeOf('VOLUME_SPIKE'),
    OUT_OF_HOURS: changeOf('OUT_OF_HOURS'),
    REPEATED_BREAK_GLASS: changeOf('REPEATED_BREAK_GLASS'),
    COLLEAGUE_RECORD: changeOf('COLLEAGUE_RECORD'),
    BREAK_GLASS_CARE_TEAM_JOIN: changeOf('BREAK_GLASS_CARE_TEAM_JOIN'),
  })
  .refine((u) => Object.values(u).some((v) => v !== undefined), {
    error: 'name at least one rule to change',
  });
export type AnomalySettingsUpdate = z.infer<typeof anomalySettingsUpdateSchema>;

/** Longest window one detection run may cover. */
export const MAX_DETECTION_WINDOW_DAYS = 31;

/** A detection run's window, [from, to). */
export const detectionRunInputSchema = z
  .strictObject({ from: instantSchema, to: instantSchema })
  .refine((w) => Date.parse(w.from) < Date.parse(w.to), { error: 'must be after from', path: ['to'] })
  .refine((w) => Date.parse(w.to) - Date.parse(w.from) <= MAX_DETECTION_WINDOW_DAYS * 86_400_000, {
    error: `must be at most ${MAX_DETECTION_WINDOW_DAYS} days after from`,
    path: ['to'],
  });
export type DetectionRunInput = z.infer<typeof detectionRunInputSchema>;

/** What a detection run did. */
export const detectionRunResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  findings: z.number().int(),
  opened: z.number().int(),
  evidenceAdded: z.number().int(),
  byRule: z.record(z.enum(ANOMALY_RULES), z.number().int()),
});
export type DetectionRunResult = z.infer<typeof detectionRunResultSchema>;

/** An investigation case as IG leads see it: codes and counts, never personal data in the summary. */
export const investigationCaseSchema = z.object({
  id: idSchema,
  rule: z.enum(ANOMALY_RULES),
  actorStaffId: idSchema,
  actorName: z.string().nullable(),
  organisationId: idSchema,
  openedAt: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  summary: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  status: z.enum(CASE_STATUSES),
  outcome: z.enum(CASE_OUTCOMES).nullable(),
  outcomeNotes: z.string().nullable(),
  closedBy: idSchema.nullable(),
  closedAt: z.string().nullable(),
  evidenceCount: z.number().int(),
  can: z.object({ close: z.boolean() }),
});
export type InvestigationCase = z.infer<typeof investigationCaseSchema>;
export const investigationCaseListSchema = pageOf(investigationCaseSchema);
export const investigationCaseDetailSchema = investigationCaseSchema.extend({
  evidence: z.array(auditEntrySchema),
});
export type InvestigationCaseDetail = z.infer<typeof investigationCaseDetailSchema>;

export const investigationCaseQuerySchema = pageQuerySchema.extend({
  status: z.enum(CASE_STATUSES).optional(),
  rule: z.enum(ANOMALY_RULES).optional(),
});
export type InvestigationCaseQuery = z.infer<typeof investigationCaseQuerySchema>;

/** Closing a case: an outcome and why. */
export const caseCloseInputSchema = z.strictObject({
  outcome: z.enum(CASE_OUTCOMES),
  notes: text(4000),
});
export type CaseCloseInput = z.infer<typeof caseCloseInputSchema>;

/** A month, YYYY-MM. */
export const periodSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'must be a month as YYYY-MM' });

export const reviewOpenInputSchema = z.strictObject({ period: periodSchema });
export const reviewOpenResultSchema = z.object({
  period: z.string(),
  opened: z.number().int(),
  alreadyOpen: z.number().int(),
  items: z.number().int(),
  flagged: z.number().int(),
  /** Staff no service manager could review (the organisation has none but themselves). */
  unassignedStaff: z.number().int(),
});
export type ReviewOpenResult = z.infer<typeof reviewOpenResultSchema>;

export const reviewEscalateResultSchema = z.object({
  reviews: z.number().int(),
  items: z.number().int(),
});
export type ReviewEscalateResult = z.infer<typeof reviewEscalateResultSchema>;

/** A monthly access review with its progress. */
export const accessReviewSchema = z.object({
  id: idSchema,
  period: z.string(),
  organisationId: idSchema,
  reviewerStaffId: idSchema,
  reviewerName: z.string(),
  status: z.enum(REVIEW_STATUSES),
  dueOn: z.string(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  counts: z.object({
    items: z.number().int(),
    decided: z.number().int(),
    flagged: z.number().int(),
    escalated: z.number().int(),
  }),
});
export type AccessReview = z.infer<typeof accessReviewSchema>;
export const accessReviewListSchema = pageOf(accessReviewSchema);
export const accessReviewQuerySchema = pageQuerySchema.extend({
  status: z.enum(REVIEW_STATUSES).optional(),
  period: periodSchema.optional(),
});
export type AccessReviewQuery = z.infer<typeof accessReviewQuerySchema>;

/**
 * One item to confirm or revoke. A membership item names the person by id only: the person's name is
 * shown through the people routes, which ask the decision function.
 */
export const accessReviewItemSchema = z.object({
  id: idSchema,
  staffId: idSchema,
  staffName: z.string(),
  kind: z.enum(REVIEW_ITEM_KINDS),
  subject: z.string(),
  membership: z
    .object({
      personId: idSchema,
      /** The person's name, only when the reviewer may know them (the decision function says so). */
      personName: z.string().nullable(),
      organisationId: idSchema,
      role: z.enum(CARE_TEAM_ROLES),
      startDate: z.string(),
      endDate: z.string().nullable(),
    })
    .nullable(),
  flag: z.enum(REVIEW_ITEM_FLAGS).nullable(),
  decision: z.enum(REVIEW_DECISIONS).nullable(),
  decidedBy: idSchema.nullable(),
  decidedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  /** Until when the caller may undo their revocation of this item; null when there is nothing to undo. */
  undoUntil: z.string().nullable(),
});
export type AccessReviewItem = z.infer<typeof accessReviewItemSchema>;

export const accessReviewDetailSchema = accessReviewSchema.extend({
  items: z.array(accessReviewItemSchema),
  can: z.object({ decide: z.boolean() }),
});
export type AccessReviewDetail = z.infer<typeof accessReviewDetailSchema>;

/** Items of one review confirmed together. */
export const reviewConfirmManyInputSchema = z.strictObject({
  itemIds: z.array(idSchema).min(1).max(1000),
});
export type ReviewConfirmManyInput = z.infer<typeof reviewConfirmManyInputSchema>;

export const reviewDecisionInputSchema = z.strictObject({ decision: z.enum(REVIEW_DECISIONS) });
export type ReviewDecisionInput = z.infer<typeof reviewDecisionInputSchema>;
