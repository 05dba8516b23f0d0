/**
 * Errors on FHIR routes as FHIR R4 OperationOutcome resources (application/fhir+json), so a partner's
 * FHIR client reads them as it reads any FHIR server's. The content is the same problem Accord gives
 * everywhere else: the stable code, the message, each field at fault (as a FHIRPath expression on the
 * resource sent when it is in the body) and the request id. A caller that asks for
 * application/problem+json (and not FHIR) gets the problem itself.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import type { Problem } from '../../contracts/errors.ts';
import { handleError, problemFor } from './problem.ts';

/** The FHIR JSON media type (FHIR R4 "http" page). */
export const FHIR_JSON = 'application/fhir+json';

/** Where Accord's stable error codes are published as a code system. */
const ERROR_CODE_SYSTEM = 'https://accord.invalid/fhir/CodeSystem/error-code';

/** The FHIR issue type for each status Accord answers with. */
const ISSUE_TYPE: Readonly<Record<number, OperationOutcomeIssue['code']>> = {
  400: 'invalid',
  401: 'login',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  413: 'too-long',
  415: 'not-supported',
  423: 'lock-error',
  429: 'throttled',
};

/** A problem as an OperationOutcome: one issue per field at fault, or one for the whole request. */
export function operationOutcomeOf(problem: Problem): OperationOutcome {
  const code = ISSUE_TYPE[problem.status] ?? (problem.status >= 500 ? 'exception' : 'processing');
  const severity = problem.status >= 500 ? 'fatal' : 'error';
  const details = (text: string) => ({
    coding: [{ system: ERROR_CODE_SYSTEM, code: problem.code }],
    text,
  });
  const diagnostics = problem.requestId ? `Request ${problem.requestId}` : undefined;
  const fields = problem.errors ?? [];
  const issue: OperationOutcomeIssue[] =
    fields.length > 0
      ? fields.map((f) => {
          // Body fields are paths into the resource sent; others (path, query) are named in the text.
          const inBody = /^body(\.|$)/.test(f.field);
          const expression = f.field.replace(/^body\.?/, '');
          return {
            severity,
            code: f.message === 'is required' ? 'required' : code,
            details: details(inBody ? f.message : `${f.field} ${f.message}`),
            ...(inBody && expression !== '' ? { expression: [expression] } : {}),
            ...(diagnostics ? { diagnostics } : {}),
          };
        })
      : [
          {
            severity,
            code,
            details: details(problem.detail ?? problem.title),
            ...(diagnostics ? { diagnostics } : {}),
          },
        ];
  return { resourceType: 'OperationOutcome', issue };
}

/** Whether the caller asked for problem+json and not for FHIR. */
function prefersProblem(request: FastifyRequest): boolean {
  const accept = String(request.headers.accept ?? '');
  return accept.includes('application/problem+json') && !accept.includes(FHIR_JSON);
}

/** Route error handler for FHIR routes: an OperationOutcome with the status the problem has. */
export function handleFhirError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (prefersProblem(request)) return handleError(error, request, reply);
  let problem: Problem;
  try {
    problem = problemFor(error, request.id);
  } catch {
    return handleError(error, request, reply);
  }
  if (problem.status >= 500)
    request.log.error(
      { err: { type: error.name, code: (error as { code?: string }).code } },
      'request failed',
    );
  return reply.status(problem.status).type(FHIR_JSON).send(operationOutcomeOf(problem));
}
