import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  consentCaptureSchema,
  consentDecisionSchema,
  consentPreviewInputSchema,
  consentPreviewSchema,
  consentReviewCompleteSchema,
  consentReviewListQuerySchema,
  consentReviewTaskSchema,
  consentReviewTriggerInputSchema,
  consentViewSchema,
  exceptionReviewCloseSchema,
  exceptionReviewListSchema,
  exceptionReviewQuerySchema,
  exceptionReviewSchema,
  fhirConsentBodySchema,
  fhirResourceSchema,
  lawfulExceptionInputSchema,
  lawfulExceptionSchema,
} from '../../../contracts/consent.ts';
import { contextOf } from '../../http/auth.ts';
import { FHIR_JSON, handleFhirError } from '../../http/operation-outcome.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as consent from './consent.service.ts';
import { CONSENT_ROLES, LAWFUL_EXCEPTION_ROLES, REVIEW_TRIGGER_ROLES } from './consent-access.ts';
import { exportConsentFhir, importConsentFhir } from './consent-fhir.service.ts';
import { completeReview, listMyReviews, recordReviewTrigger } from './consent-review.service.ts';
import { closeExceptionReview, listExceptionReviews } from './exception-review.service.ts';
import { recordLawfulException } from './lawful-exception.service.ts';

const tags = ['consent'];

/** Consent, consent reviews, lawful exceptions and the IG lead's exception reviews. */
export function consentRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    // Partners' systems send FHIR as application/fhir+json; it is JSON, parsed the same way.
    app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

    app.get(
      '/people/:id/consent',
      { schema: { tags, params: idParamsSchema, response: { 200: consentViewSchema } } },
      async (request) => consent.getConsent(ctx(request), request.params.id),
    );
    app.post(
      '/people/:id/consent',
      {
        config: { roles: CONSENT_ROLES },
        schema: {
          tags,
          params: idParamsSchema,
          body: consentCaptureSchema,
          response: { 201: consentViewSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await consent.captureConsent(ctx(request), request.params.id, request.body)),
    );
    app.post(
      '/people/:id/consent/preview',
      {
        config: { roles: CONSENT_ROLES },
        schema: {
          tags,
          params: idParamsSchema,
          body: consentPreviewInputSchema,
          response: { 200: consentPreviewSchema },
        },
      },
      async (request) => consent.previewConsent(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/people/:id/consent/withdraw',
      {
        config: { roles: CONSENT_ROLES },
        schema: {
          tags,
          params: idParamsSchema,
          body: consentDecisionSchema,
          response: { 201: consentViewSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await consent.withdrawConsent(ctx(request), request.params.id, request.body)),
    );
    app.post(
      '/people/:id/consent/refuse',
      {
        config: { roles: CONSENT_ROLES },
        schema: {
          tags,
          params: idParamsSchema,
          body: consentDecisionSchema,
          response: { 201: consentViewSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await consent.refuseConsent(ctx(request), request.params.id, request.body)),
    );
    app.post(
      '/people/:id/consent/review-triggers',
      {
        config: { roles: REVIEW_TRIGGER_ROLES },
        schema: {
          tags,
          params: idParamsSchema,
          body: consentReviewTriggerInputSchema,
          response: { 200: consentReviewTaskSchema, 201: consentReviewTaskSchema },
        },
      },
      async (request, reply) => {
        const raised = await recordReviewTrigger(ctx(request), request.params.id, request.body.trigger);
        return reply.status(raised.created ? 201 : 200).send(raised.task);
      },
    );
    // FHIR routes speak FHIR: application/fhir+json both ways, errors as OperationOutcome.
    app.get(
      '/people/:id/consent/fhir',
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
        reply.type(FHIR_JSON).send({ ...(await exportConsentFhir(ctx(request), request.params.id)) }),
    );
    app.post(
      '/people/:id/consent/fhir',
      {
        config: { roles: CONSENT_ROLES },
        errorHandler: handleFhirError,
        schema: {
          tags,
          params: idParamsSchema,
          consumes: [FHIR_JSON, 'application/json'],
          produces: [FHIR_JSON],
          body: fhirConsentBodySchema,
          response: { 201: fhirResourceSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .type(FHIR_JSON)
          .send({ ...(await importConsentFhir(ctx(request), request.params.id, request.body)) }),
    );
    app.post(
      '/people/:id/lawful-exceptions',
      {
        config: { roles: LAWFUL_EXCEPTION_ROLES },
        schema: {
          tags,
          params: idParamsSchema,
          body: lawfulExceptionInputSchema,
          response: { 201: lawfulExceptionSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordLawfulException(ctx(request), request.params.id, request.body)),
    );
    app.get(
      '/consent-reviews',
      {
        config: { roles: CONSENT_ROLES },
        schema: {
          tags,
          querystring: consentReviewListQuerySchema,
          response: { 200: consentReviewTaskSchema.array() },
        },
      },
      async (request) => listMyReviews(ctx(request)),
    );
    app.post(
      '/consent-reviews/:id/complete',
      {
        config: { roles: CONSENT_ROLES },
        schema: {
          tags,
          params: idParamsSchema,
          body: consentReviewCompleteSchema,
          response: { 200: consentReviewTaskSchema },
        },
      },
      async (request) => completeReview(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/exception-reviews',
      {
        config: { roles: ['ig_lead'] },
        schema: {
          tags,
          querystring: exceptionReviewQuerySchema,
          response: { 200: exceptionReviewListSchema },
        },
      },
      async (request) => ({
        ...(await listExceptionReviews(ctx(request), request.query)),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
    );
    app.post(
      '/exception-reviews/:id/close',
      {
        config: { roles: ['ig_lead'] },
        schema: {
          tags,
          params: idParamsSchema,
          body: exceptionReviewCloseSchema,
          response: { 200: exceptionReviewSchema },
        },
      },
      async (request) => closeExceptionReview(ctx(request), request.params.id, request.body),
    );
  };
}
