import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeGrant, makeMembership, makeRequest, ORG, type RequestOverrides } from './access.factories.ts';
import { DEFAULT_TIER_POLICY, type TierPolicy } from './access.ts';
import { assertDeny, assertPermit, codesOf } from './decide.test-helpers.ts';
import { decide } from './decide.ts';

const run = (overrides: RequestOverrides = {}, policy: TierPolicy = DEFAULT_TIER_POLICY) =>
  decide(makeRequest(overrides), policy);

describe('decide: baseline', () => {
  it('permits a care-team member reading their own organisation’s record, saying why', () => {
    const d = run();
    assertPermit(d, 'PERMIT_CARE_TEAM', 'PERMIT_OWN_ORGANISATION');
    assert.deepEqual(d.basis, {
      involvement: 'CARE_TEAM',
      careTeamMembershipId: 'ctm-1',
      sharing: 'OWN_ORGANISATION',
      consentBasis: 'IMPLIED_DIRECT_CARE',
    });
    assert.deepEqual(d.obligations, []);
  });

  it('denies an unreadable instant rather than throwing', () => {
    assertDeny(run({ at: 'not a time' }), 'INVALID_REQUEST_TIME');
  });
});

describe('rule 1: active account with current IG training', () => {
  it('permits on the last day of training cover', () => {
    assertPermit(run({ actor: { igTrainingExpiresOn: '2025-06-15' } }));
  });
  it('denies an inactive account', () => {
    assertDeny(run({ actor: { active: false } }), 'ACCOUNT_INACTIVE');
  });
  it('denies training that expired the day before', () => {
    assertDeny(run({ actor: { igTrainingExpiresOn: '2025-06-14' } }), 'TRAINING_EXPIRED');
  });
  it('denies when training was never completed', () => {
    assertDeny(run({ actor: { igTrainingExpiresOn: null } }), 'TRAINING_EXPIRED');
  });
  it('reads "today" as the UK date: 23:30 UTC in summer is already the next day', () => {
    assertDeny(
      run({ at: '2025-06-15T23:30:00Z', actor: { igTrainingExpiresOn: '2025-06-15' } }),
      'TRAINING_EXPIRED',
    );
    assertPermit(run({ at: '2025-01-15T23:30:00Z', actor: { igTrainingExpiresOn: '2025-01-15' } }));
  });
});

describe('rule 2: role tier', () => {
  it('permits when any one of the actor’s roles includes the category', () => {
    assertPermit(run({ category: 'DIAGNOSIS', actor: { roles: ['frontline', 'clinical'] } }));
  });
  it('denies a category outside every role’s tier', () => {
    assertDeny(
      run({ category: 'DIAGNOSIS', actor: { roles: ['frontline'] } }),
      'ROLE_TIER_EXCLUDES_CATEGORY',
    );
  });
  it('gives IG leads and administrators no record access', () => {
    assertDeny(run({ actor: { roles: ['ig_lead'] } }), 'ROLE_TIER_EXCLUDES_CATEGORY');
    assertDeny(run({ actor: { roles: ['system_admin'] } }), 'ROLE_TIER_EXCLUDES_CATEGORY');
  });
  it('never gives a commissioner person-level data, whatever the policy says', () => {
    const generous: TierPolicy = {
      ...DEFAULT_TIER_POLICY,
      tiers: { ...DEFAULT_TIER_POLICY.tiers, commissioner: ['CARE_PLAN'] },
    };
    assertDeny(run({ actor: { roles: ['commissioner'] } }, generous), 'COMMISSIONER_NO_PERSON_DATA');
    assertDeny(run({ actor: { roles: ['care_manager', 'commissioner'] } }), 'COMMISSIONER_NO_PERSON_DATA');
  });
  it('never permits person-level data for the commissioning purpose', () => {
    assertDeny(run({ purpose: 'COMMISSIONING' }), 'PURPOSE_COMMISSIONING_NO_PERSON_DATA');
  });
  it('follows a partnership’s own tiers', () => {
    const policy: TierPolicy = {
      ...DEFAULT_TIER_POLICY,
      tiers: { ...DEFAULT_TIER_POLICY.tiers, care_manager: ['RISK_SUMMARY'] },
    };
    assertDeny(run({}, policy), 'ROLE_TIER_EXCLUDES_CATEGORY');
    assertPermit(run({ category: 'RISK_SUMMARY' }, policy));
  });
});

describe('rule 3: involvement in care now', () => {
  it('permits through a team membership', () => {
    const careTeam = [makeMembership({ staffId: null, teamId: 'team-cmht' })];
    assertPermit(run({ facts: { careTeam } }), 'PERMIT_CARE_TEAM');
  });
  it('permits on the last day of a membership (end date inclusive)', () => {
    assertPermit(run({ facts: { careTeam: [makeMembership({ endDate: '2025-06-15' })] } }));
  });
  it('denies when the actor is not on the care team', () => {
    const careTeam = [makeMembership({ staffId: 'someone-else' })];
    assertDeny(run({ facts: { careTeam } }), 'NOT_INVOLVED_IN_CARE');
  });
  it('denies after a membership has ended', () => {
    assertDeny(
      run({ facts: { careTeam: [makeMembership({ endDate: '2025-06-14' })] } }),
      'NOT_INVOLVED_IN_CARE',
    );
  });
  it('denies before a membership has started', () => {
    assertDeny(
      run({ facts: { careTeam: [makeMembership({ startDate: '2025-06-16' })] } }),
      'NOT_INVOLVED_IN_CARE',
    );
  });
  it('denies a membership recorded under another organisation', () => {
    const careTeam = [makeMembership({ staffId: null, teamId: 'team-cmht', organisationId: ORG.council })];
    assertDeny(run({ facts: { careTeam } }), 'NOT_INVOLVED_IN_CARE');
  });

  describe('break-glass', () => {
    const noTeam = { careTeam: [] };
    it('permits crisis information under a live grant, with review and expiry obligations', () => {
      const d = run({ category: 'CRISIS_PLAN', facts: { ...noTeam, breakGlassGrants: [makeGrant()] } });
      assertPermit(d, 'PERMIT_BREAK_GLASS');
      assert.equal(d.basis.involvement, 'BREAK_GLASS');
      assert.equal(d.basis.breakGlassGrantId, 'bg-1');
      assert.deepEqual(d.obligations, [
        { type: 'QUEUE_EXCEPTION_REVIEW', breakGlassGrantId: 'bg-1' },
        { type: 'EXPIRE_AT', at: '2025-06-15T21:00:00Z' },
      ]);
    });
    it('denies once the only grant has expired', () => {
      const grant = makeGrant({ expiresAt: '2025-06-15T10:00:00Z' });
      assertDeny(
        run({ category: 'CRISIS_PLAN', facts: { ...noTeam, breakGlassGrants: [grant] } }),
        'NOT_INVOLVED_IN_CARE',
        'BREAK_GLASS_EXPIRED',
      );
    });
    it('denies a category the grant does not cover', () => {
      const grant = makeGrant({ categories: ['RISK_SUMMARY'] });
      assertDeny(
        run({ category: 'CRISIS_PLAN', facts: { ...noTeam, breakGlassGrants: [grant] } }),
        'BREAK_GLASS_CATEGORY_NOT_COVERED',
      );
    });
    it('denies a non-crisis category even when the grant lists it', () => {
      const grant = makeGrant({ categories: ['CARE_PLAN'] });
      assertDeny(
        run({ facts: { ...noTeam, breakGlassGrants: [grant] } }),
        'BREAK_GLASS_CATEGORY_NOT_COVERED',
      );
    });
    it('denies changes made under emergency access', () => {
      const d = run({
        category: 'CRISIS_PLAN',
        action: 'edit',
        facts: { ...noTeam, breakGlassGrants: [makeGrant()] },
      });
      assertDeny(d, 'BREAK_GLASS_VIEW_ONLY');
    });
    it('ignores another member of staff’s grant', () => {
      const grant = makeGrant({ staffId: 'staff-other' });
      const d = run({ category: 'CRISIS_PLAN', facts: { ...noTeam, breakGlassGrants: [grant] } });
      assert.deepEqual(codesOf(d), ['NOT_INVOLVED_IN_CARE']);
    });
    it('denies a grant that has not started yet', () => {
      const grant = makeGrant({ grantedAt: '2025-06-15T11:00:00Z' });
      assertDeny(run({ category: 'CRISIS_PLAN', facts: { ...noTeam, breakGlassGrants: [grant] } }));
    });
  });
});
