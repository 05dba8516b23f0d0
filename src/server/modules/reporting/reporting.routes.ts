import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import { reviewInputSchema, reviewListSchema, reviewSchema } from '../../../contracts/reporting.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { listReviews, recordReview } from './reviews.service.ts';

const tags = ['reporting'];

/** Care-plan reviews with outcome scores, the commissioner dataset, drill-down and reconciliation. */
export function reportingRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/people/:id/reviews',
      { schema: { tags, params: idParamsSchema, response: { 200: reviewListSchema } } },
      async (request) => listReviews(ctx(request), request.params.id),
    );
    app.post(
      '/people/:id/reviews',
      { schema: { tags, params: idParamsSchema, body: reviewInputSchema, response: { 201: reviewSchema } } },
      async (request, reply) =>
        reply.status(201).send(await recordReview(ctx(request), request.params.id, request.body)),
    );
  };
}
