import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { describeEachEngine } from '../../../../test/harness/engines.ts';
import {
  addMembership,
  makeOrganisation,
  makePerson,
  makeStaff,
} from '../../../../test/harness/factories.ts';
import { assertValidFhir } from '../../../../test/harness/fhir-schema.ts';
import { call, type Session, signIn, testApp } from '../../../../test/harness/http.ts';
import { accessReportSchema } from '../../../contracts/audit-export.ts';
import { DATA_CATEGORIES, PURPOSES } from '../../../contracts/enums.ts';
import type { Database } from '../../db/database.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { type AuditEvent, toRow } from './audit-entry.ts';
import { auditExportRoutes } from './audit-export.routes.ts';
import { CSV_COLUMNS, csvCell, entryPages, toCsv } from './audit-export.ts';
import { type FhirAuditEvent, LEAF_EXTENSION_URL, toFhirAuditEvent } from './audit-fhir.ts';
import { AuditWriter } from './audit-writer.ts';
import { sequenceOnce } from './sequencer.ts';

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

describe('CSV', () => {
  it('quotes per RFC 4180 and defuses cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(7), '7');
    for (const danger of ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx'])
      assert.ok(csvCell(danger).replace(/^"/, '').startsWith("'"), `${danger} was not defused`);
    assert.equal(csvCell('=1+1'), "'=1+1");
    assert.equal(csvCell('=A1,B1'), `"'=A1,B1"`);
  });

  it('writes a header and one CRLF-terminated record per entry', () => {
    const text = toCsv([row({ actor, details: { note: '=cmd' } }, 3), row({ action: 'entry.create' })], ORGS);
    const lines = text.split('\r\n');
    assert.equal(lines.at(-1), '');
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length, 4);
    assert.ok(lines[1]?.startsWith('3,abab'));
    assert.ok(lines[1]?.endsWith('Housing,,'));
    assert.ok(lines[1]?.includes('"{""note"":""=cmd""}"'));
  });
});

async function appWithExportRoutes(database: Database): Promise<FastifyInstance> {
  const app = await testApp(database);
  // Until app.ts registers the plugin, the test mounts it itself exactly as app.ts would.
  if (!app.hasRoute({ method: 'GET', url: '/api/v1/audit/export.csv' })) {
    const audit = new AuditWriter(database);
    await app.register(auditExportRoutes({ database, clock: () => new Date(), audit }), {
      prefix: '/api/v1',
    });
  }
  return app;
}

describeEachEngine('audit export', (database) => {
  let app: FastifyInstance;
  let ig: Session;
  let coordinator: Session;
  let outsider: Session;
  let trust: string;
  let housing: string;
  let cc: { id: string };
  let alice: { id: string; nhsNumber: string };
  const key = generateKeyPairSync('ed25519');

  before(async () => {
    const db = database();
    app = await appWithExportRoutes(db);
    trust = await makeOrganisation(db, { name: 'Trust' });
    housing = await makeOrganisation(db, { name: 'Housing', type: 'HOUSING_PROVIDER' });
    cc = await makeStaff(db, { organisationId: trust, roles: ['care_manager'], username: 'coord' });
    const support = await makeStaff(db, { organisationId: housing, roles: ['frontline'] });
    await makeStaff(db, { organisationId: trust, roles: ['ig_lead'], username: 'ig' });
    await makeStaff(db, {
      organisationId: trust,
      roles: ['care_manager', 'system_admin'],
      username: 'outsider',
    });
    alice = await makePerson(db);
    const bob = await makePerson(db);
    await addMembership(db, {
      personId: alice.id,
      organisationId: trust,
      staffId: cc.id,
      role: 'CARE_COORDINATOR',
    });
    const writer = new AuditWriter(db);
    const view = (staffId: string, org: string, personId: string, minute: number) =>
      writer.append(
        [
          {
            action: 'record.view',
            outcome: 'permit',
            actor: { staffId, organisationId: org, roles: ['care_manager'] },
            personId,
            categories: ['CARE_PLAN'],
            purpose: 'DIRECT_CARE',
            ownerOrganisationId: org,
            recipientOrganisationId: org,
          },
        ],
        new Date(AT.getTime() + minute * 60_000),
        crypto.randomUUID(),
      );
    // 25 entries with one timestamp: keyset pages must break ties by id, losing and repeating none.
    await Promise.all(Array.from({ length: 25 }, () => view(cc.id, trust, alice.id, 0)));
    await view(support.id, housing, bob.id, 5);
    await view(cc.id, trust, bob.id, 10);
    await sequenceOnce(db, { privateKey: key.privateKey, keyId: 'k' }, new Date(), { forceHead: true });
    ig = await signIn(app, 'ig');
    coordinator = await signIn(app, 'coord');
    outsider = await signIn(app, 'outsider');
  });

  after(async () => {
    await app.close();
  });

  it('pages through ties in time without losing or repeating an entry', async () => {
    const seen: string[] = [];
    for await (const page of entryPages(database(), { personId: alice.id }, 10)) {
      assert.ok(page.length <= 10);
      seen.push(...page.map((r) => r.id));
    }
    assert.equal(seen.length, 25);
    assert.equal(new Set(seen).size, 25);
    assert.deepEqual(seen, [...seen].sort());
  });

  it('filters by person, actor, organisation and time', async () => {
    const count = async (filter: Parameters<typeof entryPages>[1]) => {
      let n = 0;
      for await (const page of entryPages(database(), filter)) n += page.length;
      return n;
    };
    // Sign-ins made for the API tests are recorded now; the day bound keeps to the entries made above.
    const to = '2025-06-02T00:00:00.000Z';
    assert.equal(await count({ organisationId: housing, to }), 1);
    assert.equal(await count({ actorId: cc.id, to }), 26);
    assert.equal(
      await count({
        actorId: cc.id,
        organisationId: trust,
        from: new Date(AT.getTime() + 60_000).toISOString(),
      }),
      1,
    );
    assert.equal(
      await count({ to: new Date(AT.getTime() + 6 * 60_000).toISOString(), organisationId: housing }),
      1,
    );
    assert.equal(
      await count({
        from: new Date(AT.getTime() + 5 * 60_000).toISOString(),
        to: new Date(AT.getTime() + 10 * 60_000).toISOString(),
      }),
      1,
    );
  });

  it('exports CSV to IG leads as an attachment, filtered, and records the export', async () => {
    const res = await call(app, ig, 'GET', `/api/v1/audit/export.csv?personId=${alice.id}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv/);
    assert.match(String(res.headers['content-disposition']), /^attachment; filename="accord-audit-.*\.csv"$/);
    const lines = res.body.split('\r\n').filter((l) => l !== '');
    assert.ok(lines.slice(1).every((l) => l.includes(alice.id)));
    // The export is recorded before it is read, so it lists itself too.
    assert.equal(lines.filter((l) => l.includes(',record.view,')).length, 25);
    assert.equal(lines.filter((l) => l.includes(',audit.export,')).length, 1);
    assert.equal(lines.length, 1 + 26);
    const logged = await database()
      .db.selectFrom('audit_entries')
      .select(['action', 'actor_staff_id', 'person_id'])
      .where('request_id', '=', String(res.headers['x-request-id']))
      .execute();
    assert.deepEqual(
      logged.map((r) => [r.action, r.person_id]),
      [['audit.export', alice.id]],
    );
  });

  it('exports a FHIR Bundle of AuditEvents', async () => {
    const res = await call(app, ig, 'GET', `/api/v1/audit/export.fhir?organisationId=${trust}`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /^application\/fhir\+json/);
    const bundle = res.json<{ resourceType: string; type: string; entry: { resource: FhirAuditEvent }[] }>();
    assert.equal(bundle.resourceType, 'Bundle');
    assert.equal(bundle.type, 'collection');
    assert.ok(bundle.entry.length >= 1);
    assertValidFhir(bundle, 'the exported Bundle');
    // An IG lead exports only what their own organisation took part in: housing's entry of its own
    // staff reading housing data stays with housing's IG lead.
    const housingOnly = await call(app, ig, 'GET', `/api/v1/audit/export.fhir?organisationId=${housing}`);
    assert.deepEqual(housingOnly.json<{ entry: unknown[] }>().entry, []);
    assert.equal(bundle.entry[0]?.resource.resourceType, 'AuditEvent');
    const empty = await call(
      app,
      ig,
      'GET',
      `/api/v1/audit/export.fhir?personId=${crypto.randomUUID()}&to=2025-01-01T00:00:00.000Z`,
    );
    assert.deepEqual(empty.json<{ entry: unknown[] }>().entry, []);
  });

  it('keeps the explorer to what the IG lead’s organisation took part in, and audits every search', async () => {
    const mine = await call(app, ig, 'GET', '/api/v1/audit/entries?pageSize=100');
    assert.equal(mine.statusCode, 200);
    const items = mine.json<{
      items: {
        id: string;
        actorOrganisationId: string | null;
        ownerOrganisationId: string | null;
        recipientOrganisationId: string | null;
      }[];
    }>().items;
    assert.ok(items.length > 0);
    assert.ok(
      items.every((e) =>
        [e.actorOrganisationId, e.ownerOrganisationId, e.recipientOrganisationId].includes(trust),
      ),
    );
    const elsewhere = await call(app, ig, 'GET', `/api/v1/audit/entries?organisationId=${housing}`);
    assert.equal(elsewhere.statusCode, 400);
    const foreign = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('actor_org_id', '=', housing)
      .where((eb) => eb.or([eb('owner_org_id', 'is', null), eb('owner_org_id', '<>', trust)]))
      .where((eb) => eb.or([eb('recipient_org_id', 'is', null), eb('recipient_org_id', '<>', trust)]))
      .executeTakeFirst();
    if (foreign)
      assert.equal((await call(app, ig, 'GET', `/api/v1/audit/entries/${foreign.id}`)).statusCode, 404);
    const searches = await database()
      .db.selectFrom('audit_entries')
      .select('id')
      .where('action', '=', 'audit.search')
      .execute();
    assert.ok(searches.length > 0, 'reading the log is itself logged');
  });

  it('refuses exports to anyone but IG leads, and bad filters with the field named', async () => {
    assert.equal((await call(app, null, 'GET', '/api/v1/audit/export.csv')).statusCode, 401);
    assert.equal((await call(app, coordinator, 'GET', '/api/v1/audit/export.csv')).statusCode, 403);
    const fhirRefused = await call(app, outsider, 'GET', '/api/v1/audit/export.fhir');
    assert.equal(fhirRefused.statusCode, 403);
    assert.match(String(fhirRefused.headers['content-type']), /^application\/fhir\+json/);
    assertValidFhir(fhirRefused.json(), 'the refusal');
    assert.equal(fhirRefused.json<{ issue: { code: string }[] }>().issue[0]?.code, 'forbidden');
    const bad = await call(app, ig, 'GET', '/api/v1/audit/export.csv?personId=nope&colour=red');
    assert.equal(bad.statusCode, 400);
    const fields = bad
      .json<{ errors: { field: string }[] }>()
      .errors.map((e) => e.field)
      .sort();
    assert.deepEqual(fields, ['querystring.colour', 'querystring.personId']);
    const backwards = await call(
      app,
      ig,
      'GET',
      '/api/v1/audit/export.csv?from=2025-02-01T00:00:00Z&to=2025-01-01T00:00:00Z',
    );
    assert.equal(backwards.statusCode, 400);
  });

  it('serves the access report as JSON and PDF to the care coordinator, 404 to others', async () => {
    const json = await call(app, coordinator, 'GET', `/api/v1/people/${alice.id}/access-report`);
    assert.equal(json.statusCode, 200);
    const report = accessReportSchema.parse(json.json());
    assert.equal(report.accesses.filter((a) => a.action === 'record.view').length, 25);
    assert.equal(report.person.nhsNumber, alice.nhsNumber);
    const pdf = await call(app, coordinator, 'GET', `/api/v1/people/${alice.id}/access-report.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
    for (const url of [
      `/api/v1/people/${alice.id}/access-report`,
      `/api/v1/people/${alice.id}/access-report.pdf`,
    ]) {
      const res = await call(app, outsider, 'GET', url);
      assert.equal(res.statusCode, 404);
      assert.ok(!res.body.includes(alice.nhsNumber));
    }
    assert.equal((await call(app, ig, 'GET', `/api/v1/people/${alice.id}/access-report`)).statusCode, 200);
    assert.equal(
      (await call(app, coordinator, 'GET', `/api/v1/people/${crypto.randomUUID()}/access-report`)).statusCode,
      404,
    );
  });
});
