/**
 * After an IG incident, on the wire: the post-incident review (where the flow of information was
 * weak), the handovers and risk signals involved, and the incident's actions with named owners.
 */
import { z } from 'zod';
import { dateSchema, idSchema, text } from './common.ts';

/** What a post-incident review may link: person-level rows, reached only through the door. */
export const FLOW_LINK_KINDS = ['HANDOVER', 'SIGNAL'] as const;
export type FlowLinkKind = (typeof FLOW_LINK_KINDS)[number];

export const incidentReviewInputSchema = z.strictObject({
  /** Where the flow of information was weak. */
  weakPoints: text(4000),
  /** What held, and should be kept. */
  whatHeld: z.string().trim().max(4000).default(''),
  /** The version read: 0 when there was no review yet. */
  expectedVersion: z.number().int().min(0),
});
export type IncidentReviewInput = z.infer<typeof incidentReviewInputSchema>;

export const flowLinkInputSchema = z.strictObject({
  kind: z.enum(FLOW_LINK_KINDS),
  /** The handover or risk signal. */
  id: idSchema,
  /** Whom it concerns: the person is opened through the door before anything is linked. */
  personId: idSchema,
});
export type FlowLinkInput = z.infer<typeof flowLinkInputSchema>;

export const incidentActionInputSchema = z.strictObject({
  description: text(1000),
  ownerStaffId: idSchema,
  dueOn: dateSchema,
});
export type IncidentActionInput = z.infer<typeof incidentActionInputSchema>;

export const incidentActionCompleteSchema = z.strictObject({ note: text(2000) });

export const incidentActionSchema = z.object({
  id: idSchema,
  incidentId: idSchema,
  incidentTitle: z.string(),
  description: z.string(),
  ownerStaffId: idSchema,
  ownerName: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'done']),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  completionNote: z.string().nullable(),
  can: z.object({ complete: z.boolean() }),
});
export type IncidentAction = z.infer<typeof incidentActionSchema>;
export const incidentActionListSchema = z.object({ items: z.array(incidentActionSchema) });

export const flowLinkSchema = z.object({
  kind: z.enum(FLOW_LINK_KINDS),
  id: idSchema,
  /** Null, with `withheld` true, where the caller may no longer receive the person's access report. */
  personId: idSchema.nullable(),
  withheld: z.boolean(),
  linkedAt: z.string(),
});
export type FlowLink = z.infer<typeof flowLinkSchema>;

export const incidentReviewSchema = z.object({
  incidentId: idSchema,
  review: z
    .object({
      weakPoints: z.string(),
      whatHeld: z.string(),
      version: z.number().int(),
      reviewedBy: idSchema,
      reviewedAt: z.string(),
    })
    .nullable(),
  links: z.array(flowLinkSchema),
  actions: z.array(incidentActionSchema),
});
export type IncidentReview = z.infer<typeof incidentReviewSchema>;
