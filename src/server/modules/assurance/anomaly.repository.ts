import {
  ANOMALY_RULES,
  ANOMALY_THRESHOLD_SCHEMAS,
  type AnomalyRule,
  type AnomalyThresholds,
  DEFAULT_ANOMALY_THRESHOLDS,
} from '../../../contracts/assurance.ts';
import type { Db } from '../../db/database.ts';
import type { GovernedAccess } from '../access/index.ts';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import {
  type AuditFact,
  BREAK_GLASS_ACTION_PREFIX,
  type DetectionContext,
  type DetectionWindow,
  type MembershipFact,
  PERSON_READ_ACTIONS,
  type PersonIdentity,
} from './anomaly.ts';
import { addDays } from './london-time.ts';

/** One rule's settings as the detector uses them. */
export interface RuleSettings<R extends AnomalyRule> {
  readonly enabled: boolean;
  readonly thresholds: AnomalyThresholds[R];
  readonly updatedBy: string | null;
  readonly updatedAt: string;
}

/** Every rule's settings. */
export type AnomalySettings = { readonly [R in AnomalyRule]: RuleSettings<R> };

// Kept well under both engines' bound-parameter limits.
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += CHUNK) out.push(items.slice(at, at + CHUNK));
  return out;
}

function parseThresholds<R extends AnomalyRule>(rule: R, text: string): AnomalyThresholds[R] {
  // Stored values were validated on the way in; a value that no longer parses is a defect, so fail.
  return ANOMALY_THRESHOLD_SCHEMAS[rule].parse(JSON.parse(text)) as AnomalyThresholds[R];
}

/** The stored settings; a rule with no row runs with the defaults. */
export async function loadSettings(db: Db): Promise<AnomalySettings> {
  const rows = await db.selectFrom('anomaly_settings').selectAll().execute();
  const one = <R extends AnomalyRule>(rule: R): RuleSettings<R> => {
    const row = rows.find((r) => r.rule === rule);
    if (!row)
      return { enabled: true, thresholds: DEFAULT_ANOMALY_THRESHOLDS[rule], updatedBy: null, updatedAt: '' };
    return {
      enabled: Number(row.enabled) === 1,
      thresholds: parseThresholds(rule, row.thresholds),
      updatedBy: row.updated_by,
      updatedAt: row.updated_at,
    };
  };
  return {
    NOT_ON_CASELOAD: one('NOT_ON_CASELOAD'),
    VOLUME_SPIKE: one('VOLUME_SPIKE'),
    OUT_OF_HOURS: one('OUT_OF_HOURS'),
    REPEATED_BREAK_GLASS: one('REPEATED_BREAK_GLASS'),
    COLLEAGUE_RECORD: one('COLLEAGUE_RECORD'),
    BREAK_GLASS_CARE_TEAM_JOIN: one('BREAK_GLASS_CARE_TEAM_JOIN'),
  };
}

/** Writes one rule's settings (insert or replace). */
export async function saveSetting(
  db: Db,
  rule: AnomalyRule,
  enabled: boolean,
  thresholds: unknown,
  by: string | null,
  at: string,
): Promise<void> {
  const values = {
    enabled: enabled ? 1 : 0,
    thresholds: JSON.stringify(thresholds),
    updated_by: by,
    updated_at: at,
  };
  await db
    .insertInto('anomaly_settings')
    .values({ rule, ...values })
    .onConflict((oc) => oc.column('rule').doUpdateSet(values))
    .execute();
}

/** Rules in their fixed order. */
export const RULE_ORDER: readonly AnomalyRule[] = ANOMALY_RULES;

type FactRow = Pick<
  AuditEntryRow,
  | 'id'
  | 'recorded_at'
  | 'action'
  | 'actor_staff_id'
  | 'actor_org_id'
  | 'actor_roles'
  | 'person_id'
  | 'request_id'
  | 'break_glass_grant_id'
  | 'target_type'
  | 'target_id'
>;

function factOf(r: FactRow): AuditFact | null {
  if (!r.actor_staff_id || !r.actor_org_id) return null;
  return {
    id: r.id,
    at: r.recorded_at,
    action: r.action,
    actorStaffId: r.actor_staff_id,
    actorOrganisationId: r.actor_org_id,
    actorRoles: r.actor_roles === '' ? [] : r.actor_roles.split(','),
    personId: r.person_id,
    requestId: r.request_id,
    breakGlassGrantId: r.break_glass_grant_id,
    targetType: r.target_type,
    targetId: r.target_id,
  };
}

function factQuery(db: Db, from: string, to: string) {
  return db
    .selectFrom('audit_entries')
    .select([
      'id',
      'recorded_at',
      'action',
      'actor_staff_id',
      'actor_org_id',
      'actor_roles',
      'person_id',
      'request_id',
      'break_glass_grant_id',
      'target_type',
      'target_id',
    ])
    .where('recorded_at', '>=', from)
    .where('recorded_at', '<', to)
    .where('actor_staff_id', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('action', 'in', [...PERSON_READ_ACTIONS]), eb('person_id', 'is not', null)]),
        eb('break_glass_grant_id', 'is not', null),
        eb('action', 'like', `${BREAK_GLASS_ACTION_PREFIX}%`),
      ]),
    );
}

/**
 * Entries the rules read: everything relevant in the window, plus, for the actors seen in it, the
 * `lookbackDays` before it (baselines and break-glass bursts).
 */
export async function loadAuditFacts(
  db: Db,
  window: DetectionWindow,
  lookbackDays: number,
  organisationId: string | null,
): Promise<AuditFact[]> {
  let inside = factQuery(db, window.from, window.to);
  if (organisationId) inside = inside.where('actor_org_id', '=', organisationId);
  const rows = await inside.orderBy('recorded_at').orderBy('id').execute();
  const actors = [...new Set(rows.flatMap((r) => (r.actor_staff_id ? [r.actor_staff_id] : [])))];
  const since = `${addDays(window.from.slice(0, 10), -lookbackDays)}T00:00:00.000Z`;
  for (const group of lookbackDays > 0 ? chunks(actors) : []) {
    rows.push(
      ...(await factQuery(db, since, window.from)
        .where('actor_staff_id', 'in', group)
        .orderBy('recorded_at')
        .orderBy('id')
        .execute()),
    );
  }
  return rows.flatMap((r) => factOf(r) ?? []);
}

/**
 * The facts rules need about the people and actors of the loaded entries. Reads people's identity fields
 * without a decision because this is the monitoring job, not a user's view: the fields are used to
 * match people to staff accounts in memory and nothing but ids and counts is kept.
 */
export async function loadDetectionContext(
  db: Db,
  access: GovernedAccess,
  window: DetectionWindow,
  facts: readonly AuditFact[],
): Promise<DetectionContext> {
  // History entries can join a finding (the start of a day the window cuts into), so their
  // people and actors are needed too.
  const personIds = [...new Set(facts.flatMap((f) => (f.personId ? [f.personId] : [])))];
  const actorIds = [...new Set(facts.map((f) => f.actorStaffId))];
  const memberships: MembershipFact[] = [];
  const people = new Map<string, PersonIdentity>();
  for (const group of chunks(personIds)) {
    const rows = await access.db
      .selectFrom('care_team_memberships')
      .select(['person_id', 'staff_id', 'team_id', 'organisation_id', 'start_date', 'end_date'])
      .where('person_id', 'in', group)
      .execute();
    for (const r of rows)
      memberships.push({
        personId: r.person_id,
        staffId: r.staff_id,
        teamId: r.team_id,
        organisationId: r.organisation_id,
        startDate: r.start_date,
        endDate: r.end_date,
      });
    const found = await access.db
      .selectFrom('people')
      .select(['id', 'email', 'given_name', 'family_name'])
      .where('id', 'in', group)
      .execute();
    for (const p of found)
      people.set(p.id, { email: p.email, givenName: p.given_name, familyName: p.family_name });
  }
  const teamsOf = new Map<string, string[]>();
  for (const group of chunks(actorIds)) {
    const rows = await db
      .selectFrom('staff_teams')
      .select(['staff_id', 'team_id'])
      .where('staff_id', 'in', group)
      .execute();
    for (const r of rows) teamsOf.set(r.staff_id, [...(teamsOf.get(r.staff_id) ?? []), r.team_id]);
  }
  const staff = await db.selectFrom('staff').select(['id', 'email', 'display_name']).execute();
  return {
    window,
    memberships,
    teamsOf,
    people,
    staff: staff.map((s) => ({ id: s.id, email: s.email, displayName: s.display_name })),
  };
}
