import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidFhir, fhirSchemaErrors } from './harness/fhir-schema.ts';

const auditEvent = {
  resourceType: 'AuditEvent',
  type: { system: 'http://terminology.hl7.org/CodeSystem/audit-event-type', code: 'rest' },
  recorded: '2025-06-01T10:00:00.000Z',
  agent: [{ who: { display: 'Accord' }, requestor: true }],
  source: { observer: { display: 'Accord' } },
};

describe('FHIR R4 schema check', () => {
  it('accepts a valid resource', () => {
    assert.deepEqual(fhirSchemaErrors(auditEvent), []);
    assertValidFhir({ resourceType: 'Bundle', type: 'collection', entry: [{ resource: auditEvent }] });
  });

  it('names the path of an element R4 does not have, and of a value of the wrong form', () => {
    const errors = fhirSchemaErrors({ ...auditEvent, purposeOfUse: [], recorded: '1 June 2025' });
    assert.equal(errors.length, 2, errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('(resource): ') && e.endsWith('(purposeOfUse)')));
    assert.ok(errors.some((e) => e.startsWith('.recorded: ')));
    assert.throws(() => assertValidFhir({ ...auditEvent, purposeOfUse: [] }), /purposeOfUse/);
  });

  it('names a bad Bundle entry by its own path', () => {
    const errors = fhirSchemaErrors({
      resourceType: 'Bundle',
      type: 'collection',
      entry: [{ resource: auditEvent }, { resource: { ...auditEvent, agent: [{ requestor: 'yes' }] } }],
    });
    assert.ok(errors.length > 0);
    assert.deepEqual(
      [...new Set(errors.map((e) => e.split(':')[0]))],
      ['entry[1].resource.agent[0].requestor'],
    );
  });

  it('refuses what is not a FHIR resource', () => {
    assert.deepEqual(fhirSchemaErrors({ id: 'x' }), ['(resource): has no resourceType']);
    assert.throws(() => fhirSchemaErrors({ resourceType: 'Gossip' }), /no resource type Gossip/);
  });
});
