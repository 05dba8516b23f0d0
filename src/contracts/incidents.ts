/**
 * Information governance incidents on the wire: what went wrong, its grade on the DSPT incident
 * reporting grid, the ICO notification clock when reportable, and the investigation through to
 * root cause, learning and actions.
 */
import { z } from 'zod';
import { dateSchema, idSchema, instantSchema, text } from './common.ts';

/** Kinds of IG incident. */
export const INCIDENT_KINDS = ['BREACH', 'MIS_SHARING', 'NEAR_MISS', 'LOST_OR_MISDIRECTED_TRANSFER'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/** DSPT likelihood that individuals' rights are affected: 1 not occurred .. 5 occurred. */
const likelihood = z.number().int().min(1).max(5);
/** DSPT severity of the effect on individuals: 1 no adverse effect .. 5 catastrophic. */
const severity = z.number().int().min(1).max(5);

export const incidentInputSchema = z.strictObject({
  kind: z.enum(INCIDENT_KINDS),
  title: text(200),
  summary: text(4000),
  detectedAt: instantSchema,
  likelihood,
  severity,
  auditEntryIds: z.array(idSchema).max(100).default([]),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;

/** Promoting an anomaly case: the case supplies its evidence entries. */
export const incidentPromoteInputSchema = incidentInputSchema.omit({ auditEntryIds: true });
export type IncidentPromoteInput = z.infer<typeof incidentPromoteInputSchema>;

const actionSchema = z.strictObject({ description: text(1000), owner: text(200), dueOn: dateSchema });

export const incidentUpdateSchema = z.strictObject({
  likelihood: likelihood.optional(),
  severity: severity.optional(),
  investigation: z.string().trim().max(8000).optional(),
  rootCause: z.string().trim().max(4000).optional(),
  learning: z.string().trim().max(4000).optional(),
  actions: z.array(actionSchema).max(50).optional(),
  icoNotifiedAt: instantSchema.optional(),
});
export type IncidentUpdate = z.infer<typeof incidentUpdateSchema>;

export const incidentPersonInputSchema = z.strictObject({ personId: idSchema });

export const incidentSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  kind: z.enum(INCIDENT_KINDS),
  title: z.string(),
  summary: z.string(),
  detectedAt: z.string(),
  likelihood: z.number().int(),
  severity: z.number().int(),
  grade: z.number().int(),
  reportable: z.boolean(),
  /** 72 hours after detection, when reportable. */
  notifyIcoBy: z.string().nullable(),
  icoNotifiedAt: z.string().nullable(),
  investigation: z.string(),
  rootCause: z.string(),
  learning: z.string(),
  actions: z.array(actionSchema),
  auditEntryIds: z.array(idSchema),
  peopleAffected: z.number().int(),
  anomalyCaseId: idSchema.nullable(),
  status: z.enum(['open', 'closed']),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type Incident = z.infer<typeof incidentSchema>;
export const incidentListSchema = z.object({ items: z.array(incidentSchema) });
