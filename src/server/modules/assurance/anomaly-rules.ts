/**
 * The anomaly rules: small pure functions over audit entries and context facts, each returning
 * findings with the entries that show them. Entries before the window are history (baselines,
 * look-backs, and the earlier part of a day or night the window starts in): a finding is made only
 * for a period (day, night, burst) with at least one entry inside the window, but counts the whole
 * period as far as it is known, so a run over a later window completes the same finding.
 */
import type { AnomalyRule, AnomalyThresholds } from '../../../contracts/assurance.ts';
import {
  type AuditFact,
  BREAK_GLASS_ACTION_PREFIX,
  type DetectionContext,
  type EvidenceGroup,
  type Finding,
  getOrCreate,
  groupFor,
  inWindow,
  isPersonRead,
  type MembershipFact,
} from './anomaly.ts';
import { breakGlassCareTeamJoin } from './anomaly-rule-break-glass-join.ts';
import { indexStaff, matchColleague } from './colleague-match.ts';
import { addDays, londonTimeOf } from './london-time.ts';

const DAY_MS = 86_400_000;

/** One rule: facts in, findings out. */
export type AnomalyRuleFunction<R extends AnomalyRule> = (
  facts: readonly AuditFact[],
  context: DetectionContext,
  thresholds: AnomalyThresholds[R],
) => Finding[];

function membershipsByPerson(memberships: readonly MembershipFact[]): Map<string, MembershipFact[]> {
  const byPerson = new Map<string, MembershipFact[]>();
  for (const m of memberships) {
    const list = byPerson.get(m.personId);
    if (list) list.push(m);
    else byPerson.set(m.personId, [m]);
  }
  return byPerson;
}

const covers = (m: MembershipFact, date: string): boolean =>
  m.startDate <= date && (m.endDate === null || date <= m.endDate);

/**
 * Whether the actor was on the person's care team that UK day, as the decision function judges it:
 * named, or through one of their teams, and only within the organisation they acted for.
 */
function involvedOn(
  f: AuditFact,
  date: string,
  byPerson: ReadonlyMap<string, readonly MembershipFact[]>,
  teams: readonly string[],
): boolean {
  for (const m of byPerson.get(f.personId ?? '') ?? []) {
    if (m.organisationId !== f.actorOrganisationId || !covers(m, date)) continue;
    if (m.staffId === f.actorStaffId || (m.teamId !== null && teams.includes(m.teamId))) return true;
  }
  return false;
}

/** Actor, person and day with break-glass use: that day's reads of the person are break-glass's to judge. */
function breakGlassDays(facts: readonly AuditFact[]): Set<string> {
  const days = new Set<string>();
  for (const f of facts)
    if (f.breakGlassGrantId && f.personId)
      days.add(`${f.actorStaffId}|${f.personId}|${londonTimeOf(f.at).date}`);
  return days;
}

const findingsOf = (
  groups: Map<string, EvidenceGroup>,
  make: (key: string, group: EvidenceGroup) => Finding | null,
): Finding[] => [...groups].flatMap(([key, group]) => (group.touchesWindow ? (make(key, group) ?? []) : []));

/**
 * NOT_ON_CASELOAD: reads of people the actor had no care-team involvement with on the day. Reads
 * under break-glass (and lookups of a person the actor then opened by break-glass) are left to
 * REPEATED_BREAK_GLASS and the exception review.
 */
export const notOnCaseload: AnomalyRuleFunction<'NOT_ON_CASELOAD'> = (facts, context, t) => {
  const byPerson = membershipsByPerson(context.memberships);
  const glass = breakGlassDays(facts);
  const groups = new Map<string, EvidenceGroup>();
  for (const f of facts) {
    if (!isPersonRead(f) || f.breakGlassGrantId) continue;
    const { date } = londonTimeOf(f.at);
    if (glass.has(`${f.actorStaffId}|${f.personId}|${date}`)) continue;
    if (involvedOn(f, date, byPerson, context.teamsOf.get(f.actorStaffId) ?? [])) continue;
    groupFor(groups, `NOT_ON_CASELOAD:${f.actorStaffId}:${date}`, f).add(f, context.window);
  }
  return findingsOf(groups, (key, g) =>
    g.people.size >= t.minimumPeople
      ? g.finding('NOT_ON_CASELOAD', key, {
          day: key.slice(key.lastIndexOf(':') + 1),
          people: g.people.size,
          reads: g.reads.size,
          minimumPeople: t.minimumPeople,
        })
      : null,
  );
};

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * VOLUME_SPIKE: a UK day's reads by one actor above max(minimum, multiplier x the median of the
 * actor's own days with any reads in the previous `baselineDays` days). Days off are left out of
 * the median so part-time and shift patterns do not drag "usual" down to nothing.
 */
export const volumeSpike: AnomalyRuleFunction<'VOLUME_SPIKE'> = (facts, context, t) => {
  const groups = new Map<string, EvidenceGroup>();
  for (const f of facts) {
    if (!isPersonRead(f)) continue;
    const { date } = londonTimeOf(f.at);
    groupFor(groups, `VOLUME_SPIKE:${f.actorStaffId}:${date}`, f).add(f, context.window);
  }
  return findingsOf(groups, (key, g) => {
    const date = key.slice(key.lastIndexOf(':') + 1);
    const history: number[] = [];
    for (let back = 1; back <= t.baselineDays; back += 1) {
      const reads = groups.get(`VOLUME_SPIKE:${g.actorStaffId}:${addDays(date, -back)}`)?.reads.size ?? 0;
      if (reads > 0) history.push(reads);
    }
    const usual = median(history);
    const threshold = Math.max(t.minimum, t.multiplier * usual);
    if (g.reads.size <= threshold) return null;
    return g.finding('VOLUME_SPIKE', key, {
      day: date,
      reads: g.reads.size,
      people: g.people.size,
      baselineMedian: usual,
      baselineActiveDays: history.length,
      threshold,
    });
  });
};

/** True when the hour lies in the out-of-hours span (which may wrap past midnight). */
function outsideHours(hour: number, startHour: number, endHour: number): boolean {
  return startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;
}

/**
 * OUT_OF_HOURS: reads between startHour and endHour UK time, or at weekends, by actors who held none
 * of the exempt (duty) roles at the time. A night is one finding: small hours count to the evening
 * before. Bank holidays are not known to Accord and count as working days.
 */
export const outOfHours: AnomalyRuleFunction<'OUT_OF_HOURS'> = (facts, context, t) => {
  const groups = new Map<string, EvidenceGroup>();
  const weekendNights = new Set<string>();
  for (const f of facts) {
    if (!isPersonRead(f)) continue;
    if (f.actorRoles.some((r) => (t.exemptRoles as readonly string[]).includes(r))) continue;
    const local = londonTimeOf(f.at);
    const night = outsideHours(local.hour, t.startHour, t.endHour);
    const weekend = t.weekends && (local.weekday === 0 || local.weekday === 6);
    if (!night && !weekend) continue;
    const shift =
      night && t.startHour > t.endHour && local.hour < t.endHour ? addDays(local.date, -1) : local.date;
    const key = `OUT_OF_HOURS:${f.actorStaffId}:${shift}`;
    groupFor(groups, key, f).add(f, context.window);
    if (weekend) weekendNights.add(key);
  }
  return findingsOf(groups, (key, g) =>
    g.reads.size >= t.minimumReads
      ? g.finding('OUT_OF_HOURS', key, {
          day: key.slice(key.lastIndexOf(':') + 1),
          reads: g.reads.size,
          people: g.people.size,
          weekend: weekendNights.has(key),
          startHour: t.startHour,
          endHour: t.endHour,
        })
      : null,
  );
};

/** The break-glass grant an entry records or uses, if any. */
function grantOf(f: AuditFact): string | null {
  if (f.breakGlassGrantId) return f.breakGlassGrantId;
  return f.action.startsWith(BREAK_GLASS_ACTION_PREFIX) ? (f.targetId ?? f.id) : null;
}

interface Grant {
  readonly id: string;
  firstMs: number;
  readonly entries: AuditFact[];
}

/**
 * REPEATED_BREAK_GLASS: at least `count` distinct grants by one actor within `days` days, judged at
 * each grant first seen in the window. Overlapping bursts merge into one finding, keyed by its
 * earliest grant.
 */
export const repeatedBreakGlass: AnomalyRuleFunction<'REPEATED_BREAK_GLASS'> = (facts, context, t) => {
  const byActor = new Map<string, Map<string, Grant>>();
  const orgOf = new Map<string, string>();
  for (const f of facts) {
    const grantId = grantOf(f);
    if (!grantId) continue;
    const grants = getOrCreate(byActor, f.actorStaffId, () => new Map<string, Grant>());
    const grant = getOrCreate(grants, grantId, () => ({
      id: grantId,
      firstMs: Date.parse(f.at),
      entries: [],
    }));
    grant.firstMs = Math.min(grant.firstMs, Date.parse(f.at));
    grant.entries.push(f);
    if (inWindow(f, context.window)) orgOf.set(f.actorStaffId, f.actorOrganisationId);
  }
  const fromMs = Date.parse(context.window.from);
  const toMs = Date.parse(context.window.to);
  const findings: Finding[] = [];
  for (const [actor, grantMap] of byActor) {
    const grants = [...grantMap.values()].sort((a, b) => a.firstMs - b.firstMs || a.id.localeCompare(b.id));
    const bursts: Set<Grant>[] = [];
    for (const g of grants) {
      if (g.firstMs < fromMs || g.firstMs >= toMs) continue;
      const burst = grants.filter((o) => o.firstMs > g.firstMs - t.days * DAY_MS && o.firstMs <= g.firstMs);
      if (burst.length < t.count) continue;
      const last = bursts[bursts.length - 1];
      if (last && burst.some((o) => last.has(o))) for (const o of burst) last.add(o);
      else bursts.push(new Set(burst));
    }
    for (const burst of bursts) {
      const members = [...burst].sort((a, b) => a.firstMs - b.firstMs || a.id.localeCompare(b.id));
      const first = members[0];
      if (!first) continue;
      const entries = members.flatMap((m) => m.entries);
      const times = entries.map((e) => e.at).sort();
      findings.push({
        rule: 'REPEATED_BREAK_GLASS',
        actorStaffId: actor,
        organisationId: orgOf.get(actor) ?? entries[0]?.actorOrganisationId ?? '',
        dedupeKey: `REPEATED_BREAK_GLASS:${actor}:${first.id}`,
        windowStart: times[0] ?? '',
        windowEnd: times[times.length - 1] ?? '',
        summary: {
          grants: members.length,
          people: new Set(entries.flatMap((e) => (e.personId ? [e.personId] : []))).size,
          count: t.count,
          days: t.days,
        },
        evidence: [...new Set(entries.map((e) => e.id))],
      });
    }
  }
  return findings;
};

/**
 * COLLEAGUE_RECORD: reads of a person who matches a staff account (see colleague-match.ts),
 * including the actor's own record. Actors named on the person's care team that day are exempt when
 * configured: staff are patients too, and their own care coordinator must be able to work.
 */
export const colleagueRecord: AnomalyRuleFunction<'COLLEAGUE_RECORD'> = (facts, context, t) => {
  const index = indexStaff(context.staff);
  const byPerson = membershipsByPerson(context.memberships);
  const groups = new Map<string, EvidenceGroup>();
  const matched = new Map<string, { staff: Set<string>; byEmail: number; byName: number; own: boolean }>();
  for (const f of facts) {
    if (!isPersonRead(f)) continue;
    const person = context.people.get(f.personId ?? '');
    const match = person ? matchColleague(person, index, t) : null;
    if (!match) continue;
    const own = match.staffIds.has(f.actorStaffId);
    const { date } = londonTimeOf(f.at);
    const named = (byPerson.get(f.personId ?? '') ?? []).some(
      (m) => m.staffId === f.actorStaffId && m.organisationId === f.actorOrganisationId && covers(m, date),
    );
    if (t.exemptNamedCareTeam && named && !own) continue;
    const key = `COLLEAGUE_RECORD:${f.actorStaffId}:${date}`;
    groupFor(groups, key, f).add(f, context.window);
    const m = matched.get(key) ?? { staff: new Set<string>(), byEmail: 0, byName: 0, own: false };
    for (const id of match.staffIds) m.staff.add(id);
    m.byEmail += match.byEmail ? 1 : 0;
    m.byName += match.byName ? 1 : 0;
    m.own ||= own;
    matched.set(key, m);
  }
  return findingsOf(groups, (key, g) => {
    const m = matched.get(key);
    return g.finding('COLLEAGUE_RECORD', key, {
      day: key.slice(key.lastIndexOf(':') + 1),
      reads: g.reads.size,
      people: g.people.size,
      colleagues: m?.staff.size ?? 0,
      entriesMatchedByEmail: m?.byEmail ?? 0,
      entriesMatchedByName: m?.byName ?? 0,
      ownRecord: m?.own ?? false,
    });
  });
};

/** Every rule by code. */
export const ANOMALY_RULE_FUNCTIONS: { readonly [R in AnomalyRule]: AnomalyRuleFunction<R> } = {
  NOT_ON_CASELOAD: notOnCaseload,
  VOLUME_SPIKE: volumeSpike,
  OUT_OF_HOURS: outOfHours,
  REPEATED_BREAK_GLASS: repeatedBreakGlass,
  COLLEAGUE_RECORD: colleagueRecord,
  BREAK_GLASS_CARE_TEAM_JOIN: breakGlassCareTeamJoin,
};
