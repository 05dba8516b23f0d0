import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decisionRequestArb, tierPolicyArb } from './access.arbitraries.ts';
import { makeCrossRequest, makeGrant, makeRequest, ORG } from './access.factories.ts';
import { DEFAULT_TIER_POLICY, type DecisionRequest, type TierPolicy } from './access.ts';
import { createCedarAuthorizer } from './cedar-authorizer.ts';
import { decide } from './decide.ts';

describe('Cedar differential: the same policy in Cedar agrees with decide', () => {
  const councilGrant = makeGrant({ staffId: 'staff-council-1' });
  const cedar = createCedarAuthorizer(DEFAULT_TIER_POLICY);

  it('agrees on hand-written scenarios where a single rule decides', () => {
    const generous: TierPolicy = {
      ...DEFAULT_TIER_POLICY,
      tiers: { ...DEFAULT_TIER_POLICY.tiers, commissioner: ['CARE_PLAN'], clinical: ['SAFEGUARDING'] },
    };
    const lead = { roles: ['safeguarding_lead'] as const };
    const scenarios: [DecisionRequest, TierPolicy][] = [
      [makeRequest(), DEFAULT_TIER_POLICY],
      [makeRequest({ at: 'garbage' }), DEFAULT_TIER_POLICY],
      [makeCrossRequest(), DEFAULT_TIER_POLICY],
      [makeCrossRequest({ facts: { consent: null } }), DEFAULT_TIER_POLICY],
      [makeCrossRequest({ action: 'edit' }), DEFAULT_TIER_POLICY],
      [makeCrossRequest({ action: 'disclose', recipientOrganisationId: ORG.housing }), DEFAULT_TIER_POLICY],
      [
        makeCrossRequest({
          purpose: 'CRISIS_RESPONSE',
          facts: { consent: null, breakGlassGrants: [councilGrant] },
        }),
        DEFAULT_TIER_POLICY,
      ],
      [
        makeRequest({ category: 'CRISIS_PLAN', facts: { careTeam: [], breakGlassGrants: [makeGrant()] } }),
        DEFAULT_TIER_POLICY,
      ],
      [
        makeRequest({
          category: 'CRISIS_PLAN',
          action: 'edit',
          facts: { careTeam: [], breakGlassGrants: [makeGrant()] },
        }),
        DEFAULT_TIER_POLICY,
      ],
      [makeRequest({ category: 'SAFEGUARDING', actor: lead }), DEFAULT_TIER_POLICY],
      [makeRequest({ category: 'SAFEGUARDING', action: 'edit', actor: lead }), DEFAULT_TIER_POLICY],
      [
        makeRequest({
          category: 'SAFEGUARDING',
          action: 'edit',
          actor: { ...lead, safeguardingTrained: true },
        }),
        DEFAULT_TIER_POLICY,
      ],
      [makeRequest({ category: 'SAFEGUARDING', actor: { roles: ['clinical'] } }), generous],
      [makeRequest({ category: 'SAFEGUARDING', actor: lead }), { ...DEFAULT_TIER_POLICY, restricted: {} }],
      [makeRequest({ actor: { roles: ['commissioner'] } }), generous],
    ];
    for (const [request, policy] of scenarios) {
      assert.equal(createCedarAuthorizer(policy).decide(request).effect, decide(request, policy).effect);
    }
  });

  it('agrees on 500 generated requests under the default policy, with both outcomes seen', () => {
    let permits = 0;
    fc.assert(
      fc.property(decisionRequestArb, (request) => {
        const ours = decide(request, DEFAULT_TIER_POLICY).effect;
        if (ours === 'permit') permits++;
        assert.equal(cedar.decide(request).effect, ours);
        assert.equal(cedar.decide(request, 'request').effect, ours, 'facts scoped to the request');
      }),
      { numRuns: 500, seed: 20250615 },
    );
    assert.ok(permits >= 25, `only ${permits} permits: the generator no longer exercises permits`);
  });

  it('agrees under generated partnership tier policies', () => {
    fc.assert(
      fc.property(
        tierPolicyArb,
        fc.array(decisionRequestArb, { minLength: 5, maxLength: 5 }),
        (policy, requests) => {
          const authorizer = createCedarAuthorizer(policy);
          for (const request of requests) {
            assert.equal(authorizer.decide(request).effect, decide(request, policy).effect);
          }
        },
      ),
      { numRuns: 100, seed: 7 },
    );
  });
});
