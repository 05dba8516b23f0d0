import { z } from 'zod';

/** Kinds of work a worklist item stands for. */
export const WORK_KINDS = [
  'HANDOVER_ACKNOWLEDGE',
  'FOLLOW_UP',
  'HANDOVER_ESCALATION',
  'FOLLOW_UP_MISSED',
  'CONSENT_REVIEW',
  'EXCEPTION_REVIEW',
  'BREAK_GLASS_REVIEW',
  'ACCESS_REVIEW',
  'SIGNAL_ALERT',
  'SIGNAL_ALERT_ESCALATED',
  'SAFEGUARDING_ACTION',
  'HANDOVER_ACTION',
  'AGREEMENT_REVIEW',
  'DPIA_REVIEW',
  'ICO_NOTIFICATION',
  'HANDOVER_SAMPLE',
  'CORRECTIVE_ACTION',
  'GUIDE_ACKNOWLEDGEMENT',
  'INTERFACE_REVIEW',
  'INCIDENT_ACTION',
  'DQ_CORRECTION',
] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** Plain-language headings for each kind. */
export const WORK_KIND_LABELS: Readonly<Record<WorkKind, string>> = {
  HANDOVER_ACKNOWLEDGE: 'Handover to acknowledge',
  FOLLOW_UP: 'Follow-up contact due',
  HANDOVER_ESCALATION: 'Escalated handover',
  FOLLOW_UP_MISSED: 'Missed follow-up',
  CONSENT_REVIEW: 'Consent review',
  EXCEPTION_REVIEW: 'Lawful exception review',
  BREAK_GLASS_REVIEW: 'Break-glass review',
  ACCESS_REVIEW: 'Access review',
  SIGNAL_ALERT: 'Risk alert to acknowledge',
  SIGNAL_ALERT_ESCALATED: 'Escalated risk alert',
  SAFEGUARDING_ACTION: 'Protective action due',
  HANDOVER_ACTION: 'Task from a handover',
  AGREEMENT_REVIEW: 'Agreement review',
  DPIA_REVIEW: 'DPIA review',
  ICO_NOTIFICATION: 'ICO notification due',
  HANDOVER_SAMPLE: 'Escalation summaries to sample',
  CORRECTIVE_ACTION: 'Corrective action from an audit',
  GUIDE_ACKNOWLEDGEMENT: 'Guide to what you share to acknowledge',
  INTERFACE_REVIEW: 'Workaround review',
  INCIDENT_ACTION: 'Incident action due',
  DQ_CORRECTION: 'Data-quality correction',
};

/** A page of the worklist: `after` is the cursor the previous page returned. */
export const worklistQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  after: z
    .string()
    .max(400)
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be a cursor returned by a previous page' })
    .optional(),
});
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

/** One thing that needs the caller's action. */
export const workItemSchema = z.object({
  kind: z.enum(WORK_KINDS),
  id: z.string(),
  label: z.string(),
  dueAt: z.string(),
  overdue: z.boolean(),
  personId: z.string().nullable(),
  /** Shown only when the caller may know the person; otherwise null with personHidden true. */
  personName: z.string().nullable(),
  personHidden: z.boolean(),
  detail: z.string(),
  /** Where the work is done, in the web app. */
  link: z.string(),
});
export type WorkItem = z.infer<typeof workItemSchema>;

/** The worklist: counts in the header, a page of items, the next cursor. */
export const worklistSchema = z.object({
  counts: z.object({
    total: z.number().int(),
    overdue: z.number().int(),
    byKind: z.record(z.enum(WORK_KINDS), z.number().int()),
  }),
  items: z.array(workItemSchema),
  nextCursor: z.string().nullable(),
});
export type Worklist = z.infer<typeof worklistSchema>;
