import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginSchema, meSchema } from '../../../contracts/auth.ts';
import { contextOf, SESSION_COOKIE } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { signOut } from './auth.service.ts';
import { describeMe } from './me.service.ts';
import { signIn } from './sign-in.service.ts';

const tags = ['auth'];

/** Sign-in, sign-out and the caller's own profile. */
export function authRoutes(deps: RouteDeps & { secureCookies: boolean }): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/login',
      { config: { public: true }, schema: { tags, body: loginSchema, response: { 200: meSchema } } },
      async (request, reply) => {
        // request.ip is the client behind the trusted proxy when ACCORD_TRUSTED_PROXY names one.
        const session = await signIn(deps.database, deps.audit, request.body, {
          now: deps.clock(),
          requestId: request.id,
          address: request.ip,
        });
        reply.setCookie(SESSION_COOKIE, session.token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          expires: new Date(session.expiresAt),
        });
        return describeMe(deps.database, session.staffId, session.csrfToken, deps.clock());
      },
    );
    app.post('/auth/logout', { schema: { tags, response: { 204: z.null() } } }, async (request, reply) => {
      const ctx = contextOf(request, deps);
      await signOut(deps.database, deps.audit, ctx.principal, ctx.now, ctx.requestId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });
    app.get('/me', { schema: { tags, response: { 200: meSchema } } }, async (request) => {
      const { principal } = contextOf(request, deps);
      return describeMe(deps.database, principal.staffId, principal.csrfToken, deps.clock());
    });
  };
}
