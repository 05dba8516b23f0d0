import { z } from 'zod';
import { idSchema, instantSchema, text } from './common.ts';
import { ACCESS_ACTIONS, DATA_CATEGORIES, PURPOSES, STAFF_ROLES } from './enums.ts';
import { nhsNumberSchema } from './people.ts';

/** A reason for a decision: stable code and a sentence a practitioner understands. */
export const reasonSchema = z.object({ code: z.string(), message: z.string() });

/** A decision as the API presents it. */
export const decisionSchema = z.object({
  effect: z.enum(['permit', 'deny']),
  reasons: z.array(reasonSchema),
  basis: z.record(z.string(), z.union([z.string(), z.number()])),
  obligations: z.array(z.record(z.string(), z.string())),
});

export const explainInputSchema = z.strictObject({
  staffId: idSchema,
  personId: idSchema,
  category: z.enum(DATA_CATEGORIES),
  purpose: z.enum(PURPOSES).default('DIRECT_CARE'),
  action: z.enum(ACCESS_ACTIONS).default('view'),
  /** Whose data; when omitted every organisation holding entries of the category is asked about. */
  owningOrganisationId: idSchema.optional(),
});
export type ExplainInput = z.infer<typeof explainInputSchema>;

export const explanationSchema = z.object({
  staff: z.object({
    id: idSchema,
    displayName: z.string(),
    organisationName: z.string(),
    roles: z.array(z.enum(STAFF_ROLES)),
  }),
  category: z.enum(DATA_CATEGORIES),
  purpose: z.enum(PURPOSES),
  action: z.enum(ACCESS_ACTIONS),
  answers: z.array(
    z.object({
      owningOrganisationId: idSchema,
      owningOrganisationName: z.string(),
      /** Entries held, or null when the caller's own tier does not include the category. */
      entries: z.number().int().nullable(),
      decision: decisionSchema,
    }),
  ),
});

/** Break-glass: a duty worker states why they need the crisis summary of someone not on their caseload. */
export const breakGlassInputSchema = z.strictObject({
  nhsNumber: nhsNumberSchema,
  reason: text(1000).min(10, { error: 'must say why, in at least 10 characters' }),
});

export const breakGlassGrantSchema = z.object({
  id: idSchema,
  personId: idSchema,
  categories: z.array(z.enum(DATA_CATEGORIES)),
  grantedAt: z.string(),
  expiresAt: z.string(),
  live: z.boolean(),
});
export type BreakGlassGrant = z.infer<typeof breakGlassGrantSchema>;

export const tierPolicySchema = z.strictObject({
  tiers: z.strictObject(
    Object.fromEntries(STAFF_ROLES.map((r) => [r, z.array(z.enum(DATA_CATEGORIES))])) as Record<
      (typeof STAFF_ROLES)[number],
      z.ZodArray<z.ZodEnum<{ [K in (typeof DATA_CATEGORIES)[number]]: K }>>
    >,
  ),
  restricted: z.partialRecord(
    z.enum(DATA_CATEGORIES),
    z.strictObject({
      viewRoles: z.array(z.enum(STAFF_ROLES)),
      editRequiresSafeguardingTraining: z.boolean(),
    }),
  ),
  breakGlassMinutes: z
    .number()
    .int()
    .min(15, { error: 'must be at least 15 minutes' })
    .max(720, { error: 'must be at most 12 hours' }),
  /** Break-glass grants one worker may open in 24 hours. */
  breakGlassDailyLimit: z
    .number()
    .int()
    .min(1, { error: 'must be at least 1' })
    .max(20, { error: 'must be at most 20' })
    .default(3),
});
export const accessPolicySchema = tierPolicySchema.extend({
  version: z.number().int(),
  /** What the caller may do: change it directly (partnership governance) or propose a change (IG leads). */
  can: z.object({ change: z.boolean(), propose: z.boolean() }),
});

/** What a proposed policy would have done to the last 30 days' logged decisions, replayed. */
export const policyPreviewSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Category decisions replayed. */
  decisions: z.number().int(),
  /** Decisions the replay could not reproduce under the policy in force, so could not judge. */
  notReplayable: z.number().int(),
  /** Decisions whose outcome the change would have turned. */
  changed: z.number().int(),
  nowPermitted: z.number().int(),
  nowDenied: z.number().int(),
});
export type PolicyPreview = z.infer<typeof policyPreviewSchema>;

export const unableToShareQuerySchema = z.strictObject({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export const unableToShareSchema = z.object({
  total: z.number().int(),
  rows: z.array(
    z.object({
      ownerOrganisationId: z.string(),
      recipientOrganisationId: z.string(),
      reason: z.string(),
      count: z.number().int(),
    }),
  ),
});
