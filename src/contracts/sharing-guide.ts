/**
 * "What we share and when" on the wire: the plain-language guide for one organisation and role,
 * generated from the active agreements, the tier policy and the consent rules; the scenario
 * guidance IG leads write beside it; and staff acknowledgements, which lapse like training.
 */
import { z } from 'zod';
import { idSchema, text } from './common.ts';
import { DATA_CATEGORIES, PURPOSES, STAFF_ROLES } from './enums.ts';

/** Situations IG leads write scenario guidance for. */
export const SITUATIONS = ['ROUTINE', 'URGENT', 'SAFEGUARDING', 'CRISIS'] as const;
export type Situation = (typeof SITUATIONS)[number];

/** Headings for each situation. */
export const SITUATION_LABELS: Readonly<Record<Situation, string>> = {
  ROUTINE: 'Routine care',
  URGENT: 'Urgent situations',
  SAFEGUARDING: 'Safeguarding concerns',
  CRISIS: 'Crisis',
};

/** Where a staff member's acknowledgement stands. */
export const ACKNOWLEDGEMENT_STATES = ['current', 'lapsed', 'changed', 'missing'] as const;
export type AcknowledgementState = (typeof ACKNOWLEDGEMENT_STATES)[number];

export const guideQuerySchema = z.strictObject({
  organisationId: idSchema,
  role: z.enum(STAFF_ROLES),
});
export type GuideQuery = z.infer<typeof guideQuerySchema>;

export const situationParamsSchema = z.strictObject({ situation: z.enum(SITUATIONS) });

/** A new version of one situation's guidance, written against the version the editor read. */
export const scenarioInputSchema = z.strictObject({
  body: text(8000),
  changeNote: text(500),
  /** The version the editor read: 0 when there was none. */
  expectedVersion: z.number().int().min(0),
  /** The agreement dispute whose documented outcome this version answers, if any. */
  disputeId: idSchema.optional(),
});
export type ScenarioInput = z.infer<typeof scenarioInputSchema>;

export const guideAcknowledgeInputSchema = z.strictObject({
  role: z.enum(STAFF_ROLES),
  /** The fingerprint of the guide as the staff member read it. */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, { error: 'must be the guide’s fingerprint' }),
});
export type GuideAcknowledgeInput = z.infer<typeof guideAcknowledgeInputSchema>;

export const scenarioSchema = z.object({
  situation: z.enum(SITUATIONS),
  label: z.string(),
  version: z.number().int(),
  body: z.string(),
  changeNote: z.string(),
  disputeId: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export const scenarioVersionListSchema = z.object({ items: z.array(scenarioSchema) });

/** One thing the reader may send to, or receive from, one partner. */
export const guideLineSchema = z.object({
  direction: z.enum(['send', 'receive']),
  categories: z.array(z.enum(DATA_CATEGORIES)),
  categoryWords: z.string(),
  purpose: z.enum(PURPOSES),
  purposeWords: z.string(),
  agreementId: z.string(),
  agreementReference: z.string(),
  agreementTitle: z.string(),
  legalBasis: z.array(z.string()),
  consent: z.string(),
});
export type GuideLine = z.infer<typeof guideLineSchema>;

export const guidePartnerSchema = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  lines: z.array(guideLineSchema),
});

export const acknowledgementSchema = z.object({
  state: z.enum(ACKNOWLEDGEMENT_STATES),
  acknowledgedAt: z.string().nullable(),
  lapsesOn: z.string().nullable(),
});
export type Acknowledgement = z.infer<typeof acknowledgementSchema>;

export const sharingGuideSchema = z.object({
  organisationId: z.string(),
  organisationName: z.string(),
  role: z.enum(STAFF_ROLES),
  /** SHA-256 of everything the guide says: what an acknowledgement records. */
  fingerprint: z.string(),
  generatedOn: z.string(),
  mayUse: z.array(z.object({ category: z.enum(DATA_CATEGORIES), label: z.string() })),
  restricted: z.array(z.string()),
  partners: z.array(guidePartnerSchema),
  consentRules: z.array(z.string()),
  lawfulExceptions: z.array(z.string()),
  contacts: z.array(z.object({ role: z.string(), name: z.string() })),
  scenarios: z.array(scenarioSchema),
  /** The reader's own acknowledgement of this guide; null when the guide is not the reader's. */
  acknowledgement: acknowledgementSchema.nullable(),
  can: z.object({ acknowledge: z.boolean(), editScenarios: z.boolean() }),
});
export type SharingGuide = z.infer<typeof sharingGuideSchema>;

export const myGuidesSchema = z.object({ items: z.array(sharingGuideSchema) });

/** A member of staff's standing on their guide, for their IG lead and service manager. */
export const guideStandingSchema = z.object({
  staffId: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  acknowledgement: acknowledgementSchema,
});
export const guideStandingListSchema = z.object({ items: z.array(guideStandingSchema) });
