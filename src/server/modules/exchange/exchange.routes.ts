import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import { fhirResourceSchema } from '../../../contracts/consent.ts';
import {
  acknowledgeSchema,
  closeActionSchema,
  crisisMatchSchema,
  crisisSearchQuerySchema,
  episodeMoveSchema,
  episodeSchema,
  followUpContactSchema,
  followUpCreateSchema,
  followUpSchema,
  handoverActionSchema,
  handoverDraftSchema,
  handoverListQuerySchema,
  handoverListSchema,
  handoverSchema,
  interimDecisionInputSchema,
  interimDecisionSchema,
  prefillQuerySchema,
  prefillSchema,
  recipientCopySchema,
  resolveMissingSchema,
  templateParamsSchema,
  templateSchema,
  templateUpdateSchema,
  timelineSchema,
} from '../../../contracts/exchange.ts';
import { contextOf } from '../../http/auth.ts';
import { handleFhirError } from '../../http/operation-outcome.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { recordInterimDecision, searchForCrisis } from './crisis-line.service.ts';
import { listEpisodes, moveEpisodeStage } from './episodes.service.ts';
import { TEMPLATE_EDITOR_ROLES } from './exchange-access.ts';
import { createFollowUp, recordFollowUpContact } from './follow-ups.service.ts';
import { acknowledgeHandover } from './handover-ack.service.ts';
import { exportHandoverFhir, exportHandoverPdf, importHandoverFhir } from './handover-export.service.ts';
import { prefillHandover } from './handover-prefill.service.ts';
import { getHandover, listHandovers } from './handover-read.service.ts';
import { previewHandover, sendHandover } from './handover-send.service.ts';
import { closeHandoverAction, resolveMissingInformation } from './handover-work.service.ts';
import { samplingRoutes } from './sampling.routes.ts';
import { getTemplate, listTemplates, updateTemplate } from './templates.service.ts';
import { personTimeline } from './timeline.service.ts';

const tags = ['exchange'];
const FHIR_JSON = 'application/fhir+json';

/** Templates, handovers with preview and acknowledgement, and follow-ups. */
export function exchangeRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    // Partners' systems send FHIR as application/fhir+json; it is JSON, parsed the same way.
    if (!app.hasContentTypeParser(FHIR_JSON))
      app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
    await app.register(samplingRoutes(deps));

    app.get(
      '/handover-templates',
      { schema: { tags, response: { 200: z.object({ items: z.array(templateSchema) }) } } },
      async (request) => ({ items: await listTemplates(ctx(request)) }),
    );
    app.get(
      '/handover-templates/:key',
      { schema: { tags, params: templateParamsSchema, response: { 200: templateSchema } } },
      async (request) => getTemplate(ctx(request), request.params.key),
    );
    app.put(
      '/handover-templates/:key',
      {
        config: { roles: TEMPLATE_EDITOR_ROLES },
        schema: {
          tags,
          params: templateParamsSchema,
          body: templateUpdateSchema,
          response: { 200: templateSchema },
        },
      },
      async (request) => updateTemplate(ctx(request), request.params.key, request.body),
    );
    app.get(
      '/handovers/prefill',
      { schema: { tags, querystring: prefillQuerySchema, response: { 200: prefillSchema } } },
      async (request) => prefillHandover(ctx(request), request.query.personId, request.query.template),
    );
    app.post(
      '/handovers/preview',
      { schema: { tags, body: handoverDraftSchema, response: { 200: recipientCopySchema } } },
      async (request) => previewHandover(ctx(request), request.body),
    );
    app.post(
      '/handovers',
      { schema: { tags, body: handoverDraftSchema, response: { 201: handoverSchema } } },
      async (request, reply) => reply.status(201).send(await sendHandover(ctx(request), request.body)),
    );
    app.get(
      '/handovers',
      { schema: { tags, querystring: handoverListQuerySchema, response: { 200: handoverListSchema } } },
      async (request) => listHandovers(ctx(request), request.query.box, request.query.limit),
    );
    app.get(
      '/handovers/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: handoverSchema } } },
      async (request) => getHandover(ctx(request), request.params.id),
    );
    app.post(
      '/handovers/:id/acknowledge',
      {
        schema: { tags, params: idParamsSchema, body: acknowledgeSchema, response: { 200: handoverSchema } },
      },
      async (request) => acknowledgeHandover(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/handovers/:id/missing-information',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: resolveMissingSchema,
          response: { 200: handoverSchema },
        },
      },
      async (request) => resolveMissingInformation(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/handover-actions/:id/close',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: closeActionSchema,
          response: { 200: handoverActionSchema },
        },
      },
      async (request) => closeHandoverAction(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/crisis-line/people',
      {
        schema: {
          tags,
          querystring: crisisSearchQuerySchema,
          response: { 200: z.object({ items: z.array(crisisMatchSchema) }) },
        },
      },
      async (request) => searchForCrisis(ctx(request), request.query),
    );
    app.post(
      '/people/:id/interim-decisions',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: interimDecisionInputSchema,
          response: { 201: interimDecisionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordInterimDecision(ctx(request), request.params.id, request.body)),
    );
    // FHIR routes speak FHIR: application/fhir+json, errors as OperationOutcome.
    app.get(
      '/handovers/:id/fhir',
      {
        errorHandler: handleFhirError,
        schema: {
          tags,
          params: idParamsSchema,
          produces: [FHIR_JSON],
          response: { 200: fhirResourceSchema },
        },
      },
      async (request, reply) =>
        reply
          .type(FHIR_JSON)
          .send({ ...(await exportHandoverFhir(ctx(request), request.params.id)), resourceType: 'Bundle' }),
    );
    app.get('/handovers/:id/pdf', { schema: { tags, params: idParamsSchema } }, async (request, reply) =>
      reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="handover.pdf"')
        .send(await exportHandoverPdf(ctx(request), request.params.id)),
    );
    app.post(
      '/handovers/import',
      { schema: { tags, body: z.record(z.string(), z.unknown()), response: { 201: handoverSchema } } },
      async (request, reply) => reply.status(201).send(await importHandoverFhir(ctx(request), request.body)),
    );
    app.get(
      '/people/:id/handovers',
      { schema: { tags, params: idParamsSchema, response: { 200: timelineSchema } } },
      async (request) => personTimeline(ctx(request), request.params.id),
    );
    app.get(
      '/people/:id/episodes',
      {
        schema: {
          tags,
          params: idParamsSchema,
          response: { 200: z.object({ items: z.array(episodeSchema) }) },
        },
      },
      async (request) => listEpisodes(ctx(request), request.params.id),
    );
    app.post(
      '/episodes/:id/stage',
      { schema: { tags, params: idParamsSchema, body: episodeMoveSchema, response: { 200: episodeSchema } } },
      async (request) => moveEpisodeStage(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/people/:id/follow-ups',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: followUpCreateSchema,
          response: { 201: followUpSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createFollowUp(ctx(request), request.params.id, request.body)),
    );
    app.post(
      '/follow-ups/:id/contact',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: followUpContactSchema,
          response: { 200: followUpSchema },
        },
      },
      async (request) => recordFollowUpContact(ctx(request), request.params.id, request.body),
    );
  };
}
