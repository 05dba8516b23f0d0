/**
 * The register of interfaces and workarounds on the wire: wherever systems do not connect, the
 * transfer route with its owner, risk assessment, mitigations and review date.
 */
import { z } from 'zod';
import { dateSchema, idSchema, text } from './common.ts';

/** Routes that leave Accord and so need a register entry. */
export const WORKAROUND_ROUTES = ['SECURE_EMAIL', 'MANUAL_TRANSFER'] as const;
export type WorkaroundRoute = (typeof WORKAROUND_ROUTES)[number];

/** Where an entry's review stands: due within 30 days, overdue once its date has passed. */
export const INTERFACE_REVIEW_STATES = ['ok', 'due', 'overdue'] as const;
export type InterfaceReviewState = (typeof INTERFACE_REVIEW_STATES)[number];

/** Likelihood and severity of harm, 1 (rare; minimal) .. 5 (almost certain; catastrophic). */
const score = z.number().int().min(1).max(5);

export const interfaceEntryInputSchema = z.strictObject({
  title: text(200),
  /** Which systems do not connect, and why the workaround exists. */
  gap: text(2000),
  route: z.enum(WORKAROUND_ROUTES),
  partnerOrganisationIds: z.array(idSchema).min(1).max(20),
  ownerStaffId: idSchema,
  likelihood: score,
  severity: score,
  risk: text(4000),
  mitigations: text(4000),
  reviewOn: dateSchema,
});
export type InterfaceEntryInput = z.infer<typeof interfaceEntryInputSchema>;

export const interfaceEntryUpdateSchema = interfaceEntryInputSchema.extend({
  status: z.enum(['live', 'retired']),
  expectedVersion: z.number().int().min(1),
});
export type InterfaceEntryUpdate = z.infer<typeof interfaceEntryUpdateSchema>;

export const interfaceEntrySchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  partners: z.array(z.object({ organisationId: idSchema, name: z.string() })),
  route: z.enum(WORKAROUND_ROUTES),
  title: z.string(),
  gap: z.string(),
  ownerStaffId: idSchema,
  ownerName: z.string(),
  likelihood: z.number().int(),
  severity: z.number().int(),
  /** Likelihood × severity, 1..25. */
  riskScore: z.number().int(),
  risk: z.string(),
  mitigations: z.string(),
  reviewOn: z.string(),
  reviewState: z.enum(INTERFACE_REVIEW_STATES),
  status: z.enum(['live', 'retired']),
  version: z.number().int(),
  updatedAt: z.string(),
  /** edit: record a review (owner or keepers); manage: change partners, route, status (keepers). */
  can: z.object({ edit: z.boolean(), manage: z.boolean() }),
});
export type InterfaceEntry = z.infer<typeof interfaceEntrySchema>;
export const interfaceEntryListSchema = z.object({ items: z.array(interfaceEntrySchema) });
