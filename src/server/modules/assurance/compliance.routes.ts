import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  complianceAgreementListSchema,
  complianceParamsSchema,
  complianceReportSchema,
  drilldownPageSchema,
  drilldownQuerySchema,
} from '../../../contracts/compliance.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { complianceReport, drilldown, listComplianceAgreements } from './compliance.service.ts';

const tags = ['assurance'];

/** Quarterly agreement compliance for the IG leads and DPOs of its parties, with drill-down. */
export function complianceRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.get(
      '/assurance/compliance',
      { schema: { tags, response: { 200: complianceAgreementListSchema } } },
      async (request) => listComplianceAgreements(ctx(request)),
    );
    app.get(
      '/assurance/compliance/:id/:quarter',
      { schema: { tags, params: complianceParamsSchema, response: { 200: complianceReportSchema } } },
      async (request) => complianceReport(ctx(request), request.params.id, request.params.quarter),
    );
    app.get(
      '/assurance/compliance/:id/:quarter/entries',
      {
        schema: {
          tags,
          params: complianceParamsSchema,
          querystring: drilldownQuerySchema,
          response: { 200: drilldownPageSchema },
        },
      },
      async (request) => drilldown(ctx(request), request.params.id, request.params.quarter, request.query),
    );
  };
}
