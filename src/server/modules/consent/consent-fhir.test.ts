import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertValidFhir } from '../../../../test/harness/fhir-schema.ts';
import { CONSENT_STATUSES } from '../../../contracts/consent.ts';
import { DATA_CATEGORIES } from '../../../contracts/enums.ts';
import type { ConsentProvision } from '../access/index.ts';
import {
  type ConsentRecord,
  FHIR_EXTENSIONS,
  FHIR_SYSTEMS,
  POLICY_RULE_OF,
  toFhirConsent,
} from './consent-fhir.ts';
import { fromFhirConsent } from './consent-fhir-import.ts';

const ORGS = [
  '11111111-1111-4111-8111-111111111111',
  '22222222-2222-4222-8222-222222222222',
  '33333333-3333-4333-8333-333333333333',
];
const NHS = '9990000018';

const provisionArb: fc.Arbitrary<ConsentProvision> = fc
  .record({
    id: fc.uuid(),
    kind: fc.constantFrom('ROUTINE_COORDINATION', 'NAMED_PARTNER', 'RESTRICTION' as const),
    org: fc.option(fc.constantFrom(...ORGS), { nil: null }),
    categories: fc.uniqueArray(fc.constantFrom(...DATA_CATEGORIES), { maxLength: DATA_CATEGORIES.length }),
  })
  .map(({ id, kind, org, categories }) => ({
    id,
    kind,
    // A named partner always names an organisation (capture refuses one that does not).
    organisationId: kind === 'NAMED_PARTNER' ? (org ?? (ORGS[0] as string)) : org,
    categories,
  }));

const recordArb: fc.Arbitrary<ConsentRecord> = fc.record({
  id: fc.uuid(),
  version: fc.integer({ min: 1, max: 50 }),
  status: fc.constantFrom(...CONSENT_STATUSES),
  capacity: fc.constantFrom('HAS_CAPACITY', 'LACKS_CAPACITY' as const),
  bestInterestsDecision: fc.option(fc.constant('Sharing the crisis plan keeps them safe at home.'), {
    nil: null,
  }),
  decisionMaker: fc.option(fc.constant('Dr R Shah, consultant psychiatrist'), { nil: null }),
  explanation: fc.constant('Explained who sees what, and that they can change their mind at any time.'),
  capturedAt: fc.constant('2025-06-01T10:00:00.000Z'),
  recordedAt: fc.constant('2025-06-02T10:00:00.000Z'),
  capturedByOrganisationId: fc.constantFrom(...ORGS),
  reviewDate: fc.constant('2026-06-01'),
  reviewDue: fc.boolean(),
  provisions: fc.array(provisionArb, { maxLength: 8 }),
});

const orgNames = ORGS.map((id, i) => ({ id, name: `Organisation ${i}` }));

describe('FHIR R4 Consent', () => {
  it('keeps every provision, the status and the decision details through a round trip, valid R4 throughout', () => {
    fc.assert(
      fc.property(recordArb, fc.array(fc.constantFrom(...ORGS), { maxLength: 4 }), (record, careTeam) => {
        const resource = toFhirConsent(record, { nhsNumber: NHS }, orgNames, careTeam);
        assertValidFhir(resource, 'the Consent');
        // The decision alone in policyRule; the lawful bases beside it.
        assert.deepEqual(
          resource.policyRule.coding?.map((c) => c.code),
          [POLICY_RULE_OF[record.status]],
        );
        // Every permit names the organisations it reaches: its own, or the care team for routine coordination.
        for (const [i, p] of record.provisions.entries()) {
          const named = (resource.provision.provision?.[i]?.actor ?? []).map((a) => a.reference.reference);
          const reached = p.organisationId
            ? [p.organisationId]
            : p.kind === 'RESTRICTION'
              ? []
              : [...new Set(careTeam)];
          assert.deepEqual(
            named,
            reached.map((id) => `Organization/${id}`),
          );
        }
        // Through JSON, as it travels between systems.
        const wire: unknown = JSON.parse(JSON.stringify(resource));
        const read = fromFhirConsent(wire);
        assert.ok(read.ok, JSON.stringify(read));
        assert.equal(read.consent.status, record.status);
        assert.deepEqual(read.consent.provisions, record.provisions);
        assert.equal(read.consent.nhsNumber, NHS);
        assert.equal(read.consent.capacity, record.capacity);
        assert.equal(read.consent.explanation, record.explanation);
        assert.equal(read.consent.reviewDate, record.reviewDate);
        assert.equal(read.consent.bestInterestsDecision, record.bestInterestsDecision);
      }),
      { numRuns: 300 },
    );
  });

  it('writes the R4 essentials: status, scope, category, patient by NHS number, deny base', () => {
    const resource = toFhirConsent(
      {
        id: '44444444-4444-4444-8444-444444444444',
        version: 2,
        status: 'withdrawn',
        capacity: 'HAS_CAPACITY',
        bestInterestsDecision: null,
        decisionMaker: null,
        explanation: 'Explained what withdrawing means for their care.',
        capturedAt: '2025-06-01T10:00:00.000Z',
        recordedAt: '2025-06-01T10:00:00.000Z',
        capturedByOrganisationId: ORGS[0] as string,
        reviewDate: '2026-06-01',
        reviewDue: false,
        provisions: [
          { id: 'p1', kind: 'RESTRICTION', organisationId: ORGS[1] as string, categories: ['MEDICATION'] },
        ],
      },
      { nhsNumber: NHS },
      orgNames,
    );
    assert.equal(resource.status, 'inactive');
    assert.equal(resource.scope.coding?.[0]?.code, 'patient-privacy');
    assert.equal(resource.category[0]?.coding?.[0]?.code, '59284-0');
    assert.deepEqual(resource.patient.identifier, { system: FHIR_SYSTEMS.nhsNumber, value: NHS });
    assert.equal(resource.provision.type, 'deny');
    const nested = resource.provision.provision?.[0];
    assert.equal(nested?.type, 'deny');
    assert.equal(nested?.actor?.[0]?.reference.reference, `Organization/${ORGS[1]}`);
    assert.deepEqual(nested?.class, [{ system: FHIR_SYSTEMS.dataCategory, code: 'MEDICATION' }]);
  });

  it('names the JSON path of each problem on import', () => {
    const read = fromFhirConsent({
      resourceType: 'Consent',
      status: 'draft',
      scope: { coding: [{ code: 'patient-privacy' }] },
      extension: [{ url: FHIR_EXTENSIONS.capacity, valueCode: 'MAYBE' }],
      provision: {
        type: 'deny',
        provision: [
          { type: 'permit', actor: [{ reference: { reference: 'Patient/1' } }] },
          { type: 'permit', class: [{ system: FHIR_SYSTEMS.dataCategory, code: 'GOSSIP' }] },
          {
            type: 'permit',
            extension: [{ url: FHIR_EXTENSIONS.provisionKind, valueCode: 'RESTRICTION' }],
          },
        ],
      },
    });
    assert.equal(read.ok, false);
    const fields = read.ok ? [] : read.errors.map((e) => e.field);
    assert.deepEqual(fields, [
      'status',
      'extension[0].valueCode',
      'provision.provision[0].actor[0].reference.reference',
      'provision.provision[1].class[0].code',
      'provision.provision[2].type',
    ]);
  });

  it('reads a partner’s resource without Accord’s markers by the provision types', () => {
    const read = fromFhirConsent({
      resourceType: 'Consent',
      status: 'active',
      scope: { coding: [{ system: FHIR_SYSTEMS.consentScope, code: 'patient-privacy' }] },
      provision: {
        type: 'deny',
        provision: [
          { type: 'permit' },
          { type: 'permit', actor: [{ role: {}, reference: { reference: `Organization/${ORGS[2]}` } }] },
          { type: 'deny', class: [{ system: FHIR_SYSTEMS.dataCategory, code: 'DIAGNOSIS' }] },
        ],
      },
    });
    assert.ok(read.ok);
    assert.deepEqual(
      read.consent.provisions.map((p) => [p.kind, p.organisationId, p.categories]),
      [
        ['ROUTINE_COORDINATION', null, []],
        ['NAMED_PARTNER', ORGS[2], []],
        ['RESTRICTION', null, ['DIAGNOSIS']],
      ],
    );
  });

  it('refuses a permit base, which would share everything not denied', () => {
    const read = fromFhirConsent({
      resourceType: 'Consent',
      status: 'active',
      scope: { coding: [{ code: 'patient-privacy' }] },
      provision: { type: 'permit' },
    });
    assert.equal(read.ok, false);
    assert.deepEqual(read.ok ? [] : read.errors.map((e) => e.field), ['provision.type']);
  });

  it('refuses a policyRule that contradicts the status, and reads one that agrees', () => {
    const base = {
      resourceType: 'Consent',
      scope: { coding: [{ code: 'patient-privacy' }] },
      provision: { type: 'deny', provision: [{ type: 'permit' }] },
    };
    const rule = (code: string) => ({ coding: [{ system: FHIR_SYSTEMS.actCode, code }] });
    const contradicts = fromFhirConsent({ ...base, status: 'active', policyRule: rule('OPTOUT') });
    assert.deepEqual(contradicts.ok ? [] : contradicts.errors.map((e) => e.field), ['policyRule']);
    assert.ok(fromFhirConsent({ ...base, status: 'active', policyRule: rule('OPTIN') }).ok);
    assert.ok(fromFhirConsent({ ...base, status: 'inactive', policyRule: rule('OPTOUT') }).ok);
  });

  it('reads organisations named only as the care team as routine coordination with no organisation', () => {
    const onTeam = (id: string) => ({
      extension: [{ url: FHIR_EXTENSIONS.careTeamActor, valueBoolean: true }],
      role: {},
      reference: { reference: `Organization/${id}` },
    });
    const read = fromFhirConsent({
      resourceType: 'Consent',
      status: 'active',
      scope: { coding: [{ code: 'patient-privacy' }] },
      provision: {
        type: 'deny',
        provision: [{ type: 'permit', actor: [onTeam(ORGS[0] as string), onTeam(ORGS[1] as string)] }],
      },
    });
    assert.ok(read.ok, JSON.stringify(read));
    assert.deepEqual(
      read.consent.provisions.map((p) => [p.kind, p.organisationId]),
      [['ROUTINE_COORDINATION', null]],
    );
  });
});
