import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from '../../contracts/errors.ts';
import { AppError, ValidationError } from './errors.ts';
import { handleError } from './problem.ts';
import { applySecurityHeaders } from './security-headers.ts';

/** Keys that would reach an object's prototype if the body were merged into another object. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Found = { path: string; kind: 'key' | 'nul' };

/**
 * Finds the first prototype key or NUL character in a parsed value, walking without recursion so a
 * deeply nested body cannot exhaust the stack. `constructor` and `prototype` are refused only as
 * object keys holding objects, the shape of a prototype-pollution attempt; as plain words they are data.
 */
export function findHostileInput(root: unknown, rootPath: string): Found | null {
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    const [value, path] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path, kind: 'nul' };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], `${path}.${i}`]);
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        const child = (value as Record<string, unknown>)[key];
        const keyPath = `${path}.${key}`;
        if (key === '__proto__' || (FORBIDDEN_KEYS.has(key) && child !== null && typeof child === 'object'))
          return { path: keyPath, kind: 'key' };
        if (key.includes('\u0000')) return { path: `${path}.(key)`, kind: 'nul' };
        stack.push([child, keyPath]);
      }
    }
  }
  return null;
}

function refusal(found: Found): ValidationError {
  const error: FieldError =
    found.kind === 'key'
      ? { field: found.path, message: 'is a forbidden key (it could change object prototypes)' }
      : { field: found.path, message: 'must not contain a NUL character' };
  return new ValidationError(
    [error],
    found.kind === 'key' ? 'The request uses a forbidden key.' : 'The request has invalid fields.',
  );
}

/** JSON bodies: parsed plainly (JSON.parse keeps `__proto__` as data), then refused naming any prototype key. */
function parseJson(
  _request: FastifyRequest,
  body: string,
  done: (err: Error | null, body?: unknown) => void,
): void {
  if (body.length === 0) {
    done(new ValidationError([{ field: 'body', message: 'is required' }], 'The request body is empty.'));
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    done(
      new ValidationError(
        [{ field: 'body', message: 'is not valid JSON' }],
        'The request body is not valid JSON.',
      ),
    );
    return;
  }
  const found = findHostileInput(parsed, 'body');
  if (found?.kind === 'key') {
    done(refusal(found));
    return;
  }
  done(null, parsed);
}

/**
 * Refuses hostile input before any route sees it: prototype keys in JSON bodies, and NUL characters
 * anywhere in the body, query or path (PostgreSQL cannot store NUL in text, and no field needs one).
 */
export function registerInputGuards(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);
  app.addHook('preValidation', async (request) => {
    const found =
      findHostileInput(request.params, 'params') ??
      findHostileInput(request.query, 'querystring') ??
      findHostileInput(request.body, 'body');
    if (found) throw refusal(found);
  });
}

/**
 * Errors Fastify raises before routing (a malformed percent-encoding in the path, an overlong path
 * parameter): a problem+json with the usual headers that never quotes the path.
 */
export function frameworkErrorHandler(options: {
  hsts: boolean;
}): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    applySecurityHeaders(request, reply, options.hsts);
    void handleError(refusalFor(error) as FastifyError, request, reply);
  };
}

function refusalFor(error: FastifyError): AppError {
  return error.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? new ValidationError([{ field: 'params', message: 'is too long' }], 'A path parameter is too long.')
    : error.code === 'FST_ERR_BAD_URL'
      ? new ValidationError(
          [{ field: 'path', message: 'is not a valid URL' }],
          'The request path is not a valid URL.',
        )
      : new AppError('VALIDATION_FAILED', 400, 'The request could not be processed.');
}
