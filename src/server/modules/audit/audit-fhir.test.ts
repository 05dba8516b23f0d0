import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { assertValidFhir } from '../../../../test/harness/fhir-schema.ts';
import { DATA_CATEGORIES, PURPOSES } from '../../../contracts/enums.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { type AuditEvent, toRow } from './audit-entry.ts';
import { type FhirAuditEvent, LEAF_EXTENSION_URL, toFhirAuditEvent } from './audit-fhir.ts';

const TRUST = crypto.randomUUID();
const HOUSING = crypto.randomUUID();
const ORGS = new Map([
  [TRUST, 'Trust'],
  [HOUSING, 'Housing'],
]);
const AT = new Date('2025-06-01T10:00:00.000Z');

/** Actions the services record, so the schema check covers every shape the export can take. */
const ACTIONS = [
  'access.explain',
  'access.policy.update',
  'access_review.complete',
  'access_review.escalate',
  'access_review.item.decide',
  'access_review.open',
  'agreement.create',
  'agreement.status',
  'agreement.update',
  'anomaly.detection.run',
  'anomaly.settings.update',
  'api_token.create',
  'audit.activity',
  'audit.entry.view',
  'audit.export',
  'audit.key.rotate',
  'audit.search',
  'auth.sign_in',
  'auth.sign_out',
  'break_glass.deny',
  'break_glass.end',
  'break_glass.grant',
  'care_team.add',
  'care_team.end',
  'caseload.list',
  'consent.capture',
  'consent.export.fhir',
  'consent.preview',
  'consent.refuse',
  'consent.review.complete',
  'consent.review.raise',
  'consent.view',
  'consent.withdraw',
  'consent_review.list',
  'entry.amend',
  'entry.create',
  'entry.history.view',
  'exception_review.close',
  'exception_review.list',
  'exception_review.view',
  'investigation.case.close',
  'investigation.case.evidence.add',
  'investigation.case.open',
  'lawful_exception.record',
  'organisation.create',
  'organisation.governance.assign',
  'organisation.update',
  'person.access.deny',
  'person.register',
  'record.access.deny',
  'record.disclose',
  'record.edit.deny',
  'record.view',
  'report.access.deny',
  'report.access.generate',
  'staff.create',
  'staff.role.revoke',
  'staff.training.add',
  'staff.update',
  'team.create',
] as const;

function row(event: Partial<AuditEvent>, leaf: number | null = null): AuditEntryRow {
  const base = toRow({ action: 'record.view', outcome: 'permit', ...event }, AT, 'req-1');
  return leaf === null ? base : { ...base, leaf_index: leaf, leaf_hash: 'ab'.repeat(32) };
}

const actor = { staffId: crypto.randomUUID(), organisationId: HOUSING, roles: ['frontline'] };
const codes = (cs: { code?: string | undefined }[] | undefined) => (cs ?? []).map((c) => c.code);
const agentOf = (e: FhirAuditEvent, code: string) =>
  e.agent.filter((a) => a.type?.coding?.some((c) => c.code === code));

describe('FHIR AuditEvent mapping', () => {
  it('maps a cross-organisation read to a BALP RESTful read', () => {
    const personId = crypto.randomUUID();
    const agreementId = crypto.randomUUID();
    const e = toFhirAuditEvent(
      row(
        {
          action: 'record.disclose',
          actor,
          personId,
          categories: ['RISK_SUMMARY', 'CRISIS_PLAN'],
          purpose: 'CARE_COORDINATION',
          ownerOrganisationId: TRUST,
          recipientOrganisationId: HOUSING,
          reasons: ['PERMIT_AGREEMENT'],
          agreementId,
        },
        41,
      ),
      ORGS,
    );
    assertValidFhir(e);
    assert.equal(e.resourceType, 'AuditEvent');
    assert.deepEqual(
      [e.type.system, e.type.code],
      ['http://terminology.hl7.org/CodeSystem/audit-event-type', 'rest'],
    );
    assert.deepEqual(
      e.subtype.map((c) => [c.system, c.code]),
      [
        ['http://hl7.org/fhir/restful-interaction', 'read'],
        ['https://accord.invalid/fhir/CodeSystem/audit-action', 'record.disclose'],
      ],
    );
    assert.equal(e.action, 'R');
    assert.equal(e.outcome, '0');
    assert.equal(e.recorded, AT.toISOString());
    assert.deepEqual(
      e.purposeOfEvent?.map((p) => codes(p.coding)),
      [['COC', 'CARE_COORDINATION']],
    );
    const [user, client, server, custodian, recipient] = e.agent;
    assert.equal(user?.who?.reference, `Practitioner/${actor.staffId}`);
    assert.equal(user?.requestor, true);
    assert.deepEqual(codes(user?.type?.coding), ['IRCP']);
    assert.deepEqual(user?.policy, [`urn:accord:agreement:${agreementId}`]);
    assert.deepEqual(user?.purposeOfUse, e.purposeOfEvent);
    // A read: data flows to the client, which BALP names the Destination Role ID.
    assert.deepEqual(
      [codes(client?.type?.coding), client?.who?.type, client?.requestor],
      [['110152'], 'Device', false],
    );
    assert.deepEqual(codes(server?.type?.coding), ['110153']);
    assert.deepEqual(server?.who, e.source.observer);
    assert.equal(e.source.observer.type, 'Device');
    assert.deepEqual(
      [custodian?.who?.reference, codes(custodian?.type?.coding)],
      [`Organization/${TRUST}`, ['CST']],
    );
    assert.deepEqual([recipient?.who?.display, codes(recipient?.type?.coding)], ['Housing', ['IRCP']]);
    assert.ok(
      e.entity?.every((x) => x.what !== undefined),
      'every entity names what it is',
    );
    const patient = e.entity?.find((x) => x.role?.code === '1');
    assert.equal(patient?.what?.reference, `Patient/${personId}`);
    const data = e.entity?.find((x) => x.role?.code === '4');
    assert.deepEqual(codes(data?.securityLabel), ['CRISIS_PLAN', 'RISK_SUMMARY']);
    assert.equal(data?.what?.identifier?.value, personId);
    assert.equal(e.entity?.find((x) => x.type?.code === 'XrequestId')?.what?.identifier?.value, 'req-1');
    assert.deepEqual(e.extension, [
      {
        url: LEAF_EXTENSION_URL,
        extension: [
          { url: 'leafIndex', valueUnsignedInt: 41 },
          { url: 'leafHash', valueString: 'ab'.repeat(32) },
        ],
      },
    ]);
  });

  it('marks denials as minor failures with their reasons, and break-glass with BTG', () => {
    const denied = toFhirAuditEvent(
      row({ action: 'record.access.deny', outcome: 'deny', actor, reasons: ['NOT_INVOLVED_IN_CARE'] }),
      ORGS,
    );
    assertValidFhir(denied);
    assert.equal(denied.outcome, '4');
    assert.equal(denied.outcomeDesc, 'NOT_INVOLVED_IN_CARE');
    assert.equal(denied.extension, undefined, 'an entry not yet sequenced has no leaf');
    const glass = toFhirAuditEvent(
      row({
        actor,
        purpose: 'CRISIS_RESPONSE',
        breakGlassGrantId: crypto.randomUUID(),
        personId: crypto.randomUUID(),
      }),
      ORGS,
    );
    assertValidFhir(glass);
    assert.deepEqual(
      glass.purposeOfEvent?.map((p) => codes(p.coding)[0]),
      ['ETREAT', 'BTG'],
    );
  });

  it('gives changes, searches, sign-ins and exports their event types, interactions and actions', () => {
    const shape = (e: FhirAuditEvent) => [
      e.type.code,
      e.subtype[0]?.code,
      e.action,
      codes(e.agent[0]?.type?.coding)[0],
    ];
    const personId = crypto.randomUUID();
    const target = { type: 'record_entry', id: crypto.randomUUID() };
    const cases: [Partial<AuditEvent>, (string | undefined)[]][] = [
      [{ action: 'entry.create', target, personId }, ['rest', 'create', 'C', 'AUT']],
      [{ action: 'entry.amend', target, personId }, ['rest', 'update', 'U', 'AUT']],
      [
        { action: 'staff.create', target: { type: 'staff', id: actor.staffId } },
        ['rest', 'create', 'C', 'AUT'],
      ],
      [{ action: 'caseload.list' }, ['rest', 'search-type', 'E', 'IRCP']],
      [{ action: 'entry.history.view', target, personId }, ['rest', 'history-instance', 'R', 'IRCP']],
      [{ action: 'consent.preview', personId }, ['rest', 'operation', 'E', 'IRCP']],
      [{ action: 'auth.sign_in' }, ['110114', '110122', 'E', 'IRCP']],
      [{ action: 'audit.export' }, ['110106', 'read', 'R', 'INF']],
    ];
    for (const [event, expected] of cases) {
      const e = toFhirAuditEvent(row({ outcome: 'success', actor, ...event }), ORGS);
      assertValidFhir(e, String(event.action));
      assert.deepEqual(shape(e), expected, String(event.action));
      // A write carries its content from the client: BALP names the client the Source Role ID.
      if (e.action === 'C' || e.action === 'U')
        assert.equal(agentOf(e, '110153')[0]?.who?.display, 'Accord API client');
      assert.ok(
        e.entity?.every((x) => x.what !== undefined),
        String(event.action),
      );
    }
  });

  it('records work Accord starts itself with Accord as client and requestor, and no user', () => {
    const e = toFhirAuditEvent(
      { ...row({ action: 'anomaly.detection.run', outcome: 'success' }), request_id: null },
      ORGS,
    );
    assertValidFhir(e);
    assert.deepEqual([e.type.code, codes(e.subtype)], ['anomaly.detection.run', ['anomaly.detection.run']]);
    assert.equal(e.agent.length, 1);
    assert.deepEqual([e.agent[0]?.who, e.agent[0]?.requestor], [e.source.observer, true]);
    assert.equal(e.entity, undefined);
  });

  it('passes the R4 schema for any entry the log can hold', () => {
    const uuid = fc.uuid();
    const eventArb: fc.Arbitrary<AuditEvent> = fc.record(
      {
        action: fc.constantFrom(...ACTIONS),
        outcome: fc.constantFrom('permit', 'deny', 'success', 'failure' as const),
        actor: fc.option(
          fc.record({
            staffId: uuid,
            organisationId: fc.constantFrom(TRUST, HOUSING),
            roles: fc.uniqueArray(fc.constantFrom('frontline', 'care_manager', 'ig_lead'), { maxLength: 3 }),
          }),
          { nil: null },
        ),
        personId: fc.option(uuid, { nil: null }),
        categories: fc.uniqueArray(fc.constantFrom(...DATA_CATEGORIES), { maxLength: 4 }),
        purpose: fc.option(fc.constantFrom(...PURPOSES), { nil: null }),
        ownerOrganisationId: fc.option(fc.constantFrom(TRUST, HOUSING), { nil: null }),
        recipientOrganisationId: fc.option(fc.constantFrom(TRUST, HOUSING), { nil: null }),
        reasons: fc.uniqueArray(fc.constantFrom('PERMIT_AGREEMENT', 'NOT_INVOLVED_IN_CARE'), {
          maxLength: 2,
        }),
        agreementId: fc.option(uuid, { nil: null }),
        breakGlassGrantId: fc.option(uuid, { nil: null }),
        target: fc.option(
          fc.record({ type: fc.constantFrom('person', 'record_entry', 'consent'), id: uuid }),
          {
            nil: null,
          },
        ),
      },
      { requiredKeys: ['action', 'outcome'] },
    );
    fc.assert(
      fc.property(
        eventArb,
        fc.option(uuid, { nil: null }),
        fc.option(fc.nat(), { nil: null }),
        (event, req, leaf) => {
          const e = toFhirAuditEvent({ ...row(event, leaf), request_id: req }, ORGS);
          assertValidFhir(e, event.action);
          assert.ok(e.entity?.every((x) => x.what !== undefined) ?? true);
          assert.equal(e.agent.filter((a) => a.requestor).length, 1, 'one requestor');
        },
      ),
      { numRuns: 200 },
    );
  });
});
