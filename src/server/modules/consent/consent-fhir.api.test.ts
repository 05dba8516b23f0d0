import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Consent, OperationOutcome } from 'fhir/r4.js';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import { assertValidFhir } from '../../../../test/harness/fhir-schema.ts';
import { governedDb } from '../../../../test/harness/governed.ts';
import { call, type Session } from '../../../../test/harness/http.ts';
import { type ConsentWorld, captureBody, consentWorld } from './consent.test-setup.ts';
import { FHIR_EXTENSIONS, FHIR_SYSTEMS } from './consent-fhir.ts';

describeEachEngine('consent FHIR API', (database) => {
  let w: ConsentWorld;
  before(async () => {
    w = await consentWorld(database());
  });
  const url = (personId: string, rest = '') => `/api/v1/people/${personId}/consent${rest}`;
  const versions = async (personId: string) =>
    (
      await governedDb(database())
        .selectFrom('consents')
        .select('id')
        .where('person_id', '=', personId)
        .execute()
    ).length;
  const sendFhir = (session: Session | null, personId: string, body: string, headers = {}) =>
    w.app.inject({
      method: 'POST',
      url: url(personId, '/fhir'),
      headers: {
        ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrf } : {}),
        'content-type': 'application/fhir+json; fhirVersion=4.0',
        ...headers,
      },
      payload: body,
    });
  const outcome = (res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }) => {
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff', 'the usual security headers');
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json<OperationOutcome>();
    assert.equal(body.resourceType, 'OperationOutcome');
    assertValidFhir(body, `the ${res.statusCode} OperationOutcome`);
    return body;
  };

  it('exports a valid R4 Consent: decision in policyRule, lawful bases apart, permits naming organisations', async () => {
    const alex = await w.person();
    await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([
        { kind: 'ROUTINE_COORDINATION' },
        { kind: 'NAMED_PARTNER', organisationId: w.orgs.housing, categories: ['CRISIS_PLAN'] },
        { kind: 'RESTRICTION', organisationId: null, categories: ['DIAGNOSIS'] },
      ]),
    );
    const res = await call(w.app, w.as.coordinator, 'GET', url(alex.id, '/fhir'));
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    const consent = res.json<Consent>();
    assertValidFhir(consent, 'the exported Consent');
    assert.deepEqual(consent.policyRule?.coding, [{ system: FHIR_SYSTEMS.actCode, code: 'OPTIN' }]);
    const bases = (consent.extension ?? [])
      .filter((e) => e.url === FHIR_EXTENSIONS.lawfulBasis)
      .map((e) => e.valueCoding?.code);
    assert.deepEqual(bases, ['A6_E_PUBLIC_TASK', 'A9_H_HEALTH_SOCIAL_CARE', 'CLDC_EXPLICIT_CONSENT']);
    const [routine, named, restriction] = consent.provision?.provision ?? [];
    const references = (p: typeof routine) => (p?.actor ?? []).map((a) => a.reference.reference).sort();
    // Routine coordination reaches the care team: all three organisations on it today are named.
    assert.equal(routine?.type, 'permit');
    assert.deepEqual(
      references(routine),
      [w.orgs.trust, w.orgs.council, w.orgs.housing].map((id) => `Organization/${id}`).sort(),
    );
    assert.deepEqual(references(named), [`Organization/${w.orgs.housing}`]);
    assert.equal(named?.actor?.[0]?.reference.display, 'Wendle Valley Homes');
    assert.equal(restriction?.type, 'deny');
    assert.equal(restriction?.actor, undefined);
  });

  it('accepts application/fhir+json and answers with the recorded Consent as a FHIR resource', async () => {
    const alex = await w.person();
    await call(
      w.app,
      w.as.coordinator,
      'POST',
      url(alex.id),
      captureBody([{ kind: 'ROUTINE_COORDINATION' }]),
    );
    const exported = (await call(w.app, w.as.coordinator, 'GET', url(alex.id, '/fhir'))).json<Consent>();
    const withdrawn = { ...exported, status: 'inactive', policyRule: undefined, provision: { type: 'deny' } };
    const res = await sendFhir(w.as.coordinator, alex.id, JSON.stringify(withdrawn));
    assert.equal(res.statusCode, 201, res.body);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    const created = res.json<Consent>();
    assertValidFhir(created, 'the created Consent');
    assert.equal(created.resourceType, 'Consent');
    assert.notEqual(created.id, exported.id, 'a new version of the consent');
    assert.deepEqual([created.status, created.meta?.versionId], ['inactive', '2']);
    assert.deepEqual(
      created.policyRule?.coding?.map((c) => c.code),
      ['OPTOUT'],
    );
    assert.ok(
      !created.extension?.some((e) => e.valueCoding?.code === 'CLDC_EXPLICIT_CONSENT'),
      'withdrawn consent is no longer a basis',
    );
    assert.equal(await versions(alex.id), 2);
  });

  it('answers errors on FHIR routes as OperationOutcome naming the element, and changes nothing', async () => {
    const alex = await w.person();
    const sam = await w.person();
    await call(w.app, w.as.coordinator, 'POST', url(sam.id), captureBody([{ kind: 'ROUTINE_COORDINATION' }]));
    const samConsent = (await call(w.app, w.as.coordinator, 'GET', url(sam.id, '/fhir'))).json<Consent>();

    const wrongPerson = await sendFhir(w.as.coordinator, alex.id, JSON.stringify(samConsent));
    assert.equal(wrongPerson.statusCode, 400);
    const issue = outcome(wrongPerson).issue[0];
    assert.deepEqual(
      [issue?.severity, issue?.code, issue?.expression],
      ['error', 'invalid', ['patient.identifier.value']],
    );
    assert.equal(issue?.details?.coding?.[0]?.code, 'VALIDATION_FAILED');
    assert.match(String(issue?.diagnostics), /^Request [0-9a-f-]{36}$/);

    const clash = await sendFhir(
      w.as.coordinator,
      sam.id,
      JSON.stringify({ ...samConsent, status: 'rejected' }),
    );
    assert.equal(clash.statusCode, 400);
    assert.deepEqual(
      outcome(clash).issue.map((i) => i.expression),
      [['policyRule']],
    );

    const notConsent = await sendFhir(w.as.coordinator, alex.id, JSON.stringify({ resourceType: 'Patient' }));
    assert.equal(notConsent.statusCode, 400);
    assert.deepEqual(outcome(notConsent).issue[0]?.expression, ['resourceType']);

    const broken = await sendFhir(w.as.coordinator, alex.id, '{"resourceType":');
    assert.equal(broken.statusCode, 400);
    outcome(broken);

    const anonymous = await call(w.app, null, 'GET', url(alex.id, '/fhir'));
    assert.equal(anonymous.statusCode, 401);
    assert.equal(outcome(anonymous).issue[0]?.code, 'login');

    const outsider = await call(w.app, w.as.outsider, 'GET', url(sam.id, '/fhir'));
    assert.equal(outsider.statusCode, 404);
    assert.equal(outcome(outsider).issue[0]?.code, 'not-found');
    assert.ok(!outsider.body.includes(sam.nhsNumber));

    const frontline = await sendFhir(w.as.frontline, sam.id, JSON.stringify(samConsent));
    assert.equal(frontline.statusCode, 403);
    assert.equal(outcome(frontline).issue[0]?.code, 'forbidden');

    assert.deepEqual([await versions(alex.id), await versions(sam.id)], [0, 1]);
  });

  it('gives a problem instead when the caller asks for problem+json', async () => {
    const alex = await w.person();
    const res = await sendFhir(w.as.coordinator, alex.id, JSON.stringify({ resourceType: 'Consent' }), {
      accept: 'application/problem+json',
    });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    assert.equal(res.json<{ code: string }>().code, 'VALIDATION_FAILED');
  });
});
