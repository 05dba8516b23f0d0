import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { errorComponents, errorResponseRef, errorStatuses } from './openapi-errors.ts';
import { OPERATION_SUMMARIES } from './openapi-summaries.ts';
import { FHIR_JSON } from './operation-outcome.ts';

/** Marks carried from the route transform to the document pass, removed before the document is served. */
const ERRORS = 'x-accord-errors';
const FHIR = 'x-accord-fhir';

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A readable operationId made from the method and route, unique because they are:
 * `GET /api/v1/people/:id/consent/fhir` is `getPeopleByIdConsentFhir`. A route may declare its own.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split('/')
    .flatMap((segment) =>
      segment.startsWith(':') ? ['by', segment.slice(1)] : segment.split(/[^A-Za-z0-9]+/),
    )
    .filter((word) => word !== '');
  return [method.toLowerCase(), ...words.map(capitalised)].join('');
}

function hasSuccess(response: unknown): boolean {
  return (
    typeof response === 'object' && response !== null && Object.keys(response).some((s) => s.startsWith('2'))
  );
}

/** A route that streams a file declares its media types but no body schema: the document still names them. */
function fileResponse(produces: readonly string[]): Record<string, unknown> {
  const content = Object.fromEntries(
    produces.map((type) => [
      type,
      {
        schema:
          type === FHIR_JSON
            ? { type: 'object', required: ['resourceType'], properties: { resourceType: { type: 'string' } } }
            : { type: 'string', format: 'binary' },
      },
    ]),
  );
  return { 200: { description: 'The file, as an attachment.', content } };
}

/** Per route: an operationId, a summary, `security: []` when public, and which errors it can answer. */
function transform(args: Parameters<typeof jsonSchemaTransform>[0]): { schema: FastifySchema; url: string } {
  const { schema, url } = jsonSchemaTransform(args);
  const route: RouteOptions = args.route;
  const method = String(Array.isArray(route.method) ? route.method[0] : route.method).toUpperCase();
  const given = schema as FastifySchema & {
    operationId?: string;
    summary?: string;
    produces?: readonly string[];
  };
  const operationId = given.operationId ?? operationIdOf(method, url);
  const summary = given.summary ?? OPERATION_SUMMARIES[`${method} ${url}`];
  const isPublic = route.config?.public === true;
  const errors = errorStatuses(operationId, {
    method,
    public: isPublic,
    hasInput: Boolean(given.params || given.querystring || given.body),
    hasBody: Boolean(given.body),
    hasPathParams: url.includes(':'),
  });
  const marked: FastifySchema & Record<typeof ERRORS | typeof FHIR, unknown> = {
    ...schema,
    ...(given.produces && !hasSuccess(schema.response) ? { response: fileResponse(given.produces) } : {}),
    operationId,
    ...(summary ? { summary } : {}),
    ...(isPublic ? { security: [] } : {}),
    [ERRORS]: errors,
    [FHIR]: given.produces?.includes(FHIR_JSON) ?? false,
  };
  return { url, schema: marked };
}

type Operation = Record<string, unknown> & { responses?: Record<string, unknown> };

/** The whole document: the shared error schemas and responses, and each operation's error responses. */
function transformObject(args: Parameters<typeof jsonSchemaTransformObject>[0]) {
  const document = jsonSchemaTransformObject(args) as Record<string, unknown> & {
    components?: Record<string, Record<string, unknown>>;
    paths?: Record<string, Record<string, Operation>>;
  };
  const shared = errorComponents();
  const components = document.components ?? {};
  document.components = {
    ...components,
    schemas: { ...components.schemas, ...shared.schemas },
    responses: { ...components.responses, ...shared.responses },
  };
  for (const path of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(path)) {
      const statuses = operation[ERRORS];
      const fhir = operation[FHIR] === true;
      delete operation[ERRORS];
      delete operation[FHIR];
      if (!Array.isArray(statuses)) continue;
      const responses = { ...operation.responses };
      for (const status of statuses) responses[String(status)] ??= errorResponseRef(Number(status), fhir);
      operation.responses = responses;
    }
  }
  return document;
}

/** OpenAPI 3.1 generated from the route schemas, at /api/openapi.json with a docs page at /api/docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Accord API',
        version: '1',
        description:
          'Governed information sharing for integrated community mental health partnerships. Errors are application/problem+json (RFC 9457) with a stable code and the fields at fault; FHIR routes answer with FHIR R4 resources as application/fhir+json, and their errors as OperationOutcome.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'accord_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform,
    transformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
}
