import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessReviewDetailSchema,
  accessReviewListSchema,
  accessReviewQuerySchema,
  anomalySettingListSchema,
  anomalySettingsUpdateSchema,
  caseCloseInputSchema,
  detectionRunInputSchema,
  detectionRunResultSchema,
  investigationCaseDetailSchema,
  investigationCaseListSchema,
  investigationCaseQuerySchema,
  reviewConfirmManyInputSchema,
  reviewDecisionInputSchema,
  reviewEscalateResultSchema,
  reviewOpenInputSchema,
  reviewOpenResultSchema,
} from '../../../contracts/assurance.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  incidentInputSchema,
  incidentListSchema,
  incidentPersonInputSchema,
  incidentPromoteInputSchema,
  incidentSchema,
  incidentUpdateSchema,
} from '../../../contracts/incidents.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { escalateReviewsForCaller, openReviewsForCaller } from './access-review.service.ts';
import { confirmReviewItems, undoRevocation } from './access-review-bulk.service.ts';
import { decideReviewItem, getAccessReview, listAccessReviews } from './access-review-items.service.ts';
import { runDetectionForCaller } from './anomaly-detection.service.ts';
import { getAnomalySettings, updateAnomalySettings } from './anomaly-settings.service.ts';
import * as incidents from './incidents.service.ts';
import { closeCase, getCase, listCases } from './investigation.service.ts';

const tags = ['assurance'];
const IG = { roles: ['ig_lead'] as const };
const REVIEWERS = { roles: ['service_manager', 'ig_lead'] as const };
const MANAGERS = { roles: ['service_manager'] as const };
const REVIEW_ADMINS = { roles: ['ig_lead', 'system_admin'] as const };

/**
 * Anomaly detection over the audit log with investigation cases for IG leads, and monthly access
 * reviews for service managers.
 */
export function assuranceRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/assurance/anomaly-settings',
      { config: IG, schema: { tags, response: { 200: anomalySettingListSchema } } },
      async (request) => getAnomalySettings(ctx(request)),
    );
    app.put(
      '/assurance/anomaly-settings',
      {
        config: IG,
        schema: { tags, body: anomalySettingsUpdateSchema, response: { 200: anomalySettingListSchema } },
      },
      async (request) => updateAnomalySettings(ctx(request), request.body),
    );
    app.post(
      '/assurance/anomaly-detection/run',
      {
        config: IG,
        schema: { tags, body: detectionRunInputSchema, response: { 200: detectionRunResultSchema } },
      },
      async (request) => runDetectionForCaller(ctx(request), request.body),
    );
    app.get(
      '/assurance/cases',
      {
        config: IG,
        schema: {
          tags,
          querystring: investigationCaseQuerySchema,
          response: { 200: investigationCaseListSchema },
        },
      },
      async (request) => ({
        ...(await listCases(ctx(request), request.query)),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
    );
    app.get(
      '/assurance/cases/:id',
      {
        config: IG,
        schema: { tags, params: idParamsSchema, response: { 200: investigationCaseDetailSchema } },
      },
      async (request) => getCase(ctx(request), request.params.id),
    );
    app.post(
      '/assurance/cases/:id/close',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: caseCloseInputSchema,
          response: { 200: investigationCaseDetailSchema },
        },
      },
      async (request) => closeCase(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/assurance/access-reviews',
      {
        config: REVIEWERS,
        schema: { tags, querystring: accessReviewQuerySchema, response: { 200: accessReviewListSchema } },
      },
      async (request) => ({
        ...(await listAccessReviews(ctx(request), request.query)),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
    );
    app.get(
      '/assurance/access-reviews/:id',
      {
        config: REVIEWERS,
        schema: { tags, params: idParamsSchema, response: { 200: accessReviewDetailSchema } },
      },
      async (request) => getAccessReview(ctx(request), request.params.id),
    );
    app.post(
      '/assurance/access-reviews/items/:id/decision',
      {
        config: MANAGERS,
        schema: {
          tags,
          params: idParamsSchema,
          body: reviewDecisionInputSchema,
          response: { 200: accessReviewDetailSchema },
        },
      },
      async (request) => decideReviewItem(ctx(request), request.params.id, request.body.decision),
    );
    app.post(
      '/assurance/access-reviews/:id/confirm',
      {
        config: MANAGERS,
        schema: {
          tags,
          params: idParamsSchema,
          body: reviewConfirmManyInputSchema,
          response: { 200: accessReviewDetailSchema },
        },
      },
      async (request) => confirmReviewItems(ctx(request), request.params.id, request.body.itemIds),
    );
    app.post(
      '/assurance/access-reviews/items/:id/undo',
      {
        config: MANAGERS,
        schema: {
          tags,
          params: idParamsSchema,
          body: z.strictObject({}).optional(),
          response: { 200: accessReviewDetailSchema },
        },
      },
      async (request) => undoRevocation(ctx(request), request.params.id),
    );
    app.post(
      '/assurance/access-reviews/open',
      {
        config: REVIEW_ADMINS,
        schema: { tags, body: reviewOpenInputSchema, response: { 200: reviewOpenResultSchema } },
      },
      async (request) => openReviewsForCaller(ctx(request), request.body.period),
    );
    app.post(
      '/assurance/access-reviews/escalate',
      {
        config: REVIEW_ADMINS,
        schema: { tags, body: z.strictObject({}).optional(), response: { 200: reviewEscalateResultSchema } },
      },
      async (request) => escalateReviewsForCaller(ctx(request)),
    );
    app.get(
      '/assurance/incidents',
      { config: IG, schema: { tags, response: { 200: incidentListSchema } } },
      async (request) => ({ items: await incidents.listIncidents(ctx(request)) }),
    );
    app.post(
      '/assurance/incidents',
      { config: IG, schema: { tags, body: incidentInputSchema, response: { 201: incidentSchema } } },
      async (request, reply) =>
        reply.status(201).send(await incidents.createIncident(ctx(request), request.body)),
    );
    app.get(
      '/assurance/incidents/:id',
      { config: IG, schema: { tags, params: idParamsSchema, response: { 200: incidentSchema } } },
      async (request) => incidents.getIncident(ctx(request), request.params.id),
    );
    app.put(
      '/assurance/incidents/:id',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: incidentUpdateSchema,
          response: { 200: incidentSchema },
        },
      },
      async (request) => incidents.updateIncidentRecord(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/assurance/incidents/:id/close',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: z.strictObject({}).optional(),
          response: { 200: incidentSchema },
        },
      },
      async (request) => incidents.closeIncident(ctx(request), request.params.id),
    );
    app.post(
      '/assurance/incidents/:id/people',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: incidentPersonInputSchema,
          response: { 200: incidentSchema },
        },
      },
      async (request) => incidents.linkPersonAffected(ctx(request), request.params.id, request.body.personId),
    );
    app.post(
      '/assurance/cases/:id/incident',
      {
        config: IG,
        schema: {
          tags,
          params: idParamsSchema,
          body: incidentPromoteInputSchema,
          response: { 201: incidentSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await incidents.promoteCase(ctx(request), request.params.id, request.body)),
    );
  };
}
