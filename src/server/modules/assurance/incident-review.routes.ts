import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  flowLinkInputSchema,
  incidentActionCompleteSchema,
  incidentActionInputSchema,
  incidentActionListSchema,
  incidentActionSchema,
  incidentReviewInputSchema,
  incidentReviewSchema,
} from '../../../contracts/incident-review.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as review from './incident-review.service.ts';

const tags = ['assurance'];
const IG = { roles: ['ig_lead'] as const };

/** Post-incident reviews, their links to handovers and signals, and incident actions. */
export function incidentReviewRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/assurance/incidents/:id/review',
      { config: IG, schema: { tags, params: idParamsSchema, response: { 200: incidentReviewSchema } } },
      async (request) => review.getIncidentReview(ctx(request), request.params.id),
    );
    app.put(
      '/assurance/incidents/:id/review',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: incidentReviewInputSchema,
          response: { 200: incidentReviewSchema },
        },
      },
      async (request) => review.writeIncidentReview(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/assurance/incidents/:id/links',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: flowLinkInputSchema,
          response: { 200: incidentReviewSchema },
        },
      },
      async (request) => review.linkIncidentFlow(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/assurance/incidents/:id/actions',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: incidentActionInputSchema,
          response: { 201: incidentActionSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await review.addIncidentAction(ctx(request), request.params.id, request.body)),
    );
    app.get(
      '/assurance/incident-actions/mine',
      { schema: { tags, response: { 200: incidentActionListSchema } } },
      async (request) => ({ items: await review.myIncidentActions(ctx(request)) }),
    );
    app.post(
      '/assurance/incident-actions/:id/complete',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: incidentActionCompleteSchema,
          response: { 200: incidentActionSchema },
        },
      },
      async (request) => review.completeIncidentAction(ctx(request), request.params.id, request.body.note),
    );
  };
}
