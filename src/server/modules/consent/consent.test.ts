import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConsentRow } from './consent.tables.ts';
import {
  consentProblems,
  findContradictions,
  type ProvisionDraft,
  parseProvisions,
  serialiseProvisions,
  toFact,
} from './consent.ts';
import { consentSummary, type SummaryOrganisation } from './consent-summary.ts';

const TRUST = '11111111-1111-4111-8111-111111111111';
const HOUSING = '22222222-2222-4222-8222-222222222222';
const COUNCIL = '33333333-3333-4333-8333-333333333333';

const orgs: SummaryOrganisation[] = [
  { id: TRUST, name: 'Northshire Trust', type: 'NHS_TRUST', onCareTeam: true },
  { id: HOUSING, name: 'Wendle Valley Homes', type: 'HOUSING_PROVIDER', onCareTeam: false },
  { id: COUNCIL, name: 'Northshire Council', type: 'LOCAL_AUTHORITY', onCareTeam: true },
];

const routine: ProvisionDraft = { kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] };
const housingPermit: ProvisionDraft = {
  kind: 'NAMED_PARTNER',
  organisationId: HOUSING,
  categories: ['CRISIS_PLAN', 'RISK_SUMMARY', 'MEDICATION'],
};
const housingNever: ProvisionDraft = {
  kind: 'RESTRICTION',
  organisationId: HOUSING,
  categories: ['MEDICATION', 'DIAGNOSIS'],
};

describe('consentSummary', () => {
  it('says per partner what they will see and never see, the restriction beating the permit', () => {
    const summary = consentSummary([routine, housingPermit, housingNever], 'given', orgs);
    const housing = summary.partners.find((p) => p.organisationId === HOUSING);
    assert.deepEqual(housing?.sees, ['RISK_SUMMARY', 'CRISIS_PLAN']);
    assert.deepEqual(housing?.never, ['MEDICATION', 'DIAGNOSIS']);
    assert.equal(
      housing?.sentence,
      'Wendle Valley Homes will see: risk summary and alerts, crisis plan. Never: medication, diagnosis.',
    );
    const council = summary.partners.find((p) => p.organisationId === COUNCIL);
    assert.equal(council?.sentence, 'Northshire Council will see: all information.');
    assert.equal(summary.everyoneElse, 'No other organisation will see anything.');
    assert.ok(summary.sentences.includes(housing?.sentence ?? ''));
  });

  it('reports the contradiction and how deny-wins resolved it', () => {
    const summary = consentSummary([routine, housingPermit, housingNever], 'given', orgs);
    const forHousing = summary.contradictions.filter((c) => c.permitIndex === 1);
    assert.equal(forHousing.length, 1);
    assert.deepEqual(forHousing[0]?.categories, ['MEDICATION']);
    assert.match(
      forHousing[0]?.message ?? '',
      /restriction wins: Wendle Valley Homes will not see medication/,
    );
  });

  it('keeps sharing within the care team when routine coordination is all there is', () => {
    const summary = consentSummary([routine], 'given', orgs);
    assert.equal(summary.everyoneElse, 'No one outside the care team’s organisations will see anything.');
    const housing = summary.partners.find((p) => p.organisationId === HOUSING);
    assert.deepEqual(housing?.sees, [], 'housing is not on the care team');
    assert.ok(summary.sentences.some((s) => s.startsWith('An organisation that joins the care team later')));
  });

  it('says a restriction on everyone applies to every organisation', () => {
    const summary = consentSummary(
      [routine, { kind: 'RESTRICTION', organisationId: null, categories: ['DIAGNOSIS'] }],
      'given',
      orgs,
    );
    for (const p of summary.partners) assert.ok(!p.sees.includes('DIAGNOSIS'));
    assert.ok(summary.sentences.includes('No organisation will ever see: diagnosis.'));
  });

  it('says nothing is shared when consent is withdrawn, refused or absent', () => {
    for (const status of ['withdrawn', 'refused', null] as const) {
      const summary = consentSummary([routine, housingPermit], status, orgs);
      assert.deepEqual(summary.partners, []);
      assert.match(summary.everyoneElse, /No organisation will see information recorded by another/);
    }
  });
});

describe('findContradictions', () => {
  it('finds nothing when the categories do not meet', () => {
    assert.deepEqual(
      findContradictions([
        { kind: 'NAMED_PARTNER', organisationId: HOUSING, categories: ['CRISIS_PLAN'] },
        housingNever,
      ]),
      [],
    );
  });

  it('finds nothing when the partners differ', () => {
    assert.deepEqual(
      findContradictions([{ kind: 'NAMED_PARTNER', organisationId: COUNCIL, categories: [] }, housingNever]),
      [],
    );
  });

  it('meets every restriction with routine coordination, which reaches whoever joins the care team', () => {
    assert.equal(findContradictions([routine, housingNever]).length, 1);
  });
});

describe('consentProblems', () => {
  const base = {
    status: 'given' as const,
    capacity: 'HAS_CAPACITY' as const,
    explanation: 'Explained who will see what and why.',
    reviewDate: '2026-01-01',
    provisions: [routine],
  };

  it('accepts a complete capture', () => {
    assert.deepEqual(consentProblems(base, '2025-06-01'), []);
  });

  it('requires a best-interests decision and its maker when the person lacks capacity', () => {
    const fields = consentProblems({ ...base, capacity: 'LACKS_CAPACITY' }, '2025-06-01').map((p) => p.field);
    assert.deepEqual(fields, ['body.bestInterestsDecision', 'body.decisionMaker']);
  });

  it('requires named partners to name an organisation, and consent to permit something', () => {
    const fields = consentProblems(
      { ...base, provisions: [{ kind: 'NAMED_PARTNER', organisationId: null, categories: [] }] },
      '2025-06-01',
    ).map((p) => p.field);
    assert.deepEqual(fields, ['body.provisions.0.organisationId']);
    const none = consentProblems({ ...base, provisions: [housingNever] }, '2025-06-01').map((p) => p.field);
    assert.deepEqual(none, ['body.provisions']);
  });

  it('requires the review date to be in the future', () => {
    assert.deepEqual(
      consentProblems(base, '2026-01-01').map((p) => p.field),
      ['body.reviewDate'],
    );
  });
});

describe('stored provisions and facts', () => {
  it('round-trips provisions through storage', () => {
    const provisions = [{ id: 'p1', ...housingPermit }];
    assert.deepEqual(parseProvisions(serialiseProvisions(provisions)), provisions);
  });

  it('fails closed on unreadable categories: permits dropped, restrictions widened to all', () => {
    const json = JSON.stringify([
      { id: 'a', kind: 'NAMED_PARTNER', organisationId: HOUSING, categories: ['NOT_A_CATEGORY'] },
      { id: 'b', kind: 'RESTRICTION', organisationId: HOUSING, categories: ['NOT_A_CATEGORY'] },
    ]);
    assert.deepEqual(parseProvisions(json), [
      { id: 'b', kind: 'RESTRICTION', organisationId: HOUSING, categories: [] },
    ]);
  });

  it('makes review due when flagged or when the review date is reached', () => {
    const row = {
      id: 'c',
      status: 'given',
      review_due: 0,
      review_date: '2025-07-01',
      provisions: '[]',
    } as ConsentRow;
    assert.equal(toFact(row, '2025-06-30').reviewDue, false);
    assert.equal(toFact(row, '2025-07-01').reviewDue, true);
    assert.equal(toFact({ ...row, review_due: 1 }, '2025-06-30').reviewDue, true);
  });
});
