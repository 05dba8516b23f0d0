import { z } from 'zod';
import { dateSchema, idSchema, instantSchema, pageOf, pageQuerySchema, text } from './common.ts';
import {
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  COMMON_LAW_BASES,
  DATA_CATEGORIES,
  LAWFUL_EXCEPTION_GROUNDS,
  STAFF_ROLES,
} from './enums.ts';
import { fieldErrorSchema } from './errors.ts';

/** Statuses of a person's consent to sharing. */
export const CONSENT_STATUSES = ['given', 'refused', 'withdrawn'] as const;
export type ConsentStatusCode = (typeof CONSENT_STATUSES)[number];

/** Whether the person had capacity (Mental Capacity Act 2005) for the consent decision. */
export const CAPACITY_CODES = ['HAS_CAPACITY', 'LACKS_CAPACITY'] as const;
export type CapacityCode = (typeof CAPACITY_CODES)[number];

/** Kinds of consent provision. */
export const CONSENT_PROVISION_KINDS = ['ROUTINE_COORDINATION', 'NAMED_PARTNER', 'RESTRICTION'] as const;
export type ConsentProvisionKindCode = (typeof CONSENT_PROVISION_KINDS)[number];

/** Events that call for the person's consent to be reviewed with them. */
export const CONSENT_REVIEW_TRIGGERS = [
  'HOSPITAL_ADMISSION',
  'SAFEGUARDING_CONCERN',
  'CHANGE_OF_SERVICE',
  'TRANSITION_BETWEEN_SETTINGS',
  'RISK_STATUS_CHANGE',
  'NEW_CARE_TEAM_PARTNER',
  'DISCHARGE_PLANNING',
  'REVIEW_DATE_REACHED',
] as const;
export type ConsentReviewTrigger = (typeof CONSENT_REVIEW_TRIGGERS)[number];

/** Triggers a practitioner records by hand; the others are raised by the modules that see them happen. */
export const EXPLICIT_REVIEW_TRIGGERS = [
  'HOSPITAL_ADMISSION',
  'DISCHARGE_PLANNING',
  'TRANSITION_BETWEEN_SETTINGS',
  'CHANGE_OF_SERVICE',
] as const satisfies readonly ConsentReviewTrigger[];

/** How a consent review ended: the consent stands, or it was changed (captured, withdrawn, refused). */
export const CONSENT_REVIEW_OUTCOMES = ['CONFIRMED', 'CHANGED', 'RECAPTURED'] as const;
export type ConsentReviewOutcome = (typeof CONSENT_REVIEW_OUTCOMES)[number];

/** What an exception review looks at. */
export const EXCEPTION_REVIEW_KINDS = ['LAWFUL_EXCEPTION', 'BREAK_GLASS'] as const;
export type ExceptionReviewKind = (typeof EXCEPTION_REVIEW_KINDS)[number];

/** The IG lead's finding on an exception. */
export const EXCEPTION_REVIEW_OUTCOMES = ['APPROPRIATE', 'INAPPROPRIATE', 'NEEDS_ACTION'] as const;
export type ExceptionReviewOutcome = (typeof EXCEPTION_REVIEW_OUTCOMES)[number];

/** One clause of consent as a practitioner enters it. */
export const consentProvisionInputSchema = z.strictObject({
  kind: z.enum(CONSENT_PROVISION_KINDS),
  organisationId: idSchema.nullable().default(null),
  categories: z
    .array(z.enum(DATA_CATEGORIES))
    .max(DATA_CATEGORIES.length)
    .refine((c) => new Set(c).size === c.length, { error: 'must not repeat a category' })
    .default([]),
});
export type ConsentProvisionInput = z.infer<typeof consentProvisionInputSchema>;

/** Who decided and what the person was told: common to capture, refusal and withdrawal. */
const decisionShape = {
  capacity: z.enum(CAPACITY_CODES),
  bestInterestsDecision: text(4000).nullable().optional(),
  decisionMaker: text(200).nullable().optional(),
  explanation: text(4000).min(20, { error: 'must explain, in plain language, what the person was told' }),
  reviewDate: dateSchema,
};

/** Capturing (or changing) consent: a whole new version of it. */
export const consentCaptureSchema = z.strictObject({
  ...decisionShape,
  provisions: z.array(consentProvisionInputSchema).max(50),
});
export type ConsentCaptureInput = z.infer<typeof consentCaptureSchema>;

/** The provisions being entered, to see what they would mean before saving. */
export const consentPreviewInputSchema = z.strictObject({
  provisions: z.array(consentProvisionInputSchema).max(50),
});
export type ConsentPreviewInput = z.infer<typeof consentPreviewInputSchema>;

/** Recording a refusal or a withdrawal. */
export const consentDecisionSchema = z.strictObject(decisionShape);
export type ConsentDecisionInput = z.infer<typeof consentDecisionSchema>;

export const consentProvisionSchema = z.object({
  id: z.string(),
  kind: z.enum(CONSENT_PROVISION_KINDS),
  organisationId: idSchema.nullable(),
  organisationName: z.string().nullable(),
  categories: z.array(z.enum(DATA_CATEGORIES)),
});
export type ConsentProvisionDto = z.infer<typeof consentProvisionSchema>;

/** One version of a person's consent; every change adds one. */
export const consentVersionSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  change: z.string(),
  status: z.enum(CONSENT_STATUSES),
  capacity: z.enum(CAPACITY_CODES),
  bestInterestsDecision: z.string().nullable(),
  decisionMaker: z.string().nullable(),
  explanation: z.string(),
  capturedBy: z.object({ id: idSchema, name: z.string() }),
  capturedAt: z.string(),
  reviewDate: z.string(),
  reviewDue: z.boolean(),
  reviewDueReason: z.enum(CONSENT_REVIEW_TRIGGERS).nullable(),
  supersededAt: z.string().nullable(),
  provisions: z.array(consentProvisionSchema),
});
export type ConsentVersion = z.infer<typeof consentVersionSchema>;

/** One organisation's view under the consent, in plain language. */
export const consentPartnerSummarySchema = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  onCareTeam: z.boolean(),
  sees: z.array(z.enum(DATA_CATEGORIES)),
  never: z.array(z.enum(DATA_CATEGORIES)),
  sentence: z.string(),
  /** What staff in each role the organisation's staff hold would see, under the agreements and tiers too. */
  byRole: z.array(z.object({ role: z.enum(STAFF_ROLES), sees: z.array(z.enum(DATA_CATEGORIES)) })).optional(),
});

/** A permission and a restriction that cover the same partner and category, and how it resolves. */
export const consentContradictionSchema = z.object({
  permitIndex: z.number().int(),
  restrictionIndex: z.number().int(),
  organisationId: z.string().nullable(),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  message: z.string(),
});

/** What the consent means, computed with the decision function's deny-wins rule. */
export const consentSummarySchema = z.object({
  headline: z.string(),
  partners: z.array(consentPartnerSummarySchema),
  everyoneElse: z.string(),
  sentences: z.array(z.string()),
  contradictions: z.array(consentContradictionSchema),
});
export type ConsentSummaryDto = z.infer<typeof consentSummarySchema>;

/** What the provisions would mean, and what capture would refuse about them. */
export const consentPreviewSchema = z.object({
  summary: consentSummarySchema,
  problems: z.array(fieldErrorSchema),
});
export type ConsentPreview = z.infer<typeof consentPreviewSchema>;

export const consentReviewTaskSchema = z.object({
  id: idSchema,
  personId: idSchema,
  consentId: idSchema.nullable(),
  trigger: z.enum(CONSENT_REVIEW_TRIGGERS),
  assignedTo: idSchema.nullable(),
  assignedToName: z.string().nullable(),
  status: z.enum(['open', 'done']),
  outcome: z.enum(CONSENT_REVIEW_OUTCOMES).nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: idSchema.nullable(),
});
export type ConsentReviewTaskDto = z.infer<typeof consentReviewTaskSchema>;

export const lawfulExceptionSchema = z.object({
  id: idSchema,
  personId: idSchema,
  ground: z.enum(LAWFUL_EXCEPTION_GROUNDS),
  article6: z.enum(ARTICLE_6_BASES),
  article9: z.enum(ARTICLE_9_CONDITIONS),
  commonLaw: z.enum(COMMON_LAW_BASES),
  recipientOrganisationId: idSchema.nullable(),
  recipientOrganisationName: z.string().nullable(),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  rationale: z.string(),
  decidedBy: z.object({ id: idSchema, name: z.string() }),
  decidedAt: z.string(),
});
export type LawfulExceptionDto = z.infer<typeof lawfulExceptionSchema>;

/** The person's consent page: what applies now, what it means, its history and open reviews. */
export const consentViewSchema = z.object({
  personId: idSchema,
  status: z.enum([...CONSENT_STATUSES, 'none']),
  reviewDue: z.boolean(),
  reviewDueReason: z.enum(CONSENT_REVIEW_TRIGGERS).nullable(),
  current: consentVersionSchema.nullable(),
  summary: consentSummarySchema,
  history: z.array(consentVersionSchema),
  openReviews: z.array(consentReviewTaskSchema),
  lawfulExceptions: z.array(lawfulExceptionSchema),
  can: z.object({
    capture: z.boolean(),
    raiseReview: z.boolean(),
    recordLawfulException: z.boolean(),
  }),
});
export type ConsentView = z.infer<typeof consentViewSchema>;

/** What the person header shows on every page about the person. */
export const consentHeaderSchema = z.object({
  status: z.enum([...CONSENT_STATUSES, 'none']),
  reviewDue: z.boolean(),
  reviewDueReason: z.enum(CONSENT_REVIEW_TRIGGERS).nullable(),
  reviewDate: z.string().nullable(),
  capacity: z.enum(CAPACITY_CODES).nullable(),
  headline: z.string(),
  sentences: z.array(z.string()),
  liveLawfulExceptions: z.number().int(),
});
export type ConsentHeader = z.infer<typeof consentHeaderSchema>;

export const consentReviewTriggerInputSchema = z.strictObject({ trigger: z.enum(EXPLICIT_REVIEW_TRIGGERS) });

export const consentReviewCompleteSchema = z.strictObject({
  outcome: z.enum(['CONFIRMED', 'CHANGED']),
  nextReviewDate: dateSchema.optional(),
});
export type ConsentReviewCompleteInput = z.infer<typeof consentReviewCompleteSchema>;

export const consentReviewListQuerySchema = z.strictObject({
  mine: z.enum(['true']).default('true'),
});

export const lawfulExceptionInputSchema = z
  .strictObject({
    ground: z.enum(LAWFUL_EXCEPTION_GROUNDS),
    article6: z.enum(ARTICLE_6_BASES),
    article9: z.enum(ARTICLE_9_CONDITIONS),
    commonLaw: z.enum(COMMON_LAW_BASES),
    recipientOrganisationId: idSchema.nullable().default(null),
    categories: z
      .array(z.enum(DATA_CATEGORIES))
      .max(DATA_CATEGORIES.length)
      .refine((c) => new Set(c).size === c.length, { error: 'must not repeat a category' })
      .default([]),
    validFrom: instantSchema.optional(),
    validUntil: instantSchema.nullable().optional(),
    rationale: text(4000).min(20, {
      error: 'must say why sharing without consent was necessary (at least 20 characters)',
    }),
  })
  .refine((e) => !e.validUntil || !e.validFrom || Date.parse(e.validUntil) > Date.parse(e.validFrom), {
    error: 'must be after validFrom',
    path: ['validUntil'],
  });
export type LawfulExceptionInput = z.infer<typeof lawfulExceptionInputSchema>;

export const exceptionReviewSchema = z.object({
  id: idSchema,
  kind: z.enum(EXCEPTION_REVIEW_KINDS),
  subjectId: idSchema,
  personId: idSchema,
  /** The person's name, when the reviewer may be told it; otherwise `personWithheld` says why not. */
  personName: z.string().nullable(),
  personWithheld: z.string().nullable(),
  organisationId: idSchema,
  status: z.enum(['open', 'closed']),
  outcome: z.enum(EXCEPTION_REVIEW_OUTCOMES).nullable(),
  notes: z.string().nullable(),
  reviewedBy: idSchema.nullable(),
  reviewedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The recorded exception under review (LAWFUL_EXCEPTION items only). */
  exception: lawfulExceptionSchema.nullable(),
  /** The emergency access under review (BREAK_GLASS items only): who, why, when and what it opened. */
  breakGlass: z
    .object({
      staffId: idSchema,
      staffName: z.string(),
      reason: z.string(),
      grantedAt: z.string(),
      expiresAt: z.string(),
      endedAt: z.string().nullable(),
      categories: z.array(z.enum(DATA_CATEGORIES)),
    })
    .nullable(),
});
export type ExceptionReviewDto = z.infer<typeof exceptionReviewSchema>;
export const exceptionReviewListSchema = pageOf(exceptionReviewSchema);

export const exceptionReviewQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', 'closed']).optional(),
  kind: z.enum(EXCEPTION_REVIEW_KINDS).optional(),
});
export type ExceptionReviewQuery = z.infer<typeof exceptionReviewQuerySchema>;

export const exceptionReviewCloseSchema = z.strictObject({
  outcome: z.enum(EXCEPTION_REVIEW_OUTCOMES),
  notes: text(4000),
});
export type ExceptionReviewCloseInput = z.infer<typeof exceptionReviewCloseSchema>;

/** A FHIR R4 Consent resource as received; its content is checked field by field on import. */
export const fhirConsentBodySchema = z.looseObject({ resourceType: z.literal('Consent') });
/** A FHIR resource as sent. */
export const fhirResourceSchema = z.looseObject({ resourceType: z.string() });
