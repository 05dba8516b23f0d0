/**
 * Sends malformed requests across every route in `app.routeTable` through `app.inject` and counts
 * what a hostile client must never see: a 5xx, an error that is not problem+json, an error without
 * the security headers, a response or log line that echoes an NHS-number-shaped value.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { Database } from '../../src/server/db/database.ts';
import { addMembership, makeOrganisation, makePerson, makeStaff } from '../harness/factories.ts';
import { type Session, signIn } from '../harness/http.ts';
import { badBody, badQuery, badSegment, NHS_LIKE, type Rng, rng } from './malformed.ts';

/** What one fuzz run found. */
export interface FuzzFigures {
  requests: number;
  routes: number;
  byStatus: Record<string, number>;
  serverErrors: number;
  notProblemJson: number;
  missingSecurityHeaders: number;
  echoedNhsLike: number;
  logLinesWithNhsLike: number;
  /** Up to 20 failing requests, described without their bodies. */
  samples: string[];
  millis: number;
}

interface Target {
  method: string;
  url: string;
  query: string[];
  fields: string[];
}

type OpenApi = {
  paths?: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
      }
    >
  >;
};

/** Each route with the query names and body fields its OpenAPI operation declares. */
function targets(app: FastifyInstance, openapi: OpenApi): Target[] {
  return app.routeTable.map((route) => {
    const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const op = openapi.paths?.[path]?.[route.method.toLowerCase()];
    const query = (op?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    const schema = op?.requestBody?.content?.['application/json']?.schema;
    return { method: route.method, url: route.url, query, fields: Object.keys(schema?.properties ?? {}) };
  });
}

/** The app under test with an account holding every role, a colleague, and a person on a care team. */
export async function fuzzSubject(
  database: Database,
): Promise<{ app: FastifyInstance; sessions: Session[]; ids: string[]; logHits: () => number }> {
  let hits = 0;
  const logStream = {
    write(line: string) {
      if (line.includes(NHS_LIKE)) hits += 1;
    },
  };
  const app = await buildApp({ database, logLevel: 'info', web: false, logStream });
  const org = await makeOrganisation(database);
  const colleague = await makeStaff(database, { organisationId: org, roles: ['care_manager'] });
  // Administrators may not hold a caseload: one account for each side reaches every route's service.
  const clinician = await makeStaff(database, {
    organisationId: org,
    roles: ['care_manager', 'clinical', 'safeguarding_lead', 'duty', 'frontline'],
    safeguardingTrained: true,
  });
  const admin = await makeStaff(database, {
    organisationId: org,
    roles: ['system_admin', 'ig_lead', 'service_manager', 'commissioner'],
  });
  const person = await makePerson(database);
  await addMembership(database, { personId: person.id, organisationId: org, staffId: clinician.id });
  const sessions = [await signIn(app, clinician.username), await signIn(app, admin.username)];
  return { app, sessions, ids: [person.id, colleague.id, org], logHits: () => hits };
}

function headersFor(
  r: Rng,
  session: Session | undefined,
  method: string,
  url: string,
): Record<string, string> {
  // Signing out would end the fuzzing session: that route is sent without credentials.
  if (url.endsWith('/auth/logout') || !session) return {};
  const roll = r.int(20);
  if (roll === 0) return {};
  if (roll === 1) return { cookie: 'accord_session=%00%ff' };
  if (roll === 2)
    return { authorization: r.pick(['Bearer acc_%00', 'Bearer ', 'Basic Og==', 'Bearer x'.repeat(500)]) };
  const headers: Record<string, string> = { cookie: session.cookie };
  if (method !== 'GET') headers['x-csrf-token'] = roll === 3 ? 'wrong' : session.csrf;
  return headers;
}

/** Fills a route's path with bad (sometimes valid) parameters. */
function pathFor(r: Rng, url: string, ids: readonly string[]): string {
  if (url.endsWith('*')) return `${url.slice(0, -1)}${badSegment(r, ids)}`;
  return url.replace(/:[A-Za-z]+/g, () => badSegment(r, ids));
}

/** Sends `requests` malformed requests, spread evenly over the routes, and counts what went wrong. */
export async function fuzzRoutes(
  app: FastifyInstance,
  sessions: readonly Session[],
  ids: readonly string[],
  options: { requests: number; seed: number; logHits: () => number; onProgress?: (done: number) => void },
): Promise<FuzzFigures> {
  const started = Date.now();
  const openapi = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
  const all = targets(app, openapi);
  const r = rng(options.seed);
  const figures: FuzzFigures = {
    requests: 0,
    routes: all.length,
    byStatus: {},
    serverErrors: 0,
    notProblemJson: 0,
    missingSecurityHeaders: 0,
    echoedNhsLike: 0,
    logLinesWithNhsLike: 0,
    samples: [],
    millis: 0,
  };
  const fail = (what: string, t: Target, status: number) => {
    if (figures.samples.length < 20) figures.samples.push(`${what}: ${status} ${t.method} ${t.url}`);
  };
  for (let i = 0; i < options.requests; i++) {
    const t = all[i % all.length];
    if (!t) continue;
    let url = pathFor(r, t.url, ids);
    if (r.chance(0.5)) url += badQuery(r, t.query);
    if (r.chance(0.03))
      url = r.pick([`/api/v1/%${NHS_LIKE}`, `/%E0%A4%A${url}`, `${url}%`, `/api/v1/people/${NHS_LIKE}%zz`]);
    const withBody = t.method !== 'GET' || r.chance(0.05);
    const body = withBody ? badBody(r, t.fields) : { payload: undefined, contentType: null };
    const headers = headersFor(r, sessions[i % sessions.length] ?? sessions[0], t.method, t.url);
    if (body.contentType) headers['content-type'] = body.contentType;
    const res = await app.inject({
      method: t.method as 'GET',
      url,
      headers,
      ...(body.payload !== undefined ? { payload: body.payload } : {}),
    });
    figures.requests += 1;
    if (figures.requests % 10_000 === 0) options.onProgress?.(figures.requests);
    const status = res.statusCode;
    figures.byStatus[String(status)] = (figures.byStatus[String(status)] ?? 0) + 1;
    if (status >= 500) {
      figures.serverErrors += 1;
      fail('5xx', t, status);
    }
    if (status >= 400) {
      // Errors are problem+json; FHIR routes may answer as FHIR does, with an OperationOutcome.
      const fhirRoute = /\/fhir$|export\.fhir$/.test(t.url);
      const type = String(res.headers['content-type'] ?? '');
      const described =
        type.startsWith('application/problem+json') ||
        (fhirRoute && type.startsWith('application/fhir+json') && res.body.includes('"OperationOutcome"'));
      if (!described) {
        figures.notProblemJson += 1;
        fail('not problem+json', t, status);
      }
      if (res.headers['x-content-type-options'] !== 'nosniff' || !res.headers['content-security-policy']) {
        figures.missingSecurityHeaders += 1;
        fail('no security headers', t, status);
      }
      if (res.body.includes(NHS_LIKE)) {
        figures.echoedNhsLike += 1;
        fail('echoed an NHS-number-shaped value', t, status);
      }
    }
  }
  figures.logLinesWithNhsLike = options.logHits();
  figures.millis = Date.now() - started;
  return figures;
}
