/**
 * The wire contract of the signals module: contacts and visits, risk signals, escalation rules,
 * rising-risk and clinical-oversight alerts, and the case coordination timeline.
 */
import { z } from 'zod';
import { idSchema, instantSchema, text } from './common.ts';
import { DATA_CATEGORIES, type DataCategory } from './enums.ts';

/** Kinds of contact or visit any organisation on the care team schedules and records. */
export const CONTACT_TYPES = [
  'CLINIC_APPOINTMENT',
  'HOME_VISIT',
  'MEDICATION_SUPPORT_VISIT',
  'HOUSING_SUPPORT_SESSION',
  'PHONE_CONTACT',
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

export const CONTACT_TYPE_LABELS: Readonly<Record<ContactType, string>> = {
  CLINIC_APPOINTMENT: 'Clinic appointment',
  HOME_VISIT: 'Home visit',
  MEDICATION_SUPPORT_VISIT: 'Medication-support visit',
  HOUSING_SUPPORT_SESSION: 'Housing support session',
  PHONE_CONTACT: 'Phone contact',
};

/** How a contact went; `SCHEDULED` until it has happened or been cancelled. */
export const ATTENDANCE_OUTCOMES = [
  'SCHEDULED',
  'ATTENDED',
  'DID_NOT_ATTEND',
  'CANCELLED_BY_PERSON',
  'CANCELLED_BY_SERVICE',
] as const;
export type AttendanceOutcome = (typeof ATTENDANCE_OUTCOMES)[number];

export const ATTENDANCE_LABELS: Readonly<Record<AttendanceOutcome, string>> = {
  SCHEDULED: 'Scheduled',
  ATTENDED: 'Attended',
  DID_NOT_ATTEND: 'Did not attend',
  CANCELLED_BY_PERSON: 'Cancelled by the person',
  CANCELLED_BY_SERVICE: 'Cancelled by the service',
};

/**
 * Contacts are day-to-day support: every role that works with the person, frontline included,
 * records and relies on them, so they sit in the category each of those tiers holds.
 */
export const CONTACT_CATEGORY = 'SUPPORT_INSTRUCTIONS' as const satisfies DataCategory;

/** The agreed list of prompts every agency records signals from. */
export const SIGNAL_PROMPTS = [
  'DISENGAGEMENT',
  'MISSED_APPOINTMENT',
  'EARLY_RELAPSE_SIGN',
  'RISK_PRESENTATION_CHANGE',
  'SELF_HARM',
  'SUBSTANCE_USE',
  'POLICE_CONTACT',
  'HOUSING_CRISIS',
  'SAFEGUARDING_CONCERN',
  'MISSED_MEDICATION_SUPPORT',
  'ESCALATING_BEHAVIOUR',
] as const;
export type SignalPrompt = (typeof SIGNAL_PROMPTS)[number];

export const SIGNAL_PROMPT_LABELS: Readonly<Record<SignalPrompt, string>> = {
  DISENGAGEMENT: 'Disengagement from support',
  MISSED_APPOINTMENT: 'Missed appointment',
  EARLY_RELAPSE_SIGN: 'Early relapse sign',
  RISK_PRESENTATION_CHANGE: 'Change in risk presentation',
  SELF_HARM: 'Self-harm',
  SUBSTANCE_USE: 'Substance use',
  POLICE_CONTACT: 'Police contact',
  HOUSING_CRISIS: 'Housing crisis (arrears, notice)',
  SAFEGUARDING_CONCERN: 'Safeguarding concern',
  MISSED_MEDICATION_SUPPORT: 'Missed medication support',
  ESCALATING_BEHAVIOUR: 'Escalating behaviour',
};

/**
 * The category a prompt's signal belongs to unless the recorder says otherwise: it is shared under
 * that category's rule. Attendance signals are service use, like the contacts they come from.
 */
export const SIGNAL_PROMPT_CATEGORIES: Readonly<Record<SignalPrompt, DataCategory>> = {
  DISENGAGEMENT: 'SUPPORT_INSTRUCTIONS',
  MISSED_APPOINTMENT: CONTACT_CATEGORY,
  EARLY_RELAPSE_SIGN: 'RISK_SUMMARY',
  RISK_PRESENTATION_CHANGE: 'RISK_SUMMARY',
  SELF_HARM: 'RISK_SUMMARY',
  SUBSTANCE_USE: 'RISK_SUMMARY',
  POLICE_CONTACT: 'RISK_SUMMARY',
  HOUSING_CRISIS: 'SUPPORT_INSTRUCTIONS',
  SAFEGUARDING_CONCERN: 'SAFEGUARDING',
  MISSED_MEDICATION_SUPPORT: CONTACT_CATEGORY,
  ESCALATING_BEHAVIOUR: 'RISK_SUMMARY',
};

/** A contact to record. `occurredAt` is when it happened (or is due); the server stamps when it was entered. */
export const contactInputSchema = z.strictObject({
  type: z.enum(CONTACT_TYPES),
  outcome: z.enum(ATTENDANCE_OUTCOMES),
  occurredAt: instantSchema,
  note: text(2000).optional(),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

/** How a scheduled contact went. */
export const contactAttendanceSchema = z.strictObject({
  outcome: z.enum(ATTENDANCE_OUTCOMES).exclude(['SCHEDULED'], { error: 'must say how the contact went' }),
});
export type ContactAttendanceInput = z.infer<typeof contactAttendanceSchema>;

export const contactParamsSchema = z.strictObject({ id: idSchema, contactId: idSchema });

/** A signal to record. The category defaults to the prompt's. */
export const signalInputSchema = z.strictObject({
  prompt: z.enum(SIGNAL_PROMPTS, { error: 'must be one of the agreed prompts' }),
  observation: text(2000),
  observedAt: instantSchema,
  category: z.enum(DATA_CATEGORIES).optional(),
});
export type SignalInput = z.infer<typeof signalInputSchema>;

export const contactSchema = z.object({
  id: idSchema,
  type: z.enum(CONTACT_TYPES),
  outcome: z.enum(ATTENDANCE_OUTCOMES),
  occurredAt: z.string(),
  enteredAt: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  recordedByName: z.string(),
  note: z.string().nullable(),
  /** The signal a missed contact became, if any. */
  derivedSignalId: idSchema.nullable(),
});
export type ContactDto = z.infer<typeof contactSchema>;

export const signalSchema = z.object({
  id: idSchema,
  prompt: z.enum(SIGNAL_PROMPTS),
  category: z.enum(DATA_CATEGORIES),
  observation: z.string(),
  observedAt: z.string(),
  enteredAt: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  recordedByName: z.string(),
  /** The contact a derived signal came from. */
  contactId: idSchema.nullable(),
});
export type SignalDto = z.infer<typeof signalSchema>;

/** Alerts the escalation rules raise. */
export const ALERT_KINDS = ['RISING_RISK', 'CLINICAL_OVERSIGHT'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_KIND_LABELS: Readonly<Record<AlertKind, string>> = {
  RISING_RISK: 'Rising risk across agencies',
  CLINICAL_OVERSIGHT: 'Clinical oversight needed',
};

/** What raised a clinical-oversight notice, or the combination rule. */
export const ALERT_TRIGGERS = ['COMBINATION', 'MISSED_MEDICATION_SUPPORT', 'ESCALATING_BEHAVIOUR'] as const;
export type AlertTrigger = (typeof ALERT_TRIGGERS)[number];

/** The single agreed response recorded when an alert is acknowledged. */
export const ALERT_OUTCOMES = [
  'REVIEW_BROUGHT_FORWARD',
  'JOINT_VISIT',
  'CRISIS_PLAN_UPDATED',
  'MEDICATION_REVIEW',
  'CONTACT_INCREASED',
  'NO_ACTION_NEEDED',
] as const;
export type AlertOutcome = (typeof ALERT_OUTCOMES)[number];

export const ALERT_OUTCOME_LABELS: Readonly<Record<AlertOutcome, string>> = {
  REVIEW_BROUGHT_FORWARD: 'Review brought forward',
  JOINT_VISIT: 'Joint visit arranged',
  CRISIS_PLAN_UPDATED: 'Crisis plan updated',
  MEDICATION_REVIEW: 'Medication review arranged',
  CONTACT_INCREASED: 'Contact increased',
  NO_ACTION_NEEDED: 'No action needed, with reasons',
};

export const alertAcknowledgeSchema = z.strictObject({
  outcome: z.enum(ALERT_OUTCOMES),
  note: text(2000).optional(),
});
export type AlertAcknowledgeInput = z.infer<typeof alertAcknowledgeSchema>;

/** Signals withheld from a view: how many (when even the count may be told) and why. */
export const withheldMarkerSchema = z.object({
  category: z.enum(DATA_CATEGORIES),
  /** Null when the caller's tier excludes the category: even a count would tell something. */
  count: z.number().int().nullable(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type WithheldMarker = z.infer<typeof withheldMarkerSchema>;

export const alertSchema = z.object({
  id: idSchema,
  personId: idSchema,
  kind: z.enum(ALERT_KINDS),
  trigger: z.enum(ALERT_TRIGGERS),
  raisedAt: z.string(),
  dueAt: z.string(),
  windowStart: z.string(),
  windowEnd: z.string(),
  recipientStaffId: idSchema.nullable(),
  recipientName: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedToName: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  outcome: z.enum(ALERT_OUTCOMES).nullable(),
  outcomeNote: z.string().nullable(),
  /** Agencies whose signals contributed (names of organisations whose signals the caller sees). */
  signals: z.array(signalSchema),
  withheld: z.array(withheldMarkerSchema),
  can: z.object({ acknowledge: z.boolean() }),
});
export type AlertDto = z.infer<typeof alertSchema>;

/** Escalation rules: data, per partnership, changed only through partnership governance. */
export const escalationRulesSchema = z.strictObject({
  risingRisk: z.strictObject({
    enabled: z.boolean(),
    windowDays: z.number().int().min(1).max(90),
    minAgencies: z.number().int().min(2).max(10),
    threshold: z.number().int().min(1).max(100),
    weights: z.strictObject(
      Object.fromEntries(SIGNAL_PROMPTS.map((p) => [p, z.number().int().min(0).max(10)])) as Record<
        SignalPrompt,
        z.ZodNumber
      >,
    ),
    dueHours: z.number().int().min(1).max(168),
  }),
  clinicalOversight: z.strictObject({
    enabled: z.boolean(),
    missedMedicationCount: z.number().int().min(1).max(20),
    missedMedicationWindowDays: z.number().int().min(1).max(90),
    escalatingBehaviour: z.boolean(),
    dueHours: z.number().int().min(1).max(168),
  }),
});
export type EscalationRules = z.infer<typeof escalationRulesSchema>;

export const escalationRulesViewSchema = z.object({
  rules: escalationRulesSchema,
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type EscalationRulesView = z.infer<typeof escalationRulesViewSchema>;

/** One item of the case coordination timeline. */
export const coordinationItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('signal'), at: z.string(), signal: signalSchema }),
  z.object({ kind: z.literal('contact'), at: z.string(), contact: contactSchema }),
  z.object({
    kind: z.literal('alert'),
    at: z.string(),
    alert: z.object({
      id: idSchema,
      kind: z.enum(ALERT_KINDS),
      trigger: z.enum(ALERT_TRIGGERS),
      recipientName: z.string().nullable(),
      acknowledgedAt: z.string().nullable(),
      outcome: z.enum(ALERT_OUTCOMES).nullable(),
      escalatedAt: z.string().nullable(),
    }),
  }),
  z.object({
    kind: z.literal('handover'),
    at: z.string(),
    handover: z.object({
      id: idSchema,
      template: z.string(),
      senderOrganisationName: z.string(),
      recipientOrganisationName: z.string(),
      status: z.string(),
    }),
  }),
]);
export type CoordinationItem = z.infer<typeof coordinationItemSchema>;

export const coordinationTimelineSchema = z.object({
  items: z.array(coordinationItemSchema),
  /** Signals and contacts withheld from the caller, by category. */
  withheld: z.array(withheldMarkerSchema.extend({ kind: z.enum(['signal', 'contact']) })),
  /** Alerts the caller may not see, counted only for those whose tier holds risk. */
  alertsWithheld: z.number().int(),
});
export type CoordinationTimeline = z.infer<typeof coordinationTimelineSchema>;
