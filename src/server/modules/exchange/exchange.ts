/**
 * Domain rules of handovers: required fields, follow-up timescales, escalation tiers. Pure: no I/O.
 */

import type { FollowUpKind, FollowUpRule, TemplateField } from '../../../contracts/exchange.ts';
import { ukDateOf, ukOffsetMs } from '../access/calendar.ts';
import { isWorkingDay } from './bank-holidays.ts';

const HOUR_MS = 3_600_000;

/** Hours within which a follow-up contact is due, per rule (domain-reference §3.5). */
export const FOLLOW_UP_HOURS: Readonly<Record<FollowUpRule, number>> = {
  FU_48_HOURS_SUICIDE_RISK: 48,
  FU_72_HOURS: 72,
  FU_7_DAYS: 7 * 24,
};

/** A template version as services use it. */
export interface Template {
  readonly key: string;
  readonly version: number;
  readonly name: string;
  readonly slaMinutes: number;
  readonly fields: readonly TemplateField[];
  readonly createdAt: string;
  readonly createdBy: string | null;
}

/** Keys of required fields left empty (blank text counts as empty), in template order. */
export function missingRequired(template: Template, values: Readonly<Record<string, string>>): string[] {
  return template.fields.filter((f) => f.required && (values[f.key] ?? '').trim() === '').map((f) => f.key);
}

/** Keys given that the template does not have. */
export function unknownFields(template: Template, values: Readonly<Record<string, string>>): string[] {
  const known = new Set(template.fields.map((f) => f.key));
  return Object.keys(values).filter((k) => !known.has(k));
}

/**
 * The rule that applies to a discharge or step-down. Suicide risk shortens every timescale to 48
 * hours (NICE NG53 1.6.8); otherwise the NHS Standard Contract's 72 hours, unless a longer rule
 * (7 days, NG53 1.6.7) is named for a discharge the contract does not cover.
 */
export function followUpRuleFor(
  kind: FollowUpKind,
  suicideRisk: boolean,
  requested: FollowUpRule | undefined,
): FollowUpRule {
  if (suicideRisk) return 'FU_48_HOURS_SUICIDE_RISK';
  if (requested === 'FU_7_DAYS' && kind === 'INPATIENT_DISCHARGE') return 'FU_7_DAYS';
  return 'FU_72_HOURS';
}

/** When a follow-up falls due. */
export function followUpDueAt(occurredAt: string, rule: FollowUpRule): string {
  return new Date(Date.parse(occurredAt) + FOLLOW_UP_HOURS[rule] * HOUR_MS).toISOString();
}

/** Who an escalation tier goes to. */
export type EscalationTarget =
  | 'RECIPIENT_SERVICE_MANAGER'
  | 'SENDER_SERVICE_MANAGER'
  | 'RECIPIENT_CALDICOTT_GUARDIAN';

/** One tier of escalation for an unacknowledged handover. */
export interface EscalationTier {
  readonly tier: number;
  /** Multiples of the template's SLA after sending at which this tier fires. */
  readonly afterSlas: number;
  readonly target: EscalationTarget;
}

/**
 * Past the SLA the recipient's service manager; past twice the SLA the sender's service manager as
 * well; past four times, the recipient organisation's Caldicott guardian. The sender is told each time.
 */
export const ESCALATION_TIERS: readonly EscalationTier[] = [
  { tier: 1, afterSlas: 1, target: 'RECIPIENT_SERVICE_MANAGER' },
  { tier: 2, afterSlas: 2, target: 'SENDER_SERVICE_MANAGER' },
  { tier: 3, afterSlas: 4, target: 'RECIPIENT_CALDICOTT_GUARDIAN' },
];

/** The highest tier due for a handover sent at `sentAt` with this SLA, or 0 while within it. */
export function tierDueAt(sentAt: string, slaMinutes: number, now: Date): number {
  const elapsed = now.getTime() - Date.parse(sentAt);
  let due = 0;
  for (const t of ESCALATION_TIERS) if (elapsed >= t.afterSlas * slaMinutes * 60_000) due = t.tier;
  return due;
}

/**
 * 09:00 UK time on the next working day after an instant (Monday to Friday, skipping England and
 * Wales bank holidays: see bank-holidays.ts for the years covered): when an interim decision taken
 * out of hours reaches the care coordinator.
 */
export function nextWorkingDayStart(at: Date): string {
  const day = new Date(`${ukDateOf(at.getTime())}T00:00:00.000Z`);
  do day.setUTCDate(day.getUTCDate() + 1);
  while (!isWorkingDay(day.toISOString().slice(0, 10)));
  const nineUtc = day.getTime() + 9 * HOUR_MS;
  return new Date(nineUtc - ukOffsetMs(nineUtc)).toISOString();
}
