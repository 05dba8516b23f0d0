import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  guideAcknowledgeInputSchema,
  guideQuerySchema,
  guideStandingListSchema,
  myGuidesSchema,
  scenarioInputSchema,
  scenarioSchema,
  scenarioVersionListSchema,
  sharingGuideSchema,
  situationParamsSchema,
} from '../../../contracts/sharing-guide.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as guides from './sharing-guide.service.ts';
import { renderGuidePdf } from './sharing-guide-pdf.ts';
import { ROLE_WORDS } from './sharing-guide-words.ts';
import { guideStandings } from './sharing-guide-work.service.ts';

const tags = ['agreements'];
const IG = { roles: ['ig_lead'] as const };
const OVERSEERS = { roles: ['ig_lead', 'service_manager'] as const };

/** "What we share and when": guides, their acknowledgement, and scenario guidance. */
export function sharingGuideRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get('/guides/mine', { schema: { tags, response: { 200: myGuidesSchema } } }, async (request) => ({
      items: await guides.myGuides(ctx(request)),
    }));
    app.get(
      '/guides',
      { schema: { tags, querystring: guideQuerySchema, response: { 200: sharingGuideSchema } } },
      async (request) => guides.getGuide(ctx(request), request.query),
    );
    app.get('/guides/pdf', { schema: { tags, querystring: guideQuerySchema } }, async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="what-we-share.pdf"')
        .send(
          await renderGuidePdf(
            await guides.getGuide(ctx(request), request.query),
            ROLE_WORDS[request.query.role],
          ),
        ),
    );
    app.post(
      '/guides/mine/acknowledge',
      { schema: { tags, body: guideAcknowledgeInputSchema, response: { 200: sharingGuideSchema } } },
      async (request) => guides.acknowledgeGuide(ctx(request), request.body),
    );
    app.get(
      '/guides/standings',
      { config: OVERSEERS, schema: { tags, response: { 200: guideStandingListSchema } } },
      async (request) => ({ items: await guideStandings(ctx(request)) }),
    );
    app.get(
      '/guides/scenarios/:situation',
      { schema: { tags, params: situationParamsSchema, response: { 200: scenarioVersionListSchema } } },
      async (request) => ({ items: await guides.scenarioVersions(ctx(request), request.params.situation) }),
    );
    app.put(
      '/guides/scenarios/:situation',
      {
        config: IG,
        schema: {
          tags,
          params: situationParamsSchema,
          body: scenarioInputSchema,
          response: { 200: scenarioSchema },
        },
      },
      async (request) => guides.writeScenario(ctx(request), request.params.situation, request.body),
    );
  };
}
