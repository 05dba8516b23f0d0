import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  dqAuditInputSchema,
  dqAuditListSchema,
  dqAuditSchema,
  dqFindingSchema,
  drillDownQuerySchema,
  drillDownSchema,
  metricDefinitionSchema,
  reconciliationSchema,
  reportQuerySchema,
  reportSchema,
  reviewInputSchema,
  reviewListSchema,
  reviewSchema,
} from '../../../contracts/reporting.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import type { HeadAnchor } from '../audit/head-anchor.ts';
import type { VerifyingKey } from '../audit/tree-head.ts';
import {
  correctFinding,
  getDataQualityAudit,
  getFinding,
  listDataQualityAudits,
  runDataQualityAudit,
} from './data-quality.service.ts';
import { produceEvidencePack } from './evidence-pack.service.ts';
import { METRICS } from './metrics.ts';
import { tablesToCsv } from './report-tables.ts';
import { commissionerReport, drillDown, reconcile } from './reporting.service.ts';
import { listReviews, recordReview } from './reviews.service.ts';

const tags = ['reporting'];

/** What the reporting routes need besides the database: the audit log's keys and anchor, for the evidence pack. */
export interface ReportingRouteDeps extends RouteDeps {
  readonly trustedKeys: readonly VerifyingKey[];
  readonly headAnchor: HeadAnchor | null;
}

/**
 * Care-plan reviews with outcome scores, the commissioner dataset, drill-down and reconciliation,
 * the data-quality audit and the evidence pack.
 */
export function reportingRoutes(deps: ReportingRouteDeps): FastifyPluginAsyncZod {
  const packDeps = { trustedKeys: deps.trustedKeys };
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
    app.get(
      '/reporting/metrics',
      { schema: { tags, response: { 200: z.object({ items: z.array(metricDefinitionSchema) }) } } },
      async () => ({ items: Object.values(METRICS) }),
    );
    app.get(
      '/reporting/dataset',
      { schema: { tags, querystring: reportQuerySchema, response: { 200: reportSchema } } },
      async (request) => commissionerReport(ctx(request), request.query),
    );
    app.get(
      '/reporting/dataset.csv',
      { schema: { tags, querystring: reportQuerySchema, produces: ['text/csv'] } },
      async (request, reply) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="commissioner-dataset.csv"')
          .send(tablesToCsv((await commissionerReport(ctx(request), request.query)).metrics)),
    );
    app.get(
      '/reporting/drill-down',
      { schema: { tags, querystring: drillDownQuerySchema, response: { 200: drillDownSchema } } },
      async (request) => drillDown(ctx(request), request.query),
    );
    app.get(
      '/reporting/reconciliation',
      {
        schema: {
          tags,
          querystring: reportQuerySchema.omit({ metric: true }),
          response: { 200: reconciliationSchema },
        },
      },
      async (request) => reconcile(ctx(request), request.query),
    );
    app.get(
      '/reporting/evidence-pack.pdf',
      {
        schema: {
          tags,
          querystring: reportQuerySchema.omit({ metric: true }),
          produces: ['application/pdf'],
        },
      },
      async (request, reply) =>
        reply
          .type('application/pdf')
          .header('content-disposition', 'attachment; filename="evidence-pack.pdf"')
          .send(await produceEvidencePack(ctx(request), packDeps, request.query)),
    );
    app.post(
      '/reporting/data-quality/audits',
      { schema: { tags, body: dqAuditInputSchema, response: { 201: dqAuditSchema } } },
      async (request, reply) => reply.status(201).send(await runDataQualityAudit(ctx(request), request.body)),
    );
    app.get(
      '/reporting/data-quality/audits',
      { schema: { tags, response: { 200: dqAuditListSchema } } },
      async (request) => listDataQualityAudits(ctx(request)),
    );
    app.get(
      '/reporting/data-quality/audits/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: dqAuditSchema } } },
      async (request) => getDataQualityAudit(ctx(request), request.params.id),
    );
    app.get(
      '/reporting/data-quality/findings/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: dqFindingSchema } } },
      async (request) => getFinding(ctx(request), request.params.id),
    );
    app.post(
      '/reporting/data-quality/findings/:id/correction',
      {
        schema: {
          tags,
          params: idParamsSchema,
          response: { 200: z.object({ id: z.string(), status: z.literal('corrected') }) },
        },
      },
      async (request) => correctFinding(ctx(request), request.params.id),
    );
  };
}
