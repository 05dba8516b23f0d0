import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import {
  makeAgreement,
  makeConsent,
  makeCrossRequest,
  makeGrant,
  makeMembership,
  makeRequest,
  ORG,
  type RequestOverrides,
} from './access.factories.ts';
import { DEFAULT_TIER_POLICY, type TierPolicy } from './access.ts';
import { assertDeny, assertPermit, codesOf } from './decide.test-helpers.ts';
import { decide } from './decide.ts';
import { isReasonCode, messageAboutStaffMember, REASON_CODES, REASON_MESSAGES } from './reasons.ts';

const run = (overrides: RequestOverrides = {}, policy: TierPolicy = DEFAULT_TIER_POLICY) =>
  decide(makeRequest(overrides), policy);
const lead = { roles: ['safeguarding_lead'] as const };

describe('rule 6: restricted categories', () => {
  it('permits a safeguarding lead to view safeguarding records', () => {
    assertPermit(run({ category: 'SAFEGUARDING', actor: lead }));
  });
  it('denies other roles even when a partnership tier lists the category', () => {
    const policy: TierPolicy = {
      ...DEFAULT_TIER_POLICY,
      tiers: { ...DEFAULT_TIER_POLICY.tiers, clinical: ['SAFEGUARDING'] },
    };
    const d = run({ category: 'SAFEGUARDING', actor: { roles: ['clinical'] } }, policy);
    assertDeny(d, 'RESTRICTED_CATEGORY_ROLE');
    assert.deepEqual(codesOf(d), ['RESTRICTED_CATEGORY_ROLE']);
  });
  it('permits a trained safeguarding lead to edit', () => {
    assertPermit(
      run({ category: 'SAFEGUARDING', action: 'edit', actor: { ...lead, safeguardingTrained: true } }),
    );
  });
  it('denies an edit by a lead without safeguarding training', () => {
    const d = run({ category: 'SAFEGUARDING', action: 'edit', actor: lead });
    assertDeny(d, 'RESTRICTED_EDIT_REQUIRES_TRAINING');
  });
  it('never opens a restricted category through break-glass', () => {
    const grant = makeGrant({ categories: ['SAFEGUARDING'] });
    const d = run({
      category: 'SAFEGUARDING',
      actor: lead,
      facts: { careTeam: [], breakGlassGrants: [grant] },
    });
    assertDeny(d, 'NOT_INVOLVED_IN_CARE', 'BREAK_GLASS_RESTRICTED_CATEGORY');
  });
  it('keeps a contract-restricted category closed when the policy forgets its rule', () => {
    const policy: TierPolicy = { ...DEFAULT_TIER_POLICY, restricted: {} };
    assertDeny(run({ category: 'SAFEGUARDING', actor: lead }, policy), 'RESTRICTED_CATEGORY_ROLE');
  });
});

describe('actions', () => {
  it('permits editing the own organisation’s entry', () => {
    assertPermit(run({ action: 'edit' }));
  });
  it('denies editing another organisation’s entry, even under agreement and consent', () => {
    assertDeny(
      decide(makeCrossRequest({ action: 'edit' }), DEFAULT_TIER_POLICY),
      'EDIT_OTHER_ORGANISATION_DATA',
    );
  });
  it('permits the owner disclosing to a partner, recording the disclosure', () => {
    const careTeam = [
      makeMembership(),
      makeMembership({ id: 'c2', staffId: 'x', organisationId: ORG.council }),
    ];
    const d = run({
      action: 'disclose',
      recipientOrganisationId: ORG.council,
      category: 'RISK_SUMMARY',
      facts: { careTeam },
    });
    assertPermit(d, 'PERMIT_AGREEMENT', 'PERMIT_CONSENT_ROUTINE');
    assert.deepEqual(d.obligations, [
      { type: 'RECORD_DISCLOSURE', recipientOrganisationId: ORG.council, ownerOrganisationId: ORG.trust },
    ]);
  });
  it('denies the owner disclosing without an agreement to the recipient', () => {
    const d = run({ action: 'disclose', recipientOrganisationId: ORG.gp, category: 'RISK_SUMMARY' });
    assertDeny(d, 'NO_ACTIVE_AGREEMENT');
  });
  it('demands a rationale for exports and records them when they leave the owner', () => {
    const inside = run({ action: 'export' });
    assertPermit(inside);
    assert.deepEqual(inside.obligations, [{ type: 'DEMAND_RATIONALE' }]);
    const outside = decide(makeCrossRequest({ action: 'export' }), DEFAULT_TIER_POLICY);
    assertPermit(outside);
    assert.deepEqual(
      outside.obligations.map((o) => o.type),
      ['RECORD_DISCLOSURE', 'DEMAND_RATIONALE'],
    );
  });
  it('denies a recipient passing another organisation’s data on', () => {
    const d = decide(
      makeCrossRequest({ action: 'disclose', recipientOrganisationId: ORG.housing }),
      DEFAULT_TIER_POLICY,
    );
    assertDeny(d, 'ONWARD_DISCLOSURE_NOT_PERMITTED');
  });
  it('ignores a recipient on a view: the viewer’s organisation receives', () => {
    assertPermit(run({ recipientOrganisationId: ORG.housing }), 'PERMIT_OWN_ORGANISATION');
  });
});

describe('deny wins, and every failing rule is reported', () => {
  it('lists every failing reason, not just the first', () => {
    const d = decide(
      makeCrossRequest({
        category: 'DIAGNOSIS',
        purpose: 'COMMISSIONING',
        actor: { active: false, igTrainingExpiresOn: null, roles: ['frontline'] },
        facts: { careTeam: [], agreements: [], consent: makeConsent({ status: 'withdrawn' }) },
      }),
      DEFAULT_TIER_POLICY,
    );
    assert.deepEqual(codesOf(d), [
      'ACCOUNT_INACTIVE',
      'TRAINING_EXPIRED',
      'ROLE_TIER_EXCLUDES_CATEGORY',
      'PURPOSE_COMMISSIONING_NO_PERSON_DATA',
      'NOT_INVOLVED_IN_CARE',
      'NO_ACTIVE_AGREEMENT',
      'CONSENT_WITHDRAWN',
    ]);
  });
  it('denies when a single rule fails though every other permits', () => {
    assertDeny(
      decide(
        makeCrossRequest({ facts: { agreements: [makeAgreement({ status: 'suspended' })] } }),
        DEFAULT_TIER_POLICY,
      ),
    );
    assertDeny(run({ actor: { igTrainingExpiresOn: '2025-01-01' } }));
  });
});

describe('reasons', () => {
  it('are present, known and free of identifiers on every outcome', () => {
    const requests = [];
    for (const category of DATA_CATEGORIES) {
      for (const action of ['view', 'edit', 'disclose', 'export'] as const) {
        requests.push(makeRequest({ category, action, actor: { roles: ['clinical'] } }));
        requests.push(makeCrossRequest({ category, action, actor: { roles: ['clinical'] } }));
      }
    }
    let permits = 0;
    for (const request of requests) {
      const d = decide(request, DEFAULT_TIER_POLICY);
      if (d.effect === 'permit') permits++;
      assert.ok(d.reasons.length > 0);
      for (const r of d.reasons) {
        assert.ok(isReasonCode(r.code), r.code);
        assert.equal(r.message, REASON_MESSAGES[r.code]);
        assert.ok(!/org-|staff-|person-|ctm-|dsa-/.test(r.message));
      }
    }
    assert.ok(permits > 0 && permits < requests.length, 'the sample covers both outcomes');
  });
  it('each code has a one-sentence message', () => {
    for (const message of Object.values(REASON_MESSAGES)) assert.match(message, /^[A-Z][^.]*\.$/);
  });

  it('words each code about another staff member without addressing the reader', () => {
    for (const code of REASON_CODES) {
      const message = messageAboutStaffMember(code);
      assert.match(message, /^[A-Z][^.]*\.$/);
      assert.doesNotMatch(message, /\byour?\b/i, code);
    }
  });
});
