import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { FastifyInstance } from 'fastify';
import type { OpenAPIV3_1 } from 'openapi-types';
import { buildApp } from '../src/server/app.ts';
import { type Database, migrateToLatest, openDatabase } from '../src/server/db/database.ts';
import { operationIdOf } from '../src/server/http/openapi.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

let database: Database;
let app: FastifyInstance;
let document: OpenAPIV3_1.Document;
let operations: { key: string; op: OpenAPIV3_1.OperationObject }[];

before(async () => {
  database = await openDatabase({ kind: 'sqlite', file: ':memory:' });
  await migrateToLatest(database);
  app = await buildApp({ database, logLevel: 'silent', web: false });
  const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  document = res.json<OpenAPIV3_1.Document>();
  operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const op = item?.[method];
      return op ? [{ key: `${method.toUpperCase()} ${path}`, op }] : [];
    }),
  );
});

after(async () => {
  await app.close();
  await database.close();
});

/** The response object behind a status, following a reference into components. */
function response(op: OpenAPIV3_1.OperationObject, status: string): OpenAPIV3_1.ResponseObject | undefined {
  const entry = op.responses?.[status];
  if (!entry) return undefined;
  if (!('$ref' in entry)) return entry;
  const name = entry.$ref.replace('#/components/responses/', '');
  const found = document.components?.responses?.[name];
  return found && !('$ref' in found) ? found : undefined;
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    assert.equal(document.openapi, '3.1.0');
    const result = await validate(structuredClone(document) as OpenAPIV3_1.Document);
    assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  });

  it('lists every API route as an operation', () => {
    const routes = app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
    assert.ok(routes.length > 50);
    const documented = new Set(operations.map((o) => o.key));
    const missing = routes
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`)
      .filter((key) => !documented.has(key));
    assert.deepEqual(missing, []);
  });

  it('gives every operation a unique operationId and a summary', () => {
    const noId = operations.filter((o) => !o.op.operationId).map((o) => o.key);
    assert.deepEqual(noId, [], 'operations without an operationId');
    const noSummary = operations.filter((o) => !o.op.summary?.trim()).map((o) => o.key);
    assert.deepEqual(noSummary, [], 'operations without a summary (add one in openapi-summaries.ts)');
    const ids = operations.map((o) => o.op.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    const summaries = operations.map((o) => o.op.summary);
    assert.equal(new Set(summaries).size, summaries.length, 'summaries tell operations apart');
  });

  it('derives readable operationIds from method and route', () => {
    assert.equal(operationIdOf('GET', '/api/v1/people/:id/consent/fhir'), 'getPeopleByIdConsentFhir');
    assert.equal(
      operationIdOf('POST', '/api/v1/people/:id/care-team/:membershipId/end'),
      'postPeopleByIdCareTeamByMembershipIdEnd',
    );
    assert.equal(operationIdOf('GET', '/api/v1/audit/export.csv'), 'getAuditExportCsv');
    assert.equal(operationIdOf('GET', '/healthz'), 'getHealthz');
    const consent = operations.find((o) => o.key === 'GET /api/v1/people/{id}/consent/fhir');
    assert.equal(consent?.op.operationId, 'getPeopleByIdConsentFhir');
  });

  it('documents each operation’s errors as application/problem+json', () => {
    for (const { key, op } of operations) {
      const errors = Object.keys(op.responses ?? {}).filter((s) => /^[45]\d\d$/.test(s));
      assert.ok(errors.includes('500'), `${key} documents 500`);
      if (op.security?.length !== 0)
        assert.ok(errors.includes('401') && errors.includes('403'), `${key} documents 401 and 403`);
      if (op.requestBody || op.parameters?.length) assert.ok(errors.includes('400'), `${key} documents 400`);
      // A readiness probe answers 503 with its status, for load balancers rather than people.
      for (const status of errors.filter((s) => !(key === 'GET /readyz' && s === '503'))) {
        const content = response(op, status)?.content ?? {};
        assert.ok(
          content['application/problem+json']?.schema,
          `${key} ${status} is application/problem+json`,
        );
      }
    }
    const problem = document.components?.schemas?.Problem;
    assert.deepEqual(problem?.required, ['type', 'title', 'status', 'code']);
  });

  it('declares the FHIR media types on the FHIR routes, OperationOutcome for their errors', () => {
    const fhir = operations.filter((o) => /\/fhir$|export\.fhir$/.test(o.key));
    assert.deepEqual(fhir.map((o) => o.key).sort(), [
      'GET /api/v1/audit/export.fhir',
      'GET /api/v1/handovers/{id}/fhir',
      'GET /api/v1/people/{id}/consent/fhir',
      'POST /api/v1/people/{id}/consent/fhir',
    ]);
    for (const { key, op } of fhir) {
      const ok = response(op, key.startsWith('POST') ? '201' : '200');
      assert.ok(ok?.content?.['application/fhir+json'], `${key} answers application/fhir+json`);
      const notFoundOrBad = response(op, '400') ?? response(op, '403');
      assert.deepEqual(notFoundOrBad?.content?.['application/fhir+json']?.schema, {
        $ref: '#/components/schemas/OperationOutcome',
      });
    }
    const importing = operations.find((o) => o.key === 'POST /api/v1/people/{id}/consent/fhir')?.op;
    const body = importing?.requestBody;
    assert.ok(body && !('$ref' in body) && body.content['application/fhir+json'], 'import accepts FHIR JSON');
  });

  it('marks the public operations as needing no credentials', () => {
    const login = operations.find((o) => o.key === 'POST /api/v1/auth/login')?.op;
    assert.deepEqual(login?.security, []);
    assert.ok(['401', '423', '429'].every((s) => login?.responses?.[s]));
    const me = operations.find((o) => o.key === 'GET /api/v1/me')?.op;
    assert.equal(me?.security, undefined, 'the document-wide requirement applies');
  });
});
