/**
 * Safeguarding adults (Care Act 2014 s42, domain-reference §3.4): the structured concern, its
 * protective actions, weekly huddle reviews and case conference (MDT) notes.
 */
import { z } from 'zod';
import { dateSchema, idSchema, text } from './common.ts';
import { DATA_CATEGORIES } from './enums.ts';

/** The Care and Support Statutory Guidance's ten types of abuse and neglect. */
export const ABUSE_TYPES = [
  'PHYSICAL',
  'DOMESTIC',
  'SEXUAL',
  'PSYCHOLOGICAL',
  'FINANCIAL_MATERIAL',
  'MODERN_SLAVERY',
  'DISCRIMINATORY',
  'ORGANISATIONAL',
  'NEGLECT_ACTS_OF_OMISSION',
  'SELF_NEGLECT',
] as const;
export type AbuseType = (typeof ABUSE_TYPES)[number];

/** Plain words for each type of abuse. */
export const ABUSE_TYPE_LABELS: Readonly<Record<AbuseType, string>> = {
  PHYSICAL: 'Physical abuse',
  DOMESTIC: 'Domestic abuse',
  SEXUAL: 'Sexual abuse',
  PSYCHOLOGICAL: 'Psychological abuse',
  FINANCIAL_MATERIAL: 'Financial or material abuse',
  MODERN_SLAVERY: 'Modern slavery',
  DISCRIMINATORY: 'Discriminatory abuse',
  ORGANISATIONAL: 'Organisational abuse',
  NEGLECT_ACTS_OF_OMISSION: 'Neglect and acts of omission',
  SELF_NEGLECT: 'Self-neglect',
};

/** Safeguarding Adults Collection enquiry types (enquiries are a subset of concerns). */
export const ENQUIRY_TYPES = ['CONCERN', 'S42_ENQUIRY', 'OTHER_ENQUIRY'] as const;
export type EnquiryType = (typeof ENQUIRY_TYPES)[number];

/** Source of risk (SAC SG2). */
export const RISK_SOURCES = [
  'SERVICE_PROVIDER',
  'OTHER_KNOWN_TO_INDIVIDUAL',
  'OTHER_UNKNOWN_TO_INDIVIDUAL',
] as const;
export type RiskSource = (typeof RISK_SOURCES)[number];

/** Plain words for each source of risk. */
export const RISK_SOURCE_LABELS: Readonly<Record<RiskSource, string>> = {
  SERVICE_PROVIDER: 'A service provider',
  OTHER_KNOWN_TO_INDIVIDUAL: 'Someone known to the person',
  OTHER_UNKNOWN_TO_INDIVIDUAL: 'Someone not known to the person',
};

/** How the person's capacity to make decisions about the concern was considered (MCA 2005). */
export const SAFEGUARDING_CAPACITY = ['HAS_CAPACITY', 'LACKS_CAPACITY', 'NOT_YET_ASSESSED'] as const;

/** Bases on which information was shared at a case conference. */
export const SHARING_BASES = [
  'CONSENT',
  'DATA_SHARING_AGREEMENT',
  'SAFEGUARDING_DUTY',
  'VITAL_INTERESTS',
  'LEGAL_DUTY',
] as const;
export type SharingBasis = (typeof SHARING_BASES)[number];

/** A protective action: what is to be done, by whom, by when. */
export const protectiveActionInputSchema = z.strictObject({
  description: text(500),
  ownerStaffId: idSchema,
  dueDate: dateSchema,
});
export type ProtectiveActionInput = z.infer<typeof protectiveActionInputSchema>;

/** What was shared about the concern, with which organisation and why. */
export const sharingRecordSchema = z.strictObject({
  organisationId: idSchema,
  what: text(1000),
  why: text(1000),
});

/**
 * A safeguarding concern. Every field is required (the minimum dataset): a missing one is named in
 * the problem, and nothing is stored. Lists may be empty where nothing applies (no actions yet,
 * nothing shared), but must be stated.
 */
export const concernInputSchema = z.strictObject({
  enquiryType: z.enum(ENQUIRY_TYPES),
  abuseTypes: z
    .array(z.enum(ABUSE_TYPES))
    .min(1, { error: 'name at least one type of abuse' })
    .max(ABUSE_TYPES.length),
  s42: z.strictObject({
    careAndSupportNeeds: z.boolean(),
    atRiskOfAbuseOrNeglect: z.boolean(),
    unableToProtectSelf: z.boolean(),
  }),
  sourceOfRisk: z.enum(RISK_SOURCES),
  locationOfRisk: text(500),
  immediateActions: text(4000),
  protectiveActions: z.array(protectiveActionInputSchema).max(20),
  adultViews: text(4000),
  desiredOutcomes: text(4000),
  capacity: z.strictObject({ assessment: z.enum(SAFEGUARDING_CAPACITY), notes: text(2000).optional() }),
  advocacy: z.strictObject({ needed: z.boolean(), notes: text(2000).optional() }),
  police: z.strictObject({ involved: z.boolean(), reference: text(100).optional() }),
  sharing: z.array(sharingRecordSchema).max(20),
  /** The safeguarding lead to contact; the recorder when not given. */
  leadStaffId: idSchema.optional(),
});
export type ConcernInput = z.infer<typeof concernInputSchema>;

/** Who to contact about a concern: what the flag names. */
export const safeguardingContactSchema = z.object({
  staffId: z.string(),
  name: z.string(),
  jobTitle: z.string(),
  organisationName: z.string(),
  email: z.string().nullable(),
});
export type SafeguardingContact = z.infer<typeof safeguardingContactSchema>;

/** That open safeguarding concerns exist and whom to contact: all a frontline worker is told. */
export const safeguardingFlagSchema = z.object({
  openConcerns: z.number().int(),
  contacts: z.array(safeguardingContactSchema),
});
export type SafeguardingFlag = z.infer<typeof safeguardingFlagSchema>;

/** A protective action as its owner and the safeguarding lead see it. */
export const protectiveActionSchema = z.object({
  id: z.string(),
  personId: z.string(),
  concernId: z.string().nullable(),
  conferenceId: z.string().nullable(),
  description: z.string(),
  ownerStaffId: z.string(),
  ownerName: z.string(),
  dueDate: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  outcome: z.string().nullable(),
  can: z.object({ complete: z.boolean() }),
});
export type ProtectiveAction = z.infer<typeof protectiveActionSchema>;

/** A partner contacted for the huddle and what came of it. */
export const partnerContactSchema = z.strictObject({
  organisation: text(200),
  contact: text(200),
  outcome: text(1000),
});

/** One huddle's review of one concern. */
export const huddleReviewInputSchema = z
  .strictObject({
    heldOn: dateSchema,
    partnerContacts: z.array(partnerContactSchema).max(20),
    notes: text(4000).optional(),
    actions: z.array(protectiveActionInputSchema).max(20),
    nextHuddleOn: dateSchema,
  })
  .refine((h) => h.nextHuddleOn > h.heldOn, { error: 'must be after heldOn', path: ['nextHuddleOn'] });
export type HuddleReviewInput = z.infer<typeof huddleReviewInputSchema>;

export const huddleReviewSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  partnerContacts: z.array(z.object({ organisation: z.string(), contact: z.string(), outcome: z.string() })),
  notes: z.string().nullable(),
  nextHuddleOn: z.string(),
  recordedBy: z.string(),
});
export type HuddleReview = z.infer<typeof huddleReviewSchema>;

/** A concern as those who may read safeguarding notes see it. */
export const concernSchema = z.object({
  id: z.string(),
  personId: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  status: z.enum(['open', 'closed']),
  enquiryType: z.enum(ENQUIRY_TYPES),
  abuseTypes: z.array(z.enum(ABUSE_TYPES)),
  s42: z.object({
    careAndSupportNeeds: z.boolean(),
    atRiskOfAbuseOrNeglect: z.boolean(),
    unableToProtectSelf: z.boolean(),
  }),
  sourceOfRisk: z.enum(RISK_SOURCES),
  locationOfRisk: z.string(),
  immediateActions: z.string(),
  adultViews: z.string(),
  desiredOutcomes: z.string(),
  capacity: z.object({ assessment: z.enum(SAFEGUARDING_CAPACITY), notes: z.string().nullable() }),
  advocacy: z.object({ needed: z.boolean(), notes: z.string().nullable() }),
  police: z.object({ involved: z.boolean(), reference: z.string().nullable() }),
  sharing: z.array(z.object({ organisationId: z.string(), what: z.string(), why: z.string() })),
  lead: safeguardingContactSchema,
  nextHuddleOn: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  version: z.number().int(),
  protectiveActions: z.array(protectiveActionSchema),
  huddleReviews: z.array(huddleReviewSchema),
  can: z.object({ edit: z.boolean() }),
});
export type Concern = z.infer<typeof concernSchema>;

/** Someone at a case conference. */
export const attendeeSchema = z.strictObject({
  name: text(200),
  organisationId: idSchema,
  role: text(200),
});

/** Information shared at a case conference: which categories, by which organisation, on what basis. */
export const conferenceSharingSchema = z.strictObject({
  categories: z.array(z.enum(DATA_CATEGORIES)).min(1, { error: 'name at least one category' }),
  organisationId: idSchema,
  basis: z.enum(SHARING_BASES),
  rationale: text(1000),
});

/** A structured case conference (MDT) record. */
export const caseConferenceInputSchema = z.strictObject({
  heldOn: dateSchema,
  concernId: idSchema.optional(),
  attendees: z.array(attendeeSchema).min(1, { error: 'name at least one attendee' }).max(40),
  personViews: text(4000),
  shared: z.array(conferenceSharingSchema).max(40),
  decisions: z.array(text(2000)).min(1, { error: 'record at least one decision' }).max(40),
  actions: z.array(protectiveActionInputSchema).max(40),
});
export type CaseConferenceInput = z.infer<typeof caseConferenceInputSchema>;

export const caseConferenceSchema = z.object({
  id: z.string(),
  personId: z.string(),
  concernId: z.string().nullable(),
  organisationName: z.string(),
  heldOn: z.string(),
  attendees: z.array(
    z.object({
      name: z.string(),
      organisationId: z.string(),
      organisationName: z.string(),
      role: z.string(),
    }),
  ),
  personViews: z.string(),
  shared: z.array(
    z.object({
      categories: z.array(z.enum(DATA_CATEGORIES)),
      organisationId: z.string(),
      organisationName: z.string(),
      basis: z.enum(SHARING_BASES),
      rationale: z.string(),
    }),
  ),
  decisions: z.array(z.string()),
  actions: z.array(protectiveActionSchema),
  recordedBy: z.string(),
});
export type CaseConference = z.infer<typeof caseConferenceSchema>;

/**
 * A person's safeguarding as the caller may see it. Anyone who may know the person sees the flag;
 * only those the decision lets read safeguarding see concerns and conferences (`withheld` false).
 * Actions the caller owns are always theirs to see and close.
 */
export const safeguardingViewSchema = z.object({
  flag: safeguardingFlagSchema.nullable(),
  withheld: z.boolean(),
  concerns: z.array(concernSchema),
  conferences: z.array(caseConferenceSchema),
  myActions: z.array(protectiveActionSchema),
  can: z.object({ record: z.boolean() }),
});
export type SafeguardingView = z.infer<typeof safeguardingViewSchema>;

export const concernParamsSchema = z.strictObject({ id: idSchema, concernId: idSchema });
export const actionParamsSchema = z.strictObject({ id: idSchema, actionId: idSchema });

/** Closing a protective action: what was done. */
export const actionCompleteSchema = z.strictObject({ outcome: text(2000) });

/** A page of the huddle list: `after` is the cursor the previous page returned. */
export const huddleQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z
    .string()
    .max(400)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be a cursor returned by a previous page' })
    .optional(),
});

/** One active concern on a safeguarding lead's huddle list. */
export const huddleItemSchema = z.object({
  concernId: z.string(),
  personId: z.string(),
  personName: z.string(),
  abuseTypes: z.array(z.enum(ABUSE_TYPES)),
  enquiryType: z.enum(ENQUIRY_TYPES),
  leadName: z.string(),
  recordedAt: z.string(),
  openActions: z.number().int(),
  overdueActions: z.number().int(),
  nextActionDue: z.string().nullable(),
  lastHuddleOn: z.string().nullable(),
  nextHuddleOn: z.string().nullable(),
});
export type HuddleItem = z.infer<typeof huddleItemSchema>;

export const huddleListSchema = z.object({
  items: z.array(huddleItemSchema),
  /** Concerns on this page the caller may not read (not on the person's care team): counted, not shown. */
  withheld: z.number().int(),
  nextCursor: z.string().nullable(),
});
export type HuddleList = z.infer<typeof huddleListSchema>;
