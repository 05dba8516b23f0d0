import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
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
import type { Database } from '../../db/database.ts';
import type { AuditEntryRow } from './audit.tables.ts';
import { type AuditEvent, toRow } from './audit-entry.ts';
import { auditExportRoutes } from './audit-export.routes.ts';
import { CSV_COLUMNS, csvCell, entryPages, toCsv } from './audit-export.ts';
import type { FhirAuditEvent } from './audit-fhir.ts';
import { AuditWriter } from './audit-writer.ts';
import { sequenceOnce } from './sequencer.ts';

const TRUST = crypto.randomUUID();
const HOUSING = crypto.randomUUID();
const ORGS = new Map([
  [TRUST, 'Trust'],
  [HOUSING, 'Housing'],
]);
const AT = new Date('2025-06-01T10:00:00.000Z');

function row(event: Partial<AuditEvent>, leaf: number | null = null): AuditEntryRow {
  const base = toRow({ action: 'record.view', outcome: 'permit', ...event }, AT, 'req-1');
  return leaf === null ? base : { ...base, leaf_index: leaf, leaf_hash: 'ab'.repeat(32) };
}

const actor = { staffId: crypto.randomUUID(), organisationId: HOUSING, roles: ['frontline'] };

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
