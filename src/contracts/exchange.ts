import { z } from 'zod';
import { dateSchema, idSchema, instantSchema, text } from './common.ts';
import { DATA_CATEGORIES, PURPOSES } from './enums.ts';

/** The interfaces a handover crosses, one minimum-dataset template each. */
export const TEMPLATE_KEYS = [
  'REFERRAL',
  'WARM_HANDOFF',
  'CRISIS_ESCALATION',
  'SAFEGUARDING_REFERRAL',
  'DISCHARGE_STEP_DOWN',
  'MEDICATION_COORDINATION',
  'CRISIS_SUMMARY',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** How the handover travels: within Accord, by secure email, or by manual transfer. */
export const HANDOVER_ROUTES = ['ACCORD', 'SECURE_EMAIL', 'MANUAL_TRANSFER'] as const;
export type HandoverRoute = (typeof HANDOVER_ROUTES)[number];

/** Where a handover stands. */
export const HANDOVER_STATUSES = ['sent', 'acknowledged'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];

/** Follow-up timescale rules (domain-reference §3.5). */
export const FOLLOW_UP_RULES = ['FU_72_HOURS', 'FU_7_DAYS', 'FU_48_HOURS_SUICIDE_RISK'] as const;
export type FollowUpRule = (typeof FOLLOW_UP_RULES)[number];

/** What created a follow-up. */
export const FOLLOW_UP_KINDS = ['INPATIENT_DISCHARGE', 'CRISIS_STEP_DOWN'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];

/** Where a follow-up stands. */
export const FOLLOW_UP_STATUSES = ['due', 'done', 'missed'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

const fieldKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'must be lower_snake_case, at most 64 characters' });

/** One field of a template: what it holds, the category the decision checks, and whether it is required. */
export const templateFieldSchema = z.strictObject({
  key: fieldKeySchema,
  label: text(120),
  category: z.enum(DATA_CATEGORIES),
  required: z.boolean(),
  help: text(400),
});
export type TemplateField = z.infer<typeof templateFieldSchema>;

/** A version of a template as stored and shown. */
export const templateSchema = z.object({
  key: z.enum(TEMPLATE_KEYS),
  version: z.number().int(),
  name: z.string(),
  slaMinutes: z.number().int(),
  fields: z.array(templateFieldSchema),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type TemplateDto = z.infer<typeof templateSchema>;

/** A new version of a template; `version` is the one the editor started from. */
export const templateUpdateSchema = z.strictObject({
  version: z.number().int().min(1),
  name: text(120),
  slaMinutes: z
    .number()
    .int()
    .min(5)
    .max(14 * 24 * 60),
  fields: z
    .array(templateFieldSchema)
    .min(1)
    .max(40)
    .refine((f) => new Set(f.map((x) => x.key)).size === f.length, { error: 'must not repeat a field key' }),
});
export type TemplateUpdateInput = z.infer<typeof templateUpdateSchema>;

/** Template key path parameter. */
export const templateParamsSchema = z.strictObject({ key: z.enum(TEMPLATE_KEYS) });

/** Who receives: a named member of staff, or a team, at an organisation. */
export const recipientSchema = z.strictObject({
  organisationId: idSchema,
  staffId: idSchema.optional(),
  teamId: idSchema.optional(),
});

/** A handover as the sender composes it. */
export const handoverDraftSchema = z.strictObject({
  personId: idSchema,
  template: z.enum(TEMPLATE_KEYS),
  recipient: recipientSchema,
  purpose: z.enum(PURPOSES),
  route: z.enum(HANDOVER_ROUTES),
  fields: z.record(fieldKeySchema, z.string().max(8000)),
  /**
   * Per field prefilled from the record, the entry it came from: the entry's organisation owns the
   * field, and the decision checks that owner's agreement with the recipient.
   */
  sources: z.record(fieldKeySchema, idSchema).default({}),
  /** Send despite missing required fields; the gap is escalated to the sender's service manager. */
  informationMissing: z.boolean().default(false),
});
export type HandoverDraft = z.infer<typeof handoverDraftSchema>;

/** Why a field is not in the recipient's copy. */
export const withheldMarkerSchema = z.object({
  category: z.enum(DATA_CATEGORIES),
  categoryLabel: z.string(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
});

/** One field of the recipient's copy: its value, or a marker saying it was withheld and why. */
export const copyFieldSchema = z.object({
  key: z.string(),
  label: z.string(),
  category: z.enum(DATA_CATEGORIES),
  value: z.string().nullable(),
  withheld: withheldMarkerSchema.nullable(),
});
export type CopyField = z.infer<typeof copyFieldSchema>;

/** Exactly what the recipient will get. */
export const recipientCopySchema = z.object({
  template: z.enum(TEMPLATE_KEYS),
  recipientOrganisationId: z.string(),
  purpose: z.enum(PURPOSES),
  fields: z.array(copyFieldSchema),
  missingRequired: z.array(z.string()),
});
export type RecipientCopy = z.infer<typeof recipientCopySchema>;

/** An action the acknowledging lead found outstanding, given an owner. */
export const actionInputSchema = z.strictObject({
  description: text(1000),
  ownerStaffId: idSchema,
  dueAt: instantSchema.optional(),
});

/** The lead's acknowledgement; for a referral, whether the receiving service accepts it. */
export const acknowledgeSchema = z.strictObject({
  note: text(2000).optional(),
  accept: z.boolean().optional(),
  actions: z.array(actionInputSchema).max(20).default([]),
});
export type AcknowledgeInput = z.infer<typeof acknowledgeSchema>;

/** A task recorded at acknowledgement. */
export const handoverActionSchema = z.object({
  id: z.string(),
  handoverId: z.string(),
  description: z.string(),
  ownerStaffId: z.string(),
  dueAt: z.string().nullable(),
  status: z.string(),
  closedAt: z.string().nullable(),
  closingNote: z.string().nullable(),
});
export type HandoverAction = z.infer<typeof handoverActionSchema>;

/** One escalation of a handover: unacknowledged past its time, or sent with information missing. */
export const escalationSchema = z.object({
  tier: z.number().int(),
  escalatedAt: z.string(),
  toStaffId: z.string().nullable(),
  reason: z.string(),
  resolvedAt: z.string().nullable(),
  /** How an "information missing" escalation was resolved, in the resolver's words. */
  resolution: z.string().nullable(),
});

/** A handover as its parties see it: the recipient's copy only. */
export const handoverSchema = z.object({
  id: z.string(),
  personId: z.string(),
  template: z.enum(TEMPLATE_KEYS),
  templateVersion: z.number().int(),
  senderStaffId: z.string(),
  senderOrganisationId: z.string(),
  recipientOrganisationId: z.string(),
  recipientStaffId: z.string().nullable(),
  recipientTeamId: z.string().nullable(),
  leadStaffId: z.string(),
  purpose: z.enum(PURPOSES),
  route: z.enum(HANDOVER_ROUTES),
  /** The register entry of the route outside Accord it was sent by; null for Accord. */
  interfaceEntryId: z.string().nullable().default(null),
  status: z.enum(HANDOVER_STATUSES),
  informationMissing: z.boolean(),
  missingFields: z.array(z.string()),
  sentAt: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  source: z.enum(['accord', 'import']),
  fields: z.array(copyFieldSchema),
  actions: z.array(handoverActionSchema),
  escalations: z.array(escalationSchema),
  can: z.object({ acknowledge: z.boolean() }),
});
export type HandoverDto = z.infer<typeof handoverSchema>;

/** Lists of handovers: incoming to me or my team, or sent by me. */
export const handoverListQuerySchema = z.strictObject({
  box: z.enum(['incoming', 'sent']).default('incoming'),
  personId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/** A handover in a list. */
export const handoverSummarySchema = handoverSchema.omit({ fields: true, actions: true, escalations: true });
export const handoverListSchema = z.object({ items: z.array(handoverSummarySchema) });

/** A discharge or crisis step-down that calls for a follow-up contact. */
export const followUpCreateSchema = z.strictObject({
  kind: z.enum(FOLLOW_UP_KINDS),
  occurredAt: instantSchema,
  suicideRisk: z.boolean(),
  /** A longer timescale where the contract's 72 hours does not apply (NICE NG53: 7 days). */
  rule: z.enum(FOLLOW_UP_RULES).optional(),
  ownerStaffId: idSchema.optional(),
  handoverId: idSchema.optional(),
});
export type FollowUpCreateInput = z.infer<typeof followUpCreateSchema>;

/** A follow-up contact made. */
export const followUpContactSchema = z.strictObject({ contactAt: instantSchema });
export type FollowUpContactInput = z.infer<typeof followUpContactSchema>;

/** A follow-up as shown. */
export const followUpSchema = z.object({
  id: z.string(),
  personId: z.string(),
  kind: z.enum(FOLLOW_UP_KINDS),
  rule: z.enum(FOLLOW_UP_RULES),
  occurredAt: z.string(),
  dueAt: z.string(),
  status: z.enum(FOLLOW_UP_STATUSES),
  ownerStaffId: z.string().nullable(),
  organisationId: z.string(),
  contactAt: z.string().nullable(),
  missedAt: z.string().nullable(),
});
export type FollowUpDto = z.infer<typeof followUpSchema>;

/** One handover on a person's timeline: who sent what kind to whom, when, and what followed. No content. */
export const timelineEntrySchema = z.object({
  id: z.string(),
  template: z.enum(TEMPLATE_KEYS),
  senderOrganisationId: z.string(),
  senderOrganisationName: z.string(),
  recipientOrganisationId: z.string(),
  recipientOrganisationName: z.string(),
  route: z.enum(HANDOVER_ROUTES),
  sentAt: z.string(),
  dueAt: z.string(),
  status: z.enum(HANDOVER_STATUSES),
  acknowledgedAt: z.string().nullable(),
  categoriesShared: z.array(z.enum(DATA_CATEGORIES)),
  categoriesWithheld: z.array(z.enum(DATA_CATEGORIES)),
  escalations: z.number().int(),
  actions: z.number().int(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export const timelineSchema = z.object({ items: z.array(timelineEntrySchema) });

/** Stages of a pathway episode, counted by commissioner reporting. */
export const EPISODE_STAGES = [
  'REFERRAL',
  'ASSESSMENT',
  'ACTIVE',
  'REVIEW',
  'STEP_DOWN',
  'DISCHARGED',
] as const;
export type EpisodeStage = (typeof EPISODE_STAGES)[number];

/** A pathway episode at a receiving service. */
export const episodeSchema = z.object({
  id: z.string(),
  personId: z.string(),
  organisationId: z.string(),
  referralHandoverId: z.string().nullable(),
  stage: z.enum(EPISODE_STAGES),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  moves: z.array(
    z.object({ from: z.enum(EPISODE_STAGES).nullable(), to: z.enum(EPISODE_STAGES), at: z.string() }),
  ),
});
export type EpisodeDto = z.infer<typeof episodeSchema>;

/** Moving an episode: step up, step down, review, discharge; `version` is the one the caller saw. */
export const episodeMoveSchema = z.strictObject({
  stage: z.enum(EPISODE_STAGES),
  version: z.number().int().min(1),
});
export type EpisodeMoveInput = z.infer<typeof episodeMoveSchema>;

/** Which person and template to prefill a handover for. */
export const prefillQuerySchema = z.strictObject({
  personId: idSchema,
  template: z.enum(TEMPLATE_KEYS),
});

/** A field value taken from the person's record, with the entry (and its owner) it came from. */
export const prefillFieldSchema = z.object({
  key: z.string(),
  value: z.string(),
  source: z.object({
    entryId: z.string(),
    organisationId: z.string(),
    organisationName: z.string(),
    title: z.string(),
    recordedAt: z.string(),
  }),
});
export type PrefillField = z.infer<typeof prefillFieldSchema>;

/** The fields the record can prefill: only those whose category the record holds and the sender may see. */
export const prefillSchema = z.object({ fields: z.array(prefillFieldSchema) });
export type Prefill = z.infer<typeof prefillSchema>;

/**
 * Resolving an "information missing" escalation: the missing fields supplied, or why they cannot
 * be (a reason is needed unless every missing field is supplied).
 */
export const resolveMissingSchema = z.strictObject({
  fields: z.record(fieldKeySchema, text(8000)).default({}),
  reason: text(2000).optional(),
});
export type ResolveMissingInput = z.infer<typeof resolveMissingSchema>;

/** Closing an acknowledgement task: what was done. */
export const closeActionSchema = z.strictObject({ note: text(2000) });
export type CloseActionInput = z.infer<typeof closeActionSchema>;

/** A duty worker's search for a person by name and date of birth (no NHS number to hand). */
export const crisisSearchQuerySchema = z.strictObject({
  familyName: text(100),
  givenName: text(100).optional(),
  dateOfBirth: dateSchema,
});
export type CrisisSearchQuery = z.infer<typeof crisisSearchQuerySchema>;

/** A match, with the NHS number the emergency access is then asked for. */
export const crisisMatchSchema = z.object({
  nhsNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  postcode: z.string().nullable(),
});
export type CrisisMatch = z.infer<typeof crisisMatchSchema>;

/** The authority a duty worker acts under when they take an interim decision. */
export const INTERIM_AUTHORITIES = [
  'DUTY_INTERIM_AUTHORITY',
  'CLINICAL_JUDGEMENT',
  'MENTAL_HEALTH_ACT',
  'SAFEGUARDING_DUTY',
] as const;

/** An interim decision, recorded with its authority and rationale. */
export const interimDecisionInputSchema = z.strictObject({
  authority: z.enum(INTERIM_AUTHORITIES),
  decision: text(2000),
  rationale: text(4000),
});
export type InterimDecisionInput = z.infer<typeof interimDecisionInputSchema>;

/** An interim decision as recorded, and when it reaches the care coordinator. */
export const interimDecisionSchema = z.object({
  id: z.string(),
  personId: z.string(),
  authority: z.enum(INTERIM_AUTHORITIES),
  decision: z.string(),
  rationale: z.string(),
  decidedAt: z.string(),
  deliverAt: z.string(),
  handoverId: z.string().nullable(),
});
export type InterimDecisionDto = z.infer<typeof interimDecisionSchema>;
