import type { Kysely, Transaction } from 'kysely';
import type { Tables } from './tables.ts';

/**
 * Tables that hold person-level data. They are reached only through their module's repository,
 * with a value an access decision produced (`access/door.ts`) or a named `systemDb(reason)`;
 * `test/one-door.test.ts` fails on any query of them anywhere else. A module adding a
 * person-level table lists it here.
 */
export const GOVERNED_TABLES = [
  'people',
  'care_team_memberships',
  'record_entries',
  'record_entry_versions',
  'consents',
  'consent_review_tasks',
  'lawful_exceptions',
  'exception_reviews',
  'break_glass_grants',
  'care_contacts',
  'risk_signals',
  'signal_alerts',
  'signal_alert_links',
  'safeguarding_concerns',
  'safeguarding_actions',
  'safeguarding_huddle_reviews',
  'case_conferences',
  'care_plan_reviews',
  'outcome_scores',
  'handovers',
  'handover_fields',
  'handover_actions',
  'handover_escalations',
  'follow_ups',
  'pathway_episodes',
  'pathway_episode_moves',
  'crisis_interim_decisions',
  'ig_incident_people',
  'handover_sample_items',
  'supervision_notes',
  'ig_incident_flow_links',
  'dq_audit_items',
  'dq_findings',
] as const satisfies readonly (keyof Tables)[];

/** A table holding person-level data. */
export type GovernedTable = (typeof GOVERNED_TABLES)[number];

/** Every table except the governed ones: what a request's own handle can name. */
export type OpenTables = Omit<Tables, GovernedTable>;

/** A transaction a change and its audit entry share: opened on the open handle or by the door. */
export type ChangeTx = Transaction<OpenTables> | Transaction<Tables>;

/** The open view of a full handle or transaction: the same connection, naming only open tables. */
export function openView(db: Kysely<Tables> | Transaction<Tables>): Kysely<OpenTables> {
  return db as unknown as Kysely<OpenTables>;
}

/** The open view of a full transaction. */
export function openTxView(tx: Transaction<Tables>): Transaction<OpenTables> {
  return tx as unknown as Transaction<OpenTables>;
}
