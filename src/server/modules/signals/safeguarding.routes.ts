import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  actionCompleteSchema,
  actionParamsSchema,
  caseConferenceInputSchema,
  concernInputSchema,
  concernParamsSchema,
  huddleListSchema,
  huddleQuerySchema,
  huddleReviewInputSchema,
  protectiveActionSchema,
  safeguardingViewSchema,
} from '../../../contracts/safeguarding.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { recordCaseConference } from './case-conference.service.ts';
import { huddleList, recordHuddleReview } from './huddle.service.ts';
import { recordConcern, safeguardingView } from './safeguarding.service.ts';
import { completeProtectiveAction } from './safeguarding-actions.ts';

const tags = ['safeguarding'];
const created = { 201: z.object({ id: z.string() }) };

/** Safeguarding concerns, protective actions, huddles and case conferences. */
export function safeguardingRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.get(
      '/people/:id/safeguarding',
      { schema: { tags, params: idParamsSchema, response: { 200: safeguardingViewSchema } } },
      async (request) => safeguardingView(ctx(request), request.params.id),
    );
    app.post(
      '/people/:id/safeguarding/concerns',
      { schema: { tags, params: idParamsSchema, body: concernInputSchema, response: created } },
      async (request, reply) =>
        reply.status(201).send(await recordConcern(ctx(request), request.params.id, request.body)),
    );
    app.post(
      '/people/:id/safeguarding/concerns/:concernId/huddle-reviews',
      { schema: { tags, params: concernParamsSchema, body: huddleReviewInputSchema, response: created } },
      async (request, reply) =>
        reply
          .status(201)
          .send(
            await recordHuddleReview(ctx(request), request.params.id, request.params.concernId, request.body),
          ),
    );
    app.post(
      '/people/:id/safeguarding/actions/:actionId/complete',
      {
        schema: {
          tags,
          params: actionParamsSchema,
          body: actionCompleteSchema,
          response: { 200: protectiveActionSchema },
        },
      },
      async (request) =>
        completeProtectiveAction(
          ctx(request),
          request.params.id,
          request.params.actionId,
          request.body.outcome,
        ),
    );
    app.post(
      '/people/:id/case-conferences',
      { schema: { tags, params: idParamsSchema, body: caseConferenceInputSchema, response: created } },
      async (request, reply) =>
        reply.status(201).send(await recordCaseConference(ctx(request), request.params.id, request.body)),
    );
    app.get(
      '/safeguarding/huddle',
      { schema: { tags, querystring: huddleQuerySchema, response: { 200: huddleListSchema } } },
      async (request) => huddleList(ctx(request), request.query),
    );
  };
}
