import { z } from 'zod';
import { dateSchema, idSchema, text } from './common.ts';

/** How many crisis escalation summaries a weekly sample holds at most. */
export const SAMPLE_SIZE = 5;

/** Days over which a person escalated more than once counts as a repeat escalation. */
export const REPEAT_WINDOW_DAYS = 28;

/** A manager's finding on one sampled escalation summary. */
export const sampleFindingInputSchema = z.strictObject({
  complete: z.boolean({ error: 'must be answered yes or no' }),
  sharedAppropriately: z.boolean({ error: 'must be answered yes or no' }),
  reflectedInRecord: z.boolean({ error: 'must be answered yes or no' }),
  note: text(2000),
});
export type SampleFindingInput = z.infer<typeof sampleFindingInputSchema>;

/** Which sampled item a finding is about. */
export const sampleItemParamsSchema = z.strictObject({ id: idSchema, handoverId: idSchema });

/** A recorded finding. */
export const sampleFindingSchema = z.object({
  complete: z.boolean(),
  sharedAppropriately: z.boolean(),
  reflectedInRecord: z.boolean(),
  note: z.string(),
  reviewedAt: z.string(),
  supervisionNoteId: z.string(),
});
export type SampleFinding = z.infer<typeof sampleFindingSchema>;

/** One sampled escalation summary, with whether its person escalated repeatedly. */
export const sampleItemSchema = z.object({
  handoverId: z.string(),
  position: z.number().int(),
  sentAt: z.string(),
  senderName: z.string(),
  acknowledgedAt: z.string().nullable(),
  /** The person's name when the caller may know them; null otherwise. */
  personName: z.string().nullable(),
  /**
   * Crisis escalations about the same person sent by the team's organisation in the window ending
   * with the sampled week; null (as is `repeat`) when the caller may not know the person.
   */
  escalationsInWindow: z.number().int().nullable(),
  repeat: z.boolean().nullable(),
  finding: sampleFindingSchema.nullable(),
});
export type SampleItem = z.infer<typeof sampleItemSchema>;

/** A weekly sample as its manager sees it in a list. */
export const sampleSummarySchema = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  weekStart: z.string(),
  weekEnd: z.string(),
  /** The seed the sample was drawn with: with the same data, it draws the same sample again. */
  seed: z.string(),
  drawnAt: z.string(),
  population: z.number().int(),
  size: z.number().int(),
  reviewed: z.number().int(),
});
export type SampleSummary = z.infer<typeof sampleSummarySchema>;

/** A sample with its items. */
export const sampleSchema = sampleSummarySchema.extend({ items: z.array(sampleItemSchema) });
export type SampleDto = z.infer<typeof sampleSchema>;

/** A supervision note: a sampling finding about a member of staff's escalation summary. */
export const supervisionNoteSchema = z.object({
  id: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  writtenBy: z.string(),
  writtenByName: z.string(),
  handoverId: z.string(),
  sampleId: z.string(),
  weekStart: z.string(),
  complete: z.boolean(),
  sharedAppropriately: z.boolean(),
  reflectedInRecord: z.boolean(),
  note: z.string(),
  createdAt: z.string(),
});
export type SupervisionNote = z.infer<typeof supervisionNoteSchema>;

/** Weeks of escalation timeliness to show. */
export const timelinessQuerySchema = z.strictObject({
  weeks: z.coerce.number().int().min(1).max(52).default(12),
});

/** One week of crisis escalations: sent to acknowledged, in minutes. */
export const timelinessWeekSchema = z.object({
  weekStart: dateSchema,
  sent: z.number().int(),
  acknowledged: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  /** Acknowledged after their SLA, or still unacknowledged past it. */
  overdue: z.number().int(),
});
export type TimelinessWeek = z.infer<typeof timelinessWeekSchema>;

/** Escalation timeliness for the caller's teams, week by week (aggregate only). */
export const timelinessSchema = z.object({
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  weeks: z.array(timelinessWeekSchema),
});
export type Timeliness = z.infer<typeof timelinessSchema>;
