import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import type { HandoverDto } from '../../src/contracts/exchange.ts';
import type { PersonDetail } from '../../src/contracts/people.ts';
import { organisationId, staffId } from '../../src/server/demo/demo-ids.ts';
import { loadDemo } from '../../src/server/demo/load-demo.ts';
import { describeEachEngine } from '../harness/engines.ts';
import { assertValidFhir } from '../harness/fhir-schema.ts';
import { call, type Session, signIn, testApp } from '../harness/http.ts';

const trust = organisationId('trust');
const housing = organisationId('housing');

type Json = Record<string, unknown>;
const entries = (bundle: Json) => bundle.entry as { fullUrl: string; resource: Json }[];

/**
 * The structure a FHIR R4 document Bundle must have, checked by hand: type document, a Composition
 * first, every reference resolving inside the Bundle, narrative as XHTML, and emptyReason only on
 * sections with no entries.
 */
function assertDocumentStructure(bundle: Json): void {
  assert.equal(bundle.resourceType, 'Bundle');
  assert.equal(bundle.type, 'document');
  assert.ok(typeof bundle.timestamp === 'string' && !Number.isNaN(Date.parse(bundle.timestamp)));
  const list = entries(bundle);
  const urls = new Set(list.map((e) => e.fullUrl));
  assert.equal(urls.size, list.length, 'fullUrls are unique');
  const composition = list[0]?.resource;
  assert.ok(composition);
  assert.equal(composition.resourceType, 'Composition');
  for (const key of ['status', 'type', 'date', 'author', 'title'])
    assert.ok(composition[key], `Composition.${key}`);
  const refs = [
    (composition.subject as { reference: string }).reference,
    ...(composition.author as { reference: string }[]).map((a) => a.reference),
  ];
  for (const ref of refs) assert.ok(urls.has(ref), `${ref} resolves inside the Bundle`);
  for (const s of composition.section as Json[]) {
    const div = (s.text as { div: string }).div;
    assert.match(div, /^<div xmlns="http:\/\/www\.w3\.org\/1999\/xhtml">/);
    if (s.emptyReason) assert.equal(s.entry, undefined);
  }
}

describeEachEngine('handovers for partners without Accord', (database) => {
  let app: FastifyInstance;
  let coordinator: Session;
  let housingOfficer: Session;
  let handover: HandoverDto;
  let bundle: Json;

  before(async () => {
    const db = database();
    await loadDemo(db, { password: 'demo', people: 120 });
    app = await testApp(db);
    coordinator = await signIn(app, 'cc.amara', 'demo');
    housingOfficer = await signIn(app, 'ho.kerry', 'demo');
    const caseload = (await call(app, housingOfficer, 'GET', '/api/v1/people?pageSize=100')).json<{
      items: { id: string }[];
    }>().items;
    let personId: string | undefined;
    for (const { id } of caseload) {
      if ((await call(app, coordinator, 'GET', `/api/v1/people/${id}`)).statusCode !== 200) continue;
      const theirs = (await call(app, housingOfficer, 'GET', `/api/v1/people/${id}`)).json<PersonDetail>();
      if (
        theirs.sections
          .find((s) => s.category === 'RISK_SUMMARY')
          ?.entries.some((e) => e.organisationId === trust)
      ) {
        personId = id;
        break;
      }
    }
    assert.ok(personId);
    const res = await call(app, coordinator, 'POST', '/api/v1/handovers', {
      personId,
      template: 'CRISIS_SUMMARY',
      recipient: { organisationId: housing, staffId: staffId('ho.kerry') },
      purpose: 'DIRECT_CARE',
      route: 'SECURE_EMAIL',
      fields: {
        current_risks: 'Risk to self when alone at night <especially weekends>.',
        known_triggers: 'Letters about debt.',
        de_escalation: 'Quiet room, sister on the phone.',
        medication_considerations: 'Holds a week of sertraline at home.',
        key_contacts: 'Sister; GP practice.',
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    handover = res.json<HandoverDto>();
  });

  it('exports the recipient’s copy as a FHIR R4 document Bundle, one section per field, recorded as a disclosure', async () => {
    const res = await call(app, coordinator, 'GET', `/api/v1/handovers/${handover.id}/fhir`);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(res.headers['content-type'] ?? '', /application\/fhir\+json/);
    bundle = res.json<Json>();
    assertDocumentStructure(bundle);
    const sections = entries(bundle)[0]?.resource.section as Json[];
    assert.equal(sections.length, handover.fields.length);
    const medication = sections.find((s) => s.title === 'Medication considerations');
    assert.ok(medication);
    assert.equal((medication.emptyReason as { coding: { code: string }[] }).coding[0]?.code, 'withheld');
    assert.ok(!res.body.toLowerCase().includes('sertraline'), 'the withheld value is not in the document');
    assert.ok(res.body.includes('&lt;especially weekends&gt;'), 'narrative is escaped XHTML');
    const exports = await database()
      .db.selectFrom('audit_entries')
      .selectAll()
      .where('action', '=', 'handover.export')
      .where('target_id', '=', handover.id)
      .execute();
    assert.equal(exports.length, 1);
    assert.equal(exports[0]?.recipient_org_id, housing);
    assert.ok(!exports[0]?.categories.split(',').includes('MEDICATION'));
  });

  it('validates against the official FHIR R4 JSON schema', () => {
    assertValidFhir(bundle, 'handover Bundle');
  });

  it('exports a PDF, also recorded', async () => {
    const res = await call(app, housingOfficer, 'GET', `/api/v1/handovers/${handover.id}/pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const stranger = await signIn(app, 'mgr.ruth', 'demo');
    assert.equal((await call(app, stranger, 'GET', `/api/v1/handovers/${handover.id}/pdf`)).statusCode, 404);
  });

  it('importing the Bundle creates an incoming handover awaiting acknowledgement', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/handovers/import',
      headers: {
        cookie: housingOfficer.cookie,
        'x-csrf-token': housingOfficer.csrf,
        'content-type': 'application/fhir+json',
      },
      payload: JSON.stringify(bundle),
    });
    assert.equal(res.statusCode, 201, res.body);
    const incoming = res.json<HandoverDto>();
    assert.equal(incoming.status, 'sent');
    assert.equal(incoming.source, 'import');
    assert.equal(incoming.leadStaffId, staffId('ho.kerry'));
    assert.equal(incoming.senderOrganisationId, trust);
    assert.equal(
      incoming.fields.find((f) => f.key === 'current_risks')?.value,
      'Risk to self when alone at night <especially weekends>.',
    );
    assert.equal(incoming.fields.find((f) => f.key === 'medication_considerations')?.value, null);
    assert.deepEqual(incoming.missingFields, ['medication_considerations']);
    const ack = await call(app, housingOfficer, 'POST', `/api/v1/handovers/${incoming.id}/acknowledge`, {
      actions: [],
    });
    assert.equal(ack.statusCode, 200, ack.body);
  });

  it('a Bundle naming the importer’s own organisation, or a sender with no agreement, is refused naming the author', async () => {
    const withAuthor = (org: string) => {
      const copy = structuredClone(bundle);
      const composition = entries(copy)[0]?.resource as { author: { reference: string }[] };
      const author = entries(copy).find((e) => e.fullUrl === composition.author[0]?.reference)?.resource as {
        identifier: { value: string }[];
      };
      const id = author.identifier[0];
      if (id) id.value = org;
      return copy;
    };
    for (const org of [housing, organisationId('icb')]) {
      const res = await call(app, housingOfficer, 'POST', '/api/v1/handovers/import', withAuthor(org));
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(
        res.json<{ errors: { field: string }[] }>().errors[0]?.field,
        'body.entry.0.resource.author',
      );
    }
  });

  it('a Bundle that is not a handover document, or about someone unknown, is refused naming where', async () => {
    const broken = structuredClone(bundle);
    const composition = entries(broken)[0]?.resource as Json;
    composition.category = [
      { coding: [{ system: 'https://accord.invalid/fhir/CodeSystem/handover-template', code: 'POSTCARD' }] },
    ];
    const bad = await call(app, housingOfficer, 'POST', '/api/v1/handovers/import', broken);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(
      bad.json<{ errors: { field: string }[] }>().errors[0]?.field,
      'body.entry.0.resource.category',
    );
    const stranger = structuredClone(bundle);
    const patient = entries(stranger)[1]?.resource as { identifier: { value: string }[] };
    const first = patient.identifier[0];
    if (first) first.value = '9999999999';
    const unknown = await call(app, housingOfficer, 'POST', '/api/v1/handovers/import', stranger);
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(
      unknown.json<{ errors: { field: string }[] }>().errors[0]?.field,
      'body.entry.0.resource.subject',
    );
  });
});
