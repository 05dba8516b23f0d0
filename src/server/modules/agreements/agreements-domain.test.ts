import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AGREEMENT_STATUSES, type AgreementStatus } from '../../../contracts/enums.ts';
import { termsFromInput } from './agreement-terms.ts';
import { completeAgreementInput } from './agreements.factories.ts';
import {
  type AgreementTerms,
  type AgreementVersion,
  canTransition,
  effectiveStatus,
  isInForce,
  isReviewDue,
  missingForActivation,
  toFact,
} from './agreements.ts';

const A = 'org-a';
const B = 'org-b';
const complete: AgreementTerms = termsFromInput(completeAgreementInput({ from: A, to: B }));
const version = (over: Partial<AgreementVersion> = {}): AgreementVersion => ({
  ...complete,
  startDate: '2030-01-01',
  endDate: '2030-12-31',
  agreementId: 'dsa-1',
  version: 2,
  status: 'active',
  changeNote: 'Activated',
  createdBy: 'staff-1',
  createdAt: '2030-01-01T09:00:00.000Z',
  ...over,
});

describe('missingForActivation', () => {
  it('is empty for complete terms', () => {
    assert.deepEqual(missingForActivation(complete), []);
  });

  it('needs two distinct parties and grants between parties with categories', () => {
    const terms: AgreementTerms = {
      ...complete,
      parties: [complete.parties[0], complete.parties[0]].flatMap((p) => (p ? [p] : [])),
      grants: [
        { fromOrganisationId: A, toOrganisationId: A, purpose: 'DIRECT_CARE', categories: ['CRISIS_PLAN'] },
        { fromOrganisationId: 'org-x', toOrganisationId: B, purpose: 'AUDIT', categories: [] },
      ],
    };
    assert.deepEqual(missingForActivation(terms), [
      'parties.1.organisationId',
      'parties',
      'grants.0.toOrganisationId',
      'grants.1.fromOrganisationId',
      'grants.1.toOrganisationId',
      'grants.1.categories',
      'signatories.1.organisationId',
    ]);
  });

  it('needs a Schedule 1 condition only for the Article 9 conditions that require one', () => {
    const without = { ...complete, dpaSchedule1Condition: null };
    assert.deepEqual(missingForActivation(without), ['dpaSchedule1Condition']);
    assert.deepEqual(missingForActivation({ ...without, article9Condition: 'A9_A_EXPLICIT_CONSENT' }), []);
  });

  it('needs a signatory for every party', () => {
    const terms = { ...complete, signatories: complete.signatories.slice(0, 1) };
    assert.deepEqual(missingForActivation(terms), ['signatories']);
  });
});

describe('agreement lifecycle', () => {
  const allowed: Record<AgreementStatus, AgreementStatus[]> = {
    draft: ['active'],
    active: ['suspended', 'expired', 'terminated'],
    suspended: ['active', 'terminated'],
    expired: [],
    terminated: [],
  };
  it('allows exactly the documented transitions', () => {
    for (const from of AGREEMENT_STATUSES)
      for (const to of AGREEMENT_STATUSES)
        assert.equal(canTransition(from, to), allowed[from].includes(to), `${from} -> ${to}`);
  });

  it('is in force from the start date to the end date inclusive, only when active and complete', () => {
    const v = version();
    assert.deepEqual(
      ['2029-12-31', '2030-01-01', '2030-12-31', '2031-01-01'].map((d) => isInForce(v, d)),
      [false, true, true, false],
    );
    assert.equal(isInForce(version({ status: 'suspended' }), '2030-06-01'), false);
    assert.equal(isInForce(version({ securityControls: null }), '2030-06-01'), false);
    assert.equal(isInForce(version({ endDate: null }), '2099-01-01'), true);
  });

  it('computes expiry from the end date without changing the recorded status', () => {
    const v = version();
    assert.equal(effectiveStatus(v, '2030-12-31'), 'active');
    assert.equal(effectiveStatus(v, '2031-01-01'), 'expired');
    assert.equal(effectiveStatus(version({ status: 'suspended' }), '2031-01-01'), 'suspended');
    assert.equal(v.status, 'active');
  });

  it('is due for review once the review date comes, while live', () => {
    assert.equal(isReviewDue(version({ reviewDate: '2030-06-01' }), '2030-05-31'), false);
    assert.equal(isReviewDue(version({ reviewDate: '2030-06-01' }), '2030-06-01'), true);
    assert.equal(
      isReviewDue(version({ reviewDate: '2030-06-01', status: 'terminated' }), '2030-07-01'),
      false,
    );
  });
});

describe('toFact', () => {
  it('says whether the terms are complete and carries status as of the day', () => {
    const fact = toFact(version(), '2031-02-01');
    assert.deepEqual(
      [fact.id, fact.version, fact.status, fact.complete, fact.endDate],
      ['dsa-1', 2, 'expired', true, '2030-12-31'],
    );
    assert.equal(toFact(version({ article6Basis: null }), '2030-06-01').complete, false);
    assert.deepEqual(toFact(version(), '2030-06-01').grants, complete.grants);
  });

  it('never dates an undated draft into force', () => {
    const fact = toFact(version({ status: 'draft', startDate: null }), '2030-06-01');
    assert.equal(fact.startDate > '2999-12-31', true);
  });
});
