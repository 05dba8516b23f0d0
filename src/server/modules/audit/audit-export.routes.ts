import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  accessReportQuerySchema,
  accessReportSchema,
  auditExportQuerySchema,
} from '../../../contracts/audit-export.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import { contextOf } from '../../http/auth.ts';
import { FHIR_JSON, handleFhirError } from '../../http/operation-outcome.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { producePersonAccessReport, producePersonAccessReportPdf } from './access-report.service.ts';
import { exportAuditLog } from './audit-export.ts';
import type { BasisLookup } from './disclosure-report.ts';

const tags = ['audit'];
const IG = { roles: ['ig_lead'] as const };

/**
 * Audit exports for IG leads (CSV and FHIR R4 AuditEvent Bundle) and a person's access report
 * (JSON and PDF) for their care coordinator or an IG lead of an organisation involved in their care.
 * `basis` overrides where reports find agreement titles and exception grounds (stored records by default).
 */
export function auditExportRoutes(deps: RouteDeps & { basis?: BasisLookup }): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    const basis = deps.basis ? { basis: deps.basis } : {};

    for (const format of ['csv', 'fhir'] as const) {
      app.get(
        `/audit/export.${format}`,
        {
          config: IG,
          // The FHIR export is a FHIR route: its errors are OperationOutcomes too.
          ...(format === 'fhir' ? { errorHandler: handleFhirError } : {}),
          schema: {
            tags,
            querystring: auditExportQuerySchema,
            produces: [format === 'fhir' ? FHIR_JSON : 'text/csv'],
          },
        },
        async (request, reply) => {
          const file = await exportAuditLog(ctx(request), request.query, format);
          return reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.filename}"`)
            .send(Readable.from(file.body));
        },
      );
    }
    app.get(
      '/people/:id/access-report',
      {
        schema: {
          tags,
          params: idParamsSchema,
          querystring: accessReportQuerySchema,
          response: { 200: accessReportSchema },
        },
      },
      async (request) => producePersonAccessReport(ctx(request), request.params.id, request.query, basis),
    );
    app.get(
      '/people/:id/access-report.pdf',
      {
        schema: {
          tags,
          params: idParamsSchema,
          querystring: accessReportQuerySchema,
          produces: ['application/pdf'],
        },
      },
      async (request, reply) =>
        reply
          .type('application/pdf')
          .header('content-disposition', 'attachment; filename="access-report.pdf"')
          .send(await producePersonAccessReportPdf(ctx(request), request.params.id, request.query, basis)),
    );
  };
}
