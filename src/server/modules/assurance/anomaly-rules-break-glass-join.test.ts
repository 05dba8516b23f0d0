import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditFact, DetectionContext } from './anomaly.ts';
import { breakGlassCareTeamJoin } from './anomaly-rule-break-glass-join.ts';

const context: DetectionContext = {
  window: { from: '2026-12-01T00:00:00.000Z', to: '2026-12-02T00:00:00.000Z' },
  memberships: [],
  teamsOf: new Map(),
  people: new Map(),
  staff: [],
};
let n = 0;
const fact = (action: string, actor: string, at: string, grant: string | null, person = 'p1'): AuditFact => ({
  id: `e${++n}`,
  at,
  action,
  actorStaffId: actor,
  actorOrganisationId: 'trust',
  actorRoles: ['duty'],
  personId: person,
  requestId: null,
  breakGlassGrantId: grant,
  targetType: null,
  targetId: null,
});

describe('BREAK_GLASS_CARE_TEAM_JOIN', () => {
  it('opens a case for the grantee when a join follows the grant within the hours', () => {
    const grant = fact('break_glass.grant', 'nadia', '2026-12-01T20:00:00.000Z', 'g1');
    const attempt = fact('care_team.add', 'nadia', '2026-12-01T20:05:00.000Z', 'g1');
    const joined = fact('care_team.add', 'coord', '2026-12-01T21:00:00.000Z', 'g1');
    const [finding, ...more] = breakGlassCareTeamJoin([grant, attempt, joined], context, { withinHours: 24 });
    assert.equal(more.length, 0);
    assert.equal(finding?.actorStaffId, 'nadia');
    assert.deepEqual(finding?.evidence, [grant.id, attempt.id, joined.id]);
    assert.deepEqual(finding?.summary, { joins: 2, selfAttempts: 1, withinHours: 24 });
  });
  it('finds nothing for a grant with no join, a join too late, or a join on another person', () => {
    const grant = fact('break_glass.grant', 'nadia', '2026-12-01T01:00:00.000Z', 'g2');
    const late = fact('care_team.add', 'nadia', '2026-12-01T23:00:00.000Z', 'g2');
    const other = fact('care_team.add', 'nadia', '2026-12-01T02:00:00.000Z', 'g2', 'p2');
    const view = fact('record.view', 'nadia', '2026-12-01T01:10:00.000Z', 'g2');
    assert.deepEqual(breakGlassCareTeamJoin([grant, late, other, view], context, { withinHours: 12 }), []);
  });
});
