import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DATA_CATEGORIES, type DataCategory, STAFF_ROLES } from '../../../contracts/enums.ts';
import { makeAgreement, makeCrossRequest, ORG } from '../access/access.factories.ts';
import { type ConsentProvision, decide, type TierPolicy } from '../access/index.ts';
import { consentSummary } from './consent-summary.ts';

// Every role sees every category and nothing is restricted beyond the contracts' own list, so the
// only rule left to deny a cross-organisation view is consent itself.
const EVERYTHING: readonly DataCategory[] = DATA_CATEGORIES;
const OPEN_POLICY: TierPolicy = {
  tiers: Object.fromEntries(STAFF_ROLES.map((r) => [r, EVERYTHING])) as TierPolicy['tiers'],
  restricted: {},
};
const ORDINARY = DATA_CATEGORIES.filter((c) => c !== 'SAFEGUARDING');

const provisionArb: fc.Arbitrary<ConsentProvision> = fc.record({
  id: fc.uuid(),
  kind: fc.constantFrom('ROUTINE_COORDINATION', 'NAMED_PARTNER', 'RESTRICTION' as const),
  organisationId: fc.constantFrom(null, ORG.council, ORG.housing, ORG.gp),
  categories: fc.uniqueArray(fc.constantFrom(...DATA_CATEGORIES), { maxLength: 4 }),
});

function councilView(provisions: readonly ConsentProvision[], category: DataCategory) {
  return decide(
    makeCrossRequest({
      category,
      facts: {
        consent: { id: 'c', status: 'given', reviewDue: false, provisions },
        agreements: [
          makeAgreement({
            grants: [
              {
                fromOrganisationId: ORG.trust,
                toOrganisationId: ORG.council,
                purpose: 'DIRECT_CARE',
                categories: [...DATA_CATEGORIES],
              },
            ],
          }),
        ],
      },
    }),
    OPEN_POLICY,
  );
}

describe('consentSummary agrees with the decision function', () => {
  it('says a partner on the care team sees a category exactly when decide permits it, and never when restricted', () => {
    fc.assert(
      fc.property(fc.array(provisionArb, { maxLength: 6 }), (provisions) => {
        const summary = consentSummary(provisions, 'given', [
          { id: ORG.council, name: 'Council', type: 'LOCAL_AUTHORITY', onCareTeam: true },
        ]);
        const council = summary.partners[0];
        assert.ok(council);
        for (const category of ORDINARY) {
          const decision = councilView(provisions, category);
          assert.equal(council.sees.includes(category), decision.effect === 'permit', category);
          if (council.never.includes(category)) {
            assert.equal(decision.effect, 'deny');
            assert.ok(decision.reasons.some((r) => r.code === 'CONSENT_RESTRICTS_CATEGORY'));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
