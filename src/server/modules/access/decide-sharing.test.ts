import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  makeAgreement,
  makeConsent,
  makeCrossRequest,
  makeException,
  makeGrant,
  makeMembership,
  makeProvision,
  makeRequest,
  ORG,
  type RequestOverrides,
} from './access.factories.ts';
import { DEFAULT_TIER_POLICY } from './access.ts';
import { assertDeny, assertPermit, codesOf } from './decide.test-helpers.ts';
import { decide } from './decide.ts';

const cross = (overrides: RequestOverrides = {}) => decide(makeCrossRequest(overrides), DEFAULT_TIER_POLICY);
const consentOf = (...provisions: Parameters<typeof makeProvision>[0][]) =>
  makeConsent({ provisions: provisions.map((p) => makeProvision(p)) });

describe('rule 4: an agreement in force covers owner -> recipient, purpose and category', () => {
  it('permits under a covering agreement and records the disclosure', () => {
    const d = cross();
    assertPermit(d, 'PERMIT_CARE_TEAM', 'PERMIT_AGREEMENT', 'PERMIT_CONSENT_ROUTINE');
    assert.equal(d.basis.agreementId, 'dsa-1');
    assert.equal(d.basis.agreementVersion, 3);
    assert.deepEqual(d.obligations, [
      { type: 'RECORD_DISCLOSURE', recipientOrganisationId: ORG.council, ownerOrganisationId: ORG.trust },
    ]);
  });
  it('permits on the agreement’s last day', () => {
    const agreements = [makeAgreement({ endDate: '2025-06-15' })];
    assertPermit(cross({ facts: { agreements } }));
  });
  it('denies when no agreement exists', () => {
    assertDeny(cross({ facts: { agreements: [] } }), 'NO_ACTIVE_AGREEMENT');
  });
  it('denies an agreement that is not active', () => {
    for (const status of ['draft', 'suspended', 'expired', 'terminated'] as const) {
      assertDeny(cross({ facts: { agreements: [makeAgreement({ status })] } }), 'NO_ACTIVE_AGREEMENT');
    }
  });
  it('says when the agreement that covered the sharing is suspended or has ended', () => {
    assertDeny(
      cross({ facts: { agreements: [makeAgreement({ status: 'suspended' })] } }),
      'NO_ACTIVE_AGREEMENT',
      'AGREEMENT_SUSPENDED',
    );
    for (const status of ['expired', 'terminated'] as const)
      assertDeny(
        cross({ facts: { agreements: [makeAgreement({ status })] } }),
        'NO_ACTIVE_AGREEMENT',
        'AGREEMENT_LAPSED',
      );
    assertDeny(
      cross({ facts: { agreements: [makeAgreement({ endDate: '2025-06-14' })] } }),
      'NO_ACTIVE_AGREEMENT',
      'AGREEMENT_LAPSED',
    );
    // A draft never covered anything: no suspended or lapsed agreement to speak of.
    const draft = cross({ facts: { agreements: [makeAgreement({ status: 'draft' })] } });
    assert.ok(!draft.reasons.some((r) => r.code === 'AGREEMENT_SUSPENDED' || r.code === 'AGREEMENT_LAPSED'));
  });
  it('denies an incomplete agreement, saying so', () => {
    assertDeny(
      cross({ facts: { agreements: [makeAgreement({ complete: false })] } }),
      'NO_ACTIVE_AGREEMENT',
      'AGREEMENT_INCOMPLETE',
    );
  });
  it('denies outside the agreement’s dates', () => {
    assertDeny(
      cross({ facts: { agreements: [makeAgreement({ endDate: '2025-06-14' })] } }),
      'NO_ACTIVE_AGREEMENT',
    );
    assertDeny(
      cross({ facts: { agreements: [makeAgreement({ startDate: '2025-06-16' })] } }),
      'NO_ACTIVE_AGREEMENT',
    );
  });
  it('denies when the agreement only covers the other direction', () => {
    const grants = [
      {
        fromOrganisationId: ORG.council,
        toOrganisationId: ORG.trust,
        purpose: 'DIRECT_CARE',
        categories: ['RISK_SUMMARY'],
      },
    ] as const;
    assertDeny(cross({ facts: { agreements: [makeAgreement({ grants })] } }), 'NO_ACTIVE_AGREEMENT');
  });
  it('denies a purpose the agreement does not cover', () => {
    assertDeny(cross({ purpose: 'AUDIT' }), 'AGREEMENT_NOT_COVERING_PURPOSE');
  });
  it('denies a category the agreement does not cover', () => {
    const d = cross({ category: 'SUPPORT_INSTRUCTIONS' });
    assertDeny(d, 'AGREEMENT_NOT_COVERING_CATEGORY');
    assert.ok(!codesOf(d).includes('AGREEMENT_NOT_COVERING_PURPOSE'));
  });
  it('needs no agreement within the owning organisation', () => {
    assertPermit(
      decide(makeRequest({ facts: { agreements: [] } }), DEFAULT_TIER_POLICY),
      'PERMIT_OWN_ORGANISATION',
    );
  });
});

describe('rule 5: consent, lawful exceptions and crisis break-glass', () => {
  it('permits routine coordination with an organisation on the care team', () => {
    const d = cross();
    assertPermit(d, 'PERMIT_CONSENT_ROUTINE');
    assert.equal(d.basis.consentBasis, 'CONSENT_ROUTINE_COORDINATION');
    assert.equal(d.basis.consentId, 'consent-1');
    assert.equal(d.basis.consentProvisionId, 'prov-1');
  });
  describe('routine coordination reaches only organisations on the care team today', () => {
    const toHousing = makeAgreement({
      grants: [
        {
          fromOrganisationId: ORG.trust,
          toOrganisationId: ORG.housing,
          purpose: 'DIRECT_CARE',
          categories: ['RISK_SUMMARY'],
        },
      ],
    });
    const disclosure = (careTeam: ReturnType<typeof makeMembership>[]) =>
      decide(
        makeRequest({
          action: 'disclose',
          recipientOrganisationId: ORG.housing,
          category: 'RISK_SUMMARY',
          facts: { careTeam, agreements: [toHousing] },
        }),
        DEFAULT_TIER_POLICY,
      );
    const housingOfficer = (endDate: string | null) =>
      makeMembership({
        id: 'ctm-h',
        staffId: 'staff-h',
        organisationId: ORG.housing,
        role: 'HOUSING_OFFICER',
        endDate,
      });
    it('permits disclosure to a partner currently on the care team', () => {
      assertPermit(disclosure([makeMembership(), housingOfficer(null)]), 'PERMIT_CONSENT_ROUTINE');
    });
    it('denies disclosure to a partner whose involvement has ended', () => {
      const d = disclosure([makeMembership(), housingOfficer('2025-06-01')]);
      assertDeny(d, 'CONSENT_NOT_COVERING_PARTNER');
      assert.deepEqual(codesOf(d), ['CONSENT_NOT_COVERING_PARTNER']);
    });
  });
  it('permits a named partner', () => {
    const consent = consentOf({ id: 'prov-np', kind: 'NAMED_PARTNER', organisationId: ORG.council });
    const d = cross({ facts: { consent } });
    assertPermit(d, 'PERMIT_CONSENT_NAMED_PARTNER');
    assert.equal(d.basis.consentProvisionId, 'prov-np');
  });
  it('denies a partner the consent does not name', () => {
    const consent = consentOf({ kind: 'NAMED_PARTNER', organisationId: ORG.housing });
    assertDeny(cross({ facts: { consent } }), 'CONSENT_NOT_COVERING_PARTNER');
  });
  it('denies a category the consent does not cover', () => {
    const consent = consentOf({
      kind: 'NAMED_PARTNER',
      organisationId: ORG.council,
      categories: ['CRISIS_PLAN'],
    });
    assertDeny(cross({ facts: { consent } }), 'CONSENT_NOT_COVERING_CATEGORY');
  });
  it('denies when no consent is recorded', () => {
    assertDeny(cross({ facts: { consent: null } }), 'NO_CONSENT_RECORDED');
  });
  it('denies refused and withdrawn consent', () => {
    assertDeny(cross({ facts: { consent: makeConsent({ status: 'refused' }) } }), 'CONSENT_REFUSED');
    assertDeny(cross({ facts: { consent: makeConsent({ status: 'withdrawn' }) } }), 'CONSENT_WITHDRAWN');
  });
  it('lets a restriction win over routine coordination (deny wins)', () => {
    const consent = consentOf(
      {},
      { id: 'prov-r', kind: 'RESTRICTION', organisationId: null, categories: ['RISK_SUMMARY'] },
    );
    assertDeny(cross({ facts: { consent } }), 'CONSENT_RESTRICTS_CATEGORY');
  });
  it('lets a restriction on the recipient win over a named-partner permission', () => {
    const consent = consentOf(
      { kind: 'NAMED_PARTNER', organisationId: ORG.council },
      { id: 'prov-r', kind: 'RESTRICTION', organisationId: ORG.council, categories: [] },
    );
    assertDeny(cross({ facts: { consent } }), 'CONSENT_RESTRICTS_CATEGORY');
  });
  it('ignores a restriction aimed at another organisation or category', () => {
    const consent = consentOf(
      {},
      { id: 'r1', kind: 'RESTRICTION', organisationId: ORG.housing, categories: [] },
      { id: 'r2', kind: 'RESTRICTION', organisationId: null, categories: ['MEDICATION'] },
    );
    assertPermit(cross({ facts: { consent } }));
  });
  it('keeps consent applying while its review is due, flagging it', () => {
    assertPermit(cross({ facts: { consent: makeConsent({ reviewDue: true }) } }), 'CONSENT_REVIEW_DUE');
  });
  it('needs no consent within the owning organisation', () => {
    const d = decide(
      makeRequest({ facts: { consent: makeConsent({ status: 'withdrawn' }) } }),
      DEFAULT_TIER_POLICY,
    );
    assertPermit(d, 'PERMIT_OWN_ORGANISATION');
    assert.equal(d.basis.consentBasis, 'IMPLIED_DIRECT_CARE');
  });

  describe('lawful exception', () => {
    const withdrawn = makeConsent({ status: 'withdrawn' });
    it('permits despite withdrawn consent, queueing a review', () => {
      const exception = makeException({ validUntil: '2025-07-01T00:00:00Z' });
      const d = cross({ facts: { consent: withdrawn, lawfulExceptions: [exception] } });
      assertPermit(d, 'PERMIT_LAWFUL_EXCEPTION');
      assert.equal(d.basis.exceptionId, 'exc-1');
      assert.equal(d.basis.consentBasis, 'LAWFUL_EXCEPTION');
      assert.deepEqual(d.obligations.slice(1), [
        { type: 'QUEUE_EXCEPTION_REVIEW', exceptionId: 'exc-1' },
        { type: 'EXPIRE_AT', at: '2025-07-01T00:00:00Z' },
      ]);
    });
    it('permits despite a restriction', () => {
      const consent = consentOf({ kind: 'RESTRICTION', organisationId: null, categories: [] });
      assertPermit(
        cross({ facts: { consent, lawfulExceptions: [makeException()] } }),
        'PERMIT_LAWFUL_EXCEPTION',
      );
    });
    it('denies once the exception has lapsed', () => {
      const exception = makeException({ validUntil: '2025-06-15T10:00:00Z' });
      assertDeny(
        cross({ facts: { consent: withdrawn, lawfulExceptions: [exception] } }),
        'CONSENT_WITHDRAWN',
      );
    });
    it('denies a recipient or category the exception does not cover', () => {
      const other = makeException({ recipientOrganisationId: ORG.housing });
      assertDeny(cross({ facts: { consent: withdrawn, lawfulExceptions: [other] } }), 'CONSENT_WITHDRAWN');
      const narrow = makeException({ categories: ['MEDICATION'] });
      assertDeny(cross({ facts: { consent: withdrawn, lawfulExceptions: [narrow] } }), 'CONSENT_WITHDRAWN');
    });
  });

  describe('break-glass in a crisis', () => {
    const refused = makeConsent({ status: 'refused' });
    const grant = makeGrant({ staffId: 'staff-council-1' });
    it('stands in for consent for crisis response, and is reviewed', () => {
      const d = cross({ purpose: 'CRISIS_RESPONSE', facts: { consent: refused, breakGlassGrants: [grant] } });
      assertPermit(d, 'PERMIT_CARE_TEAM', 'PERMIT_BREAK_GLASS_CRISIS');
      assert.equal(d.basis.breakGlassGrantId, 'bg-1');
      assert.deepEqual(
        d.obligations.map((o) => o.type),
        ['RECORD_DISCLOSURE', 'QUEUE_EXCEPTION_REVIEW', 'EXPIRE_AT'],
      );
    });
    it('does not stand in for consent for any other purpose', () => {
      assertDeny(cross({ facts: { consent: refused, breakGlassGrants: [grant] } }), 'CONSENT_REFUSED');
    });
  });
});
