import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TIER_POLICY, type TierPolicy } from './access.ts';
import { type LoggedDecision, replayDecisions } from './policy-replay.ts';

const current = { tiers: DEFAULT_TIER_POLICY, breakGlassMinutes: 240 };
const logged = (over: Partial<LoggedDecision>): LoggedDecision => ({
  recordedAt: '2026-12-01T10:00:00.000Z',
  outcome: 'permit',
  actorStaffId: 's1',
  actorOrganisationId: 'trust',
  actorRoles: ['frontline'],
  personId: 'p1',
  categories: ['RISK_SUMMARY'],
  purpose: 'DIRECT_CARE',
  action: 'view',
  reasons: ['PERMIT_CARE_TEAM'],
  breakGlassGrantedAt: null,
  ...over,
});
const withTier = (
  role: keyof TierPolicy['tiers'],
  categories: TierPolicy['tiers'][typeof role],
): TierPolicy => ({
  ...DEFAULT_TIER_POLICY,
  tiers: { ...DEFAULT_TIER_POLICY.tiers, [role]: categories },
});

describe('policy replay', () => {
  it('counts nothing when the policy does not change', () => {
    const r = replayDecisions([logged({})], current, current);
    assert.deepEqual([r.decisions, r.changed], [1, 0]);
  });
  it('counts a permit the narrower tier would have refused', () => {
    const r = replayDecisions([logged({})], current, { ...current, tiers: withTier('frontline', []) });
    assert.deepEqual([r.changed, r.nowDenied, r.nowPermitted], [1, 1, 0]);
  });
  it('counts a tier refusal the wider tier would have permitted, and never overturns other refusals', () => {
    const tierDenied = logged({
      outcome: 'deny',
      categories: ['DIAGNOSIS'],
      reasons: ['ROLE_TIER_EXCLUDES_CATEGORY'],
    });
    const consentDenied = logged({
      outcome: 'deny',
      categories: ['DIAGNOSIS'],
      reasons: ['ROLE_TIER_EXCLUDES_CATEGORY', 'CONSENT_REFUSED'],
    });
    const wider = {
      ...current,
      tiers: withTier('frontline', [...(DEFAULT_TIER_POLICY.tiers.frontline ?? []), 'DIAGNOSIS']),
    };
    const r = replayDecisions([tierDenied, consentDenied], current, wider);
    assert.deepEqual([r.decisions, r.changed, r.nowPermitted], [2, 1, 1]);
  });
  it('counts break-glass permits a shorter window would have closed', () => {
    const late = logged({ breakGlassGrantedAt: '2026-12-01T08:00:00.000Z', actorRoles: ['duty'] });
    assert.equal(replayDecisions([late], current, current).changed, 0);
    assert.equal(replayDecisions([late], current, { ...current, breakGlassMinutes: 60 }).nowDenied, 1);
  });
  it('sets aside decisions it cannot reproduce under the policy in force', () => {
    const r = replayDecisions([logged({ categories: ['DIAGNOSIS'] })], current, current);
    assert.deepEqual([r.notReplayable, r.changed], [1, 0]);
  });
});
