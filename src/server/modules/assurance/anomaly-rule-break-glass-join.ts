import type { AnomalyRule, AnomalyThresholds } from '../../../contracts/assurance.ts';
import { type AuditFact, type DetectionContext, type Finding, getOrCreate, inWindow } from './anomaly.ts';

type RuleFunction<R extends AnomalyRule> = (
  facts: readonly AuditFact[],
  context: DetectionContext,
  thresholds: AnomalyThresholds[R],
) => Finding[];

/**
 * BREAK_GLASS_CARE_TEAM_JOIN: a break-glass grant followed within `withinHours` by a care-team join
 * made while it was live for its grantee, or an attempt by the grantee to join (refused or not). Such
 * joins are how emergency access would be made to outlast its review; one is enough for a case,
 * keyed by the grant so re-runs find it again.
 */
export const breakGlassCareTeamJoin: RuleFunction<'BREAK_GLASS_CARE_TEAM_JOIN'> = (facts, context, t) => {
  const grants = new Map<string, AuditFact>();
  for (const f of facts)
    if (f.action === 'break_glass.grant' && f.breakGlassGrantId) grants.set(f.breakGlassGrantId, f);
  const joins = new Map<string, AuditFact[]>();
  for (const f of facts) {
    if (f.action !== 'care_team.add' || !f.breakGlassGrantId) continue;
    const grant = grants.get(f.breakGlassGrantId);
    if (!grant || f.personId !== grant.personId) continue;
    const afterMs = Date.parse(f.at) - Date.parse(grant.at);
    if (afterMs < 0 || afterMs > t.withinHours * 3_600_000) continue;
    getOrCreate(joins, grant.id, () => []).push(f);
  }
  const findings: Finding[] = [];
  for (const [grantEntry, joined] of joins) {
    const grant = [...grants.values()].find((g) => g.id === grantEntry);
    if (!grant || ![grant, ...joined].some((e) => inWindow(e, context.window))) continue;
    const times = [grant, ...joined].map((e) => e.at).sort();
    findings.push({
      rule: 'BREAK_GLASS_CARE_TEAM_JOIN',
      actorStaffId: grant.actorStaffId,
      organisationId: grant.actorOrganisationId,
      dedupeKey: `BREAK_GLASS_CARE_TEAM_JOIN:${grant.actorStaffId}:${grant.breakGlassGrantId ?? grant.id}`,
      windowStart: times[0] ?? '',
      windowEnd: times[times.length - 1] ?? '',
      summary: {
        joins: joined.length,
        selfAttempts: joined.filter((j) => j.actorStaffId === grant.actorStaffId).length,
        withinHours: t.withinHours,
      },
      evidence: [grant.id, ...joined.map((j) => j.id)],
    });
  }
  return findings;
};
