import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessPolicySchema,
  breakGlassGrantSchema,
  breakGlassInputSchema,
  explainInputSchema,
  explanationSchema,
  tierPolicySchema,
  unableToShareQuerySchema,
  unableToShareSchema,
} from '../../../contracts/access.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { endBreakGlass, type GrantReviewQueue, grantBreakGlass, myGrants } from './break-glass.service.ts';
import type { ExtraFactsLoader } from './door.ts';
import { explainAccess } from './explain.service.ts';
import { getAccessPolicy, unableToShare, updateAccessPolicy } from './policy.service.ts';

const tags = ['access'];

/** What the access routes need from the modules that hold sharing facts and review queues. */
export interface AccessRouteDeps extends RouteDeps {
  readonly sharingFacts: ExtraFactsLoader;
  readonly queueBreakGlassReview: GrantReviewQueue;
}

/** Explain access, break-glass, the tier policy and "unable to share" counts. */
export function accessRoutes(deps: AccessRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.post(
      '/access/explain',
      { schema: { tags, body: explainInputSchema, response: { 200: explanationSchema } } },
      async (request) => explainAccess(ctx(request), request.body, deps.sharingFacts),
    );
    app.post(
      '/break-glass',
      {
        config: { roles: ['duty'] },
        schema: { tags, body: breakGlassInputSchema, response: { 201: breakGlassGrantSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await grantBreakGlass(ctx(request), request.body, deps.queueBreakGlassReview)),
    );
    app.get(
      '/break-glass',
      { config: { roles: ['duty'] }, schema: { tags, response: { 200: z.array(breakGlassGrantSchema) } } },
      async (request) => myGrants(ctx(request)),
    );
    app.post(
      '/break-glass/:id/end',
      {
        config: { roles: ['duty'] },
        schema: { tags, params: idParamsSchema, response: { 200: breakGlassGrantSchema } },
      },
      async (request) => endBreakGlass(ctx(request), request.params.id),
    );
    app.get('/access/policy', { schema: { tags, response: { 200: accessPolicySchema } } }, async (request) =>
      getAccessPolicy(ctx(request)),
    );
    app.put(
      '/access/policy',
      {
        config: { roles: ['ig_lead'] },
        schema: { tags, body: tierPolicySchema, response: { 200: accessPolicySchema } },
      },
      async (request) => updateAccessPolicy(ctx(request), request.body),
    );
    app.get(
      '/access/unable-to-share',
      {
        config: { roles: ['ig_lead'] },
        schema: { tags, querystring: unableToShareQuerySchema, response: { 200: unableToShareSchema } },
      },
      async (request) => unableToShare(ctx(request), request.query),
    );
  };
}
