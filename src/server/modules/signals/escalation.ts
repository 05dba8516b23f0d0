/**
 * Escalation rules as pure functions: given the rules and one person's signals, which alerts are
 * due. A signal contributes to at most one alert of each kind (it is "linked" once), so the same
 * signals never raise a second alert; the dedupe key names the rule and the exact signals, and is
 * unique in storage as well.
 */
import { createHash } from 'node:crypto';
import {
  type AlertKind,
  type AlertTrigger,
  type EscalationRules,
  SIGNAL_PROMPTS,
  type SignalPrompt,
} from '../../../contracts/signals.ts';

const DAY_MS = 86_400_000;

/** What the rules read of a signal. */
export interface SignalFact {
  readonly id: string;
  readonly prompt: SignalPrompt;
  readonly organisationId: string;
  readonly observedAt: string;
  /** Alert kinds this signal already contributed to. */
  readonly linkedKinds: readonly AlertKind[];
}

/** An alert the rules call for. */
export interface AlertProposal {
  readonly kind: AlertKind;
  readonly trigger: AlertTrigger;
  readonly signalIds: readonly string[];
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly dedupeKey: string;
  readonly dueHours: number;
}

const DEFAULT_WEIGHTS: Readonly<Record<SignalPrompt, number>> = {
  DISENGAGEMENT: 2,
  MISSED_APPOINTMENT: 1,
  EARLY_RELAPSE_SIGN: 2,
  RISK_PRESENTATION_CHANGE: 3,
  SELF_HARM: 3,
  SUBSTANCE_USE: 2,
  POLICE_CONTACT: 2,
  HOUSING_CRISIS: 2,
  SAFEGUARDING_CONCERN: 3,
  MISSED_MEDICATION_SUPPORT: 1,
  ESCALATING_BEHAVIOUR: 3,
};

/** The rules a partnership starts with. */
export const DEFAULT_ESCALATION_RULES: EscalationRules = {
  risingRisk: {
    enabled: true,
    windowDays: 14,
    minAgencies: 2,
    threshold: 4,
    weights: { ...DEFAULT_WEIGHTS },
    dueHours: 24,
  },
  clinicalOversight: {
    enabled: true,
    missedMedicationCount: 3,
    missedMedicationWindowDays: 7,
    escalatingBehaviour: true,
    dueHours: 4,
  },
};

/** The longest look-back any rule needs: what a caller loads per person. */
export function lookBackDays(rules: EscalationRules): number {
  return Math.max(rules.risingRisk.windowDays, rules.clinicalOversight.missedMedicationWindowDays);
}

/** The key that makes an alert unique: its kind, trigger and the exact signals. */
export function dedupeKeyOf(kind: AlertKind, trigger: AlertTrigger, signalIds: readonly string[]): string {
  const ids = [...signalIds].sort().join(',');
  return createHash('sha256').update(`${kind}|${trigger}|${ids}`).digest('hex');
}

function windowOf(
  signals: readonly SignalFact[],
  kind: AlertKind,
  days: number,
  endAt: string,
): SignalFact[] {
  const end = Date.parse(endAt);
  const start = end - days * DAY_MS;
  return signals.filter((s) => {
    const t = Date.parse(s.observedAt);
    return t > start && t <= end && !s.linkedKinds.includes(kind);
  });
}

function proposal(
  kind: AlertKind,
  trigger: AlertTrigger,
  signals: readonly SignalFact[],
  dueHours: number,
): AlertProposal {
  const times = signals.map((s) => s.observedAt).sort();
  const ids = signals.map((s) => s.id).sort();
  return {
    kind,
    trigger,
    signalIds: ids,
    windowStart: times[0] ?? '',
    windowEnd: times[times.length - 1] ?? '',
    dedupeKey: dedupeKeyOf(kind, trigger, ids),
    dueHours,
  };
}

/**
 * The combination rule: weighted signals, not yet part of a rising-risk alert, from at least
 * `minAgencies` organisations within the window ending at `endAt` reach the threshold.
 */
export function combinationAlert(
  rules: EscalationRules,
  signals: readonly SignalFact[],
  endAt: string,
): AlertProposal | null {
  const r = rules.risingRisk;
  if (!r.enabled) return null;
  const open = windowOf(signals, 'RISING_RISK', r.windowDays, endAt).filter((s) => r.weights[s.prompt] > 0);
  const agencies = new Set(open.map((s) => s.organisationId));
  const weight = open.reduce((sum, s) => sum + r.weights[s.prompt], 0);
  if (agencies.size < r.minAgencies || weight < r.threshold) return null;
  return proposal('RISING_RISK', 'COMBINATION', open, r.dueHours);
}

/**
 * Tier triggers: repeated missed medication support (a count within a window), or any escalating
 * behaviour not yet notified, notify clinical oversight.
 */
export function tierAlerts(
  rules: EscalationRules,
  signals: readonly SignalFact[],
  endAt: string,
): AlertProposal[] {
  const r = rules.clinicalOversight;
  if (!r.enabled) return [];
  const out: AlertProposal[] = [];
  const missed = windowOf(signals, 'CLINICAL_OVERSIGHT', r.missedMedicationWindowDays, endAt).filter(
    (s) => s.prompt === 'MISSED_MEDICATION_SUPPORT',
  );
  if (missed.length >= r.missedMedicationCount)
    out.push(proposal('CLINICAL_OVERSIGHT', 'MISSED_MEDICATION_SUPPORT', missed, r.dueHours));
  if (r.escalatingBehaviour) {
    const behaviour = windowOf(signals, 'CLINICAL_OVERSIGHT', r.missedMedicationWindowDays, endAt).filter(
      (s) => s.prompt === 'ESCALATING_BEHAVIOUR',
    );
    if (behaviour.length > 0)
      out.push(proposal('CLINICAL_OVERSIGHT', 'ESCALATING_BEHAVIOUR', behaviour, r.dueHours));
  }
  return out;
}

/** Every alert the rules call for, evaluated at `endAt` (the newest signal's time, or now for a sweep). */
export function evaluateEscalation(
  rules: EscalationRules,
  signals: readonly SignalFact[],
  endAt: string,
): AlertProposal[] {
  const combination = combinationAlert(rules, signals, endAt);
  return [...(combination ? [combination] : []), ...tierAlerts(rules, signals, endAt)];
}

/** Parses stored rules, falling back to the defaults for anything missing (a rule added later). */
export function parseRules(stored: string | undefined): EscalationRules {
  if (!stored) return DEFAULT_ESCALATION_RULES;
  const raw = JSON.parse(stored) as Partial<EscalationRules>;
  const rising = { ...DEFAULT_ESCALATION_RULES.risingRisk, ...raw.risingRisk };
  const weights = { ...DEFAULT_WEIGHTS };
  for (const p of SIGNAL_PROMPTS) weights[p] = raw.risingRisk?.weights?.[p] ?? DEFAULT_WEIGHTS[p];
  return {
    risingRisk: { ...rising, weights },
    clinicalOversight: { ...DEFAULT_ESCALATION_RULES.clinicalOversight, ...raw.clinicalOversight },
  };
}
