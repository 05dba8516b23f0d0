import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_TIER_POLICY } from '../access/index.ts';
import { completeAgreementInput } from './agreements.factories.ts';
import type { AgreementRecord } from './agreements.repository.ts';
import type { AgreementVersion } from './agreements.ts';
import { acknowledgementState, buildGuide } from './sharing-guide.ts';

const TRUST = '00000000-0000-4000-8000-000000000001';
const HOUSING = '00000000-0000-4000-8000-000000000002';
const names = new Map([
  [TRUST, 'Trust'],
  [HOUSING, 'Housing'],
]);

function record(status: AgreementVersion['status'], categories: string[]): AgreementRecord {
  const input = completeAgreementInput({ from: TRUST, to: HOUSING });
  const current = {
    ...input,
    parties: (input.parties ?? []).map((p) => ({ article6Basis: null, ...p })),
    grants: (input.grants ?? []).map((g) => ({ ...g, categories })),
    agreementId: 'a1',
    version: 1,
    status,
    changeNote: '',
    createdBy: 's',
    createdAt: '2030-01-01T00:00:00Z',
  } as unknown as AgreementVersion;
  return { id: 'a1', reference: 'DSA-1', createdAt: '', updatedAt: '', current };
}

const guide = (agreements: AgreementRecord[], role: 'frontline' | 'clinical' = 'frontline') =>
  buildGuide({
    organisationId: TRUST,
    role,
    today: '2030-06-15',
    names,
    agreements,
    policy: DEFAULT_TIER_POLICY,
    contacts: [],
    scenarios: [],
  });

describe('the generated guide', () => {
  it('lists only agreements in force', () => {
    assert.equal(guide([record('active', ['RISK_SUMMARY'])]).partners.length, 1);
    for (const status of ['draft', 'suspended', 'terminated'] as const)
      assert.deepEqual(guide([record(status, ['RISK_SUMMARY'])]).partners, [], status);
  });

  it('names only the categories the role’s tier may see, and drops a line with none', () => {
    const both = record('active', ['RISK_SUMMARY', 'DIAGNOSIS']);
    assert.deepEqual(guide([both]).partners[0]?.lines[0]?.categories, ['RISK_SUMMARY']);
    assert.deepEqual(guide([both], 'clinical').partners[0]?.lines[0]?.categories, [
      'RISK_SUMMARY',
      'DIAGNOSIS',
    ]);
    assert.deepEqual(guide([record('active', ['DIAGNOSIS'])]).partners, []);
  });

  it('changes its fingerprint when what it says changes, not when it is generated', () => {
    const a = guide([record('active', ['RISK_SUMMARY'])]);
    const b = buildGuide({
      organisationId: TRUST,
      role: 'frontline',
      today: '2030-06-16',
      names,
      agreements: [record('active', ['RISK_SUMMARY'])],
      policy: DEFAULT_TIER_POLICY,
      contacts: [],
      scenarios: [],
    });
    assert.equal(a.fingerprint, b.fingerprint);
    assert.notEqual(a.fingerprint, guide([record('active', ['RISK_SUMMARY', 'CRISIS_PLAN'])]).fingerprint);
  });

  it('states an acknowledgement: missing, current, changed, and lapsed the day after its last day', () => {
    assert.equal(acknowledgementState(undefined, 'f', '2030-06-15'), 'missing');
    assert.equal(
      acknowledgementState({ fingerprint: 'f', lapsesOn: '2030-06-15' }, 'f', '2030-06-15'),
      'current',
    );
    assert.equal(
      acknowledgementState({ fingerprint: 'e', lapsesOn: '2031-06-15' }, 'f', '2030-06-15'),
      'changed',
    );
    assert.equal(
      acknowledgementState({ fingerprint: 'f', lapsesOn: '2030-06-14' }, 'f', '2030-06-15'),
      'lapsed',
    );
  });
});
