/**
 * The error responses the OpenAPI document declares: which statuses an operation can answer with,
 * and their bodies (application/problem+json everywhere; on FHIR routes an OperationOutcome as
 * application/fhir+json, or the problem when the caller asks for it). Pure.
 */
import { z } from 'zod';
import { problemSchema } from '../../contracts/errors.ts';
import { FHIR_JSON } from './operation-outcome.ts';

/** What an operation is, as far as its error responses go. */
export interface OperationTraits {
  method: string;
  public: boolean;
  hasInput: boolean;
  hasBody: boolean;
  hasPathParams: boolean;
}

const DESCRIPTIONS: Readonly<Record<number, [name: string, description: string]>> = {
  400: ['BadRequest', 'The request has invalid fields; each is named with what is wrong.'],
  401: ['Unauthorised', 'No valid session or token.'],
  403: ['Forbidden', 'The action is not the caller’s to take, or the CSRF token is missing.'],
  404: ['NotFound', 'No such thing, or not the caller’s to know about: the two look the same.'],
  409: ['Conflict', 'The write clashes with what is stored (a stale version, a duplicate).'],
  413: ['PayloadTooLarge', 'The request body is too large.'],
  415: ['UnsupportedMediaType', 'The request body is not of a media type this operation accepts.'],
  423: ['Locked', 'The account is locked after repeated failed sign-ins.'],
  429: ['TooManyRequests', 'Too many attempts; wait before trying again.'],
  500: ['ServerError', 'Something went wrong; the request changed nothing.'],
};

/** Statuses beyond the general ones that particular operations answer with, by operationId. */
const EXTRA_STATUSES: Readonly<Record<string, readonly number[]>> = {
  postAuthLogin: [401, 423, 429],
};

/** The error statuses an operation can answer with. */
export function errorStatuses(operationId: string, op: OperationTraits): number[] {
  const statuses = new Set<number>([500]);
  if (op.hasInput) statuses.add(400);
  if (!op.public) {
    statuses.add(401);
    statuses.add(403);
  }
  if (op.hasPathParams) statuses.add(404);
  if (op.method !== 'GET') statuses.add(409);
  if (op.hasBody) {
    statuses.add(413);
    statuses.add(415);
  }
  for (const extra of EXTRA_STATUSES[operationId] ?? []) statuses.add(extra);
  return [...statuses].sort((a, b) => a - b);
}

/** An OperationOutcome as FHIR R4 defines it (the elements Accord fills). */
const OPERATION_OUTCOME = {
  type: 'object',
  description: 'A FHIR R4 OperationOutcome (https://hl7.org/fhir/R4/operationoutcome.html).',
  required: ['resourceType', 'issue'],
  properties: {
    resourceType: { const: 'OperationOutcome' },
    issue: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['severity', 'code'],
        properties: {
          severity: { enum: ['fatal', 'error', 'warning', 'information'] },
          code: { type: 'string', description: 'The FHIR issue type, e.g. invalid, not-found.' },
          details: {
            type: 'object',
            description: 'Accord’s stable error code and the message.',
            properties: {
              coding: { type: 'array', items: { type: 'object' } },
              text: { type: 'string' },
            },
          },
          diagnostics: { type: 'string', description: 'The request id to quote to support.' },
          expression: {
            type: 'array',
            items: { type: 'string' },
            description: 'FHIRPath of the element at fault.',
          },
        },
      },
    },
  },
} as const;

/** The document states its dialect once; a component needs no `$schema` of its own. */
function withoutDialect(schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = schema;
  return rest;
}

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const OUTCOME_REF = { $ref: '#/components/schemas/OperationOutcome' };

/** The schemas and shared responses the error responses refer to. */
export function errorComponents(): { schemas: Record<string, object>; responses: Record<string, object> } {
  const responses: Record<string, object> = {};
  for (const [name, description] of Object.values(DESCRIPTIONS)) {
    responses[name] = { description, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
    responses[`Fhir${name}`] = {
      description: `${description} As a FHIR OperationOutcome; as a problem when the caller accepts only application/problem+json.`,
      content: { [FHIR_JSON]: { schema: OUTCOME_REF }, 'application/problem+json': { schema: PROBLEM_REF } },
    };
  }
  return {
    schemas: {
      Problem: withoutDialect(z.toJSONSchema(problemSchema, { target: 'draft-2020-12' })),
      OperationOutcome: OPERATION_OUTCOME,
    },
    responses,
  };
}

/** A reference to the shared response for a status, in its FHIR form on FHIR routes. */
export function errorResponseRef(status: number, fhir: boolean): { $ref: string } {
  const entry = DESCRIPTIONS[status];
  if (!entry) throw new Error(`no error response is described for ${status}`);
  return { $ref: `#/components/responses/${fhir ? 'Fhir' : ''}${entry[0]}` };
}
