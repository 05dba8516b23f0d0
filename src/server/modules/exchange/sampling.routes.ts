import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  sampleFindingInputSchema,
  sampleItemParamsSchema,
  sampleSchema,
  sampleSummarySchema,
  supervisionNoteSchema,
  timelinessQuerySchema,
  timelinessSchema,
} from '../../../contracts/sampling.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { getSample, listSamples, listSupervisionNotes, recordSampleFinding } from './sampling.service.ts';
import { escalationTimeliness } from './timeliness.service.ts';

const tags = ['exchange'];

/** Managers' samples of escalation summaries, their findings, supervision notes and timeliness. */
export function samplingRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.get(
      '/handover-samples',
      { schema: { tags, response: { 200: z.object({ items: z.array(sampleSummarySchema) }) } } },
      async (request) => listSamples(ctx(request)),
    );
    app.get(
      '/handover-samples/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: sampleSchema } } },
      async (request) => getSample(ctx(request), request.params.id),
    );
    app.post(
      '/handover-samples/:id/items/:handoverId/finding',
      {
        schema: {
          tags,
          params: sampleItemParamsSchema,
          body: sampleFindingInputSchema,
          response: { 200: sampleSchema },
        },
      },
      async (request) =>
        recordSampleFinding(ctx(request), request.params.id, request.params.handoverId, request.body),
    );
    app.get(
      '/supervision-notes',
      { schema: { tags, response: { 200: z.object({ items: z.array(supervisionNoteSchema) }) } } },
      async (request) => listSupervisionNotes(ctx(request)),
    );
    app.get(
      '/handover-timeliness',
      { schema: { tags, querystring: timelinessQuerySchema, response: { 200: timelinessSchema } } },
      async (request) => escalationTimeliness(ctx(request), request.query.weeks),
    );
  };
}
