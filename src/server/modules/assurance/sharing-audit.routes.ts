import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  auditDetailSchema,
  auditDrawInputSchema,
  auditItemParamsSchema,
  auditItemPersonSchema,
  auditListSchema,
  correctiveActionCloseSchema,
  correctiveActionInputSchema,
  correctiveActionListSchema,
  correctiveActionSchema,
  itemReviewInputSchema,
} from '../../../contracts/sharing-audit.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as audits from './sharing-audit.service.ts';

const tags = ['assurance'];
const IG = { roles: ['ig_lead'] as const };

/** The monthly information-sharing audit, its review, corrective actions and re-audit. */
export function sharingAuditRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.get(
      '/assurance/sharing-audits',
      { config: IG, schema: { tags, response: { 200: auditListSchema } } },
      async (request) => audits.listSharingAudits(ctx(request)),
    );
    app.post(
      '/assurance/sharing-audits',
      { config: IG, schema: { tags, body: auditDrawInputSchema, response: { 200: auditDetailSchema } } },
      async (request) => audits.drawForCaller(ctx(request), request.body),
    );
    app.get(
      '/assurance/sharing-audits/:id',
      { config: IG, schema: { tags, params: idParamsSchema, response: { 200: auditDetailSchema } } },
      async (request) => audits.getSharingAudit(ctx(request), request.params.id),
    );
    app.post(
      '/assurance/sharing-audits/:id/items/:itemId/review',
      {
        config: IG,
        schema: {
          tags,
          params: auditItemParamsSchema,
          body: itemReviewInputSchema,
          response: { 200: auditDetailSchema },
        },
      },
      async (request) =>
        audits.reviewItem(ctx(request), request.params.id, request.params.itemId, request.body),
    );
    app.post(
      '/assurance/sharing-audits/:id/items/:itemId/actions',
      {
        config: IG,
        schema: {
          tags,
          params: auditItemParamsSchema,
          body: correctiveActionInputSchema,
          response: { 201: correctiveActionSchema },
        },
      },
      async (request, reply) => {
        const action = await audits.raiseAction(
          ctx(request),
          request.params.id,
          request.params.itemId,
          request.body,
        );
        return reply.code(201).send(action);
      },
    );
    app.get(
      '/assurance/sharing-audits/:id/items/:itemId/person',
      {
        config: IG,
        schema: { tags, params: auditItemParamsSchema, response: { 200: auditItemPersonSchema } },
      },
      async (request) => audits.openItemPerson(ctx(request), request.params.id, request.params.itemId),
    );
    app.get(
      '/assurance/corrective-actions',
      { schema: { tags, response: { 200: correctiveActionListSchema } } },
      async (request) => ({ items: await audits.actionsOwnedBy(ctx(request)) }),
    );
    app.post(
      '/assurance/corrective-actions/:id/close',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: correctiveActionCloseSchema,
          response: { 200: correctiveActionSchema },
        },
      },
      async (request) => audits.closeAction(ctx(request), request.params.id, request.body),
    );
  };
}
