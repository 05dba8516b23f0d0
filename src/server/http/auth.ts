import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffRole } from '../../contracts/enums.ts';
import type { Database } from '../db/database.ts';
import { principalForSession, principalForToken } from '../modules/auth/auth.service.ts';
import { hasAnyRole, type Principal } from '../modules/auth/auth.ts';
import { type ServiceContext, serviceContext } from '../service-context.ts';
import { AppError, ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { RouteDeps } from './route-deps.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Marks a route as open to anonymous callers; every other /api route needs a principal. */
    public?: boolean;
    /** When set, the principal must hold at least one of these roles. */
    roles?: readonly StaffRole[];
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'accord_session';
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Resolves the caller on every request and enforces "denied unless the route says otherwise":
 * routes under /api/v1 need a principal unless marked public; browser writes need the CSRF token.
 */
export function registerAuth(
  app: FastifyInstance,
  database: Database,
  clock: () => Date,
  sessionIdleMinutes: number,
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    const cookie = request.cookies[SESSION_COOKIE];
    if (authorization?.startsWith('Bearer ')) {
      request.principal = await principalForToken(database, authorization.slice(7).trim(), clock());
    } else if (cookie) {
      request.principal = await principalForSession(database, cookie, clock(), sessionIdleMinutes);
    }
    if (!request.url.startsWith('/api/v1/') || request.routeOptions.config?.public === true) return;
    const principal = request.principal;
    if (!principal) throw new UnauthenticatedError();
    if (principal.via === 'session' && UNSAFE_METHODS.has(request.method)) {
      if (request.headers['x-csrf-token'] !== principal.csrfToken) {
        throw new AppError(
          'CSRF_FAILED',
          403,
          'The request is missing its CSRF token. Reload the page and try again.',
        );
      }
    }
    const roles = request.routeOptions.config?.roles;
    if (roles && !hasAnyRole(principal, roles)) throw new ForbiddenError();
  });
}

/** The principal of a guarded route's request (the auth hook has already refused anonymous callers). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new UnauthenticatedError();
  return request.principal;
}

/** Builds the service context for a guarded request. */
export function contextOf(request: FastifyRequest, deps: RouteDeps): ServiceContext {
  return serviceContext({
    database: deps.database,
    principal: principalOf(request),
    requestId: request.id,
    now: deps.clock(),
    audit: deps.audit,
  });
}
