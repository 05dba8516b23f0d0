import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AuditEntryRow } from '../audit/audit.tables.ts';
import { toRow } from '../audit/index.ts';
import { checkItem, drawSample, type ItemFacts } from './sharing-audit.ts';

const TRUST = 'trust-org';
const COUNCIL = 'council-org';

const disclosure = (over: Partial<Parameters<typeof toRow>[0]> = {}): AuditEntryRow =>
  toRow(
    {
      action: 'record.disclose',
      outcome: 'permit',
      personId: 'p',
      categories: ['CRISIS_PLAN', 'RISK_SUMMARY'],
      ownerOrganisationId: TRUST,
      recipientOrganisationId: COUNCIL,
      consentId: 'c1',
      consentProvisionId: 'routine',
      ...over,
    },
    new Date('2025-03-10T10:00:00Z'),
    null,
  );

const facts = (over: Partial<ItemFacts> = {}): ItemFacts => ({
  consent: {
    id: 'c1',
    status: 'given',
    provisions: [
      { id: 'routine', kind: 'ROUTINE_COORDINATION', organisationId: null, categories: [] },
      { id: 'named', kind: 'NAMED_PARTNER', organisationId: 'housing-org', categories: [] },
    ],
  },
  handoverTemplate: undefined,
  breakGlassRationale: null,
  exceptionRationale: null,
  reviewed: false,
  ...over,
});

it('passes a disclosure that relied on the consent in force, and fails each way it can miss it', () => {
  assert.deepEqual(checkItem(disclosure(), facts()).findings, []);
  assert.deepEqual(checkItem(disclosure(), facts({ consent: null })).findings, ['CONSENT_NONE_IN_FORCE']);
  const withdrawn = facts().consent;
  assert.ok(withdrawn);
  assert.deepEqual(
    checkItem(disclosure(), facts({ consent: { ...withdrawn, status: 'withdrawn' } })).findings,
    ['CONSENT_NOT_GIVEN'],
  );
  assert.deepEqual(checkItem(disclosure({ consentId: 'older' }), facts()).findings, ['CONSENT_NOT_CITED']);
  assert.deepEqual(checkItem(disclosure({ consentProvisionId: 'nope' }), facts()).findings, [
    'CONSENT_PROVISION_MISSING',
  ]);
  assert.deepEqual(checkItem(disclosure({ consentProvisionId: 'named' }), facts()).findings, [
    'CONSENT_PARTNER_MISMATCH',
  ]);
  const restricted = facts({
    consent: {
      ...withdrawn,
      provisions: [
        ...withdrawn.provisions,
        { id: 'r', kind: 'RESTRICTION', organisationId: COUNCIL, categories: ['CRISIS_PLAN'] },
      ],
    },
  });
  assert.deepEqual(checkItem(disclosure(), restricted).findings, ['CONSENT_RESTRICTED']);
});

it('needs a rationale and a completed review for emergency access and lawful exceptions', () => {
  const emergency = disclosure({ breakGlassGrantId: 'g', consentId: null, consentProvisionId: null });
  const none = checkItem(emergency, facts({ breakGlassRationale: '  ' }));
  assert.equal(none.consent, 'not_applicable');
  assert.equal(none.exception, 'fail');
  assert.deepEqual(none.findings, ['EMERGENCY_NO_RATIONALE', 'EMERGENCY_NOT_REVIEWED']);
  const ok = checkItem(
    emergency,
    facts({ breakGlassRationale: 'Crisis at night, no coordinator', reviewed: true }),
  );
  assert.equal(ok.result, 'pass');
  const excepted = disclosure({ exceptionId: 'e', consentId: null });
  assert.deepEqual(
    checkItem(excepted, facts({ exceptionRationale: 'Risk of serious harm to others' })).findings,
    ['EXCEPTION_NOT_REVIEWED'],
  );
});

it('asks for a minimum-dataset template only where information was sent as a handover', () => {
  const handover = disclosure({ action: 'handover.disclose', target: { type: 'handover', id: 'h' } });
  assert.deepEqual(checkItem(handover, facts({ handoverTemplate: null })).findings, ['TEMPLATE_NOT_USED']);
  assert.equal(checkItem(handover, facts({ handoverTemplate: 'crisis-escalation' })).template, 'pass');
  assert.equal(checkItem(disclosure(), facts()).template, 'not_applicable');
});

it('draws the same sample whatever order the population comes in, and a different one for another seed', () => {
  const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
  const a = drawSample('seed-one', ids, 10);
  assert.deepEqual(drawSample('seed-one', ids.toReversed(), 10), a);
  assert.notDeepEqual(drawSample('seed-two', ids, 10), a);
  assert.equal(new Set(a).size, 10);
});
