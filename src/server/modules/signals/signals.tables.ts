/** Row shapes of the signals module's contacts, signals, alerts and escalation rules. */

export interface CareContactRow {
  id: string;
  person_id: string;
  organisation_id: string;
  category: string;
  type: string;
  outcome: string;
  occurred_at: string;
  entered_at: string;
  recorded_by: string;
  note: string | null;
}

export interface RiskSignalRow {
  id: string;
  person_id: string;
  organisation_id: string;
  category: string;
  prompt: string;
  observation: string;
  observed_at: string;
  entered_at: string;
  recorded_by: string;
  /** The contact a derived signal came from; unique, so a missed contact becomes one signal. */
  contact_id: string | null;
}

export interface SignalAlertRow {
  id: string;
  person_id: string;
  kind: string;
  trigger: string;
  /** The rule and the exact signals that raised it: unique, so the same signals never raise it twice. */
  dedupe_key: string;
  window_start: string;
  window_end: string;
  raised_at: string;
  due_at: string;
  recipient_staff_id: string | null;
  organisation_id: string;
  escalated_at: string | null;
  escalated_to: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  outcome: string | null;
  outcome_note: string | null;
}

export interface SignalAlertLinkRow {
  alert_id: string;
  signal_id: string;
  /** The alert's kind: a signal contributes to at most one alert of each kind. */
  kind: string;
}

export interface SignalEscalationRulesRow {
  id: number;
  rules: string;
  updated_by: string | null;
  updated_at: string | null;
}

/** Signals tables by name. */
export interface SignalsTables {
  care_contacts: CareContactRow;
  risk_signals: RiskSignalRow;
  signal_alerts: SignalAlertRow;
  signal_alert_links: SignalAlertLinkRow;
  signal_escalation_rules: SignalEscalationRulesRow;
}
