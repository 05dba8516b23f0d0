import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorCode, FieldError, Problem, ProblemReason } from '../../contracts/errors.ts';
import { AppError } from './errors.ts';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorised',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal server error',
};

/** Turns a JSON-pointer instance path into the dotted field name a caller sees, e.g. `body.careTeam.0.role`. */
function fieldName(part: string, instancePath: string): string {
  const rest = instancePath.split('/').filter((s) => s !== '');
  return [part, ...rest].join('.');
}

function validationErrors(error: FastifyError): FieldError[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const part = error.validationContext ?? 'body';
  return error.validation.flatMap((v) => {
    const params = v.params as { keys?: unknown; received?: unknown };
    if (v.keyword === 'unrecognized_keys' && Array.isArray(params.keys)) {
      return params.keys.map((key) => ({
        field: fieldName(part, `${v.instancePath}/${String(key)}`),
        message: 'is not a known field',
      }));
    }
    const missing = v.keyword === 'invalid_type' && v.message?.endsWith('received undefined');
    return [
      {
        field: fieldName(part, v.instancePath),
        message: missing ? 'is required' : (v.message ?? 'is invalid'),
      },
    ];
  });
}

function problem(
  status: number,
  code: ErrorCode,
  detail: string,
  requestId: string,
  errors?: FieldError[],
  reasons?: ProblemReason[],
): Problem {
  return {
    type: `https://accord.invalid/problems/${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
    ...(reasons && reasons.length > 0 ? { reasons } : {}),
  };
}

/** Maps any error to an application/problem+json response; never leaks a stack or a query. */
export function problemFor(error: FastifyError | Error, requestId: string): Problem {
  if (error instanceof AppError)
    return problem(error.status, error.code, error.message, requestId, error.errors, error.reasons);
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(fe)) {
    return problem(
      400,
      'VALIDATION_FAILED',
      'The request has invalid fields.',
      requestId,
      validationErrors(fe),
    );
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large.', requestId);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send JSON with content-type application/json.',
        requestId,
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'VALIDATION_FAILED', 'The request body is empty.', requestId, [
        { field: 'body', message: 'is required' },
      ]);
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'VALIDATION_FAILED', 'The request body is not valid JSON.', requestId, [
        { field: 'body', message: 'is not valid JSON' },
      ]);
  }
  if (fe.statusCode === 400 && (fe as { body?: unknown }).body === undefined && fe.message.includes('JSON')) {
    return problem(400, 'VALIDATION_FAILED', 'The request body is not valid JSON.', requestId, [
      { field: 'body', message: 'is not valid JSON' },
    ]);
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return problem(
      fe.statusCode,
      fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED',
      'The request could not be processed.',
      requestId,
    );
  }
  return problem(
    500,
    'INTERNAL',
    'Something went wrong. The request changed nothing; quote the request id to support.',
    requestId,
  );
}

/** Fastify error handler: logs server faults by code only, then replies with a problem. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  let body: Problem;
  try {
    body = problemFor(error, request.id);
  } catch {
    body = problem(
      500,
      'INTERNAL',
      'Something went wrong. The request changed nothing; quote the request id to support.',
      request.id,
    );
  }
  if (body.status >= 500) {
    // Only the error class and code are logged: messages from drivers can quote personal data.
    request.log.error(
      { err: { type: error.name, code: (error as { code?: string }).code } },
      'request failed',
    );
  }
  return reply.status(body.status).type('application/problem+json').send(body);
}
