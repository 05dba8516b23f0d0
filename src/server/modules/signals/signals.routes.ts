import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema, idSchema } from '../../../contracts/common.ts';
import {
  alertAcknowledgeSchema,
  alertSchema,
  contactAttendanceSchema,
  contactInputSchema,
  contactParamsSchema,
  coordinationTimelineSchema,
  escalationRulesSchema,
  escalationRulesViewSchema,
  signalInputSchema,
} from '../../../contracts/signals.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { acknowledgeAlert, getAlert } from './alerts.service.ts';
import { recordAttendance, recordContact } from './contacts.service.ts';
import { getEscalationRules, updateEscalationRules } from './escalation-rules.service.ts';
import { recordSignal } from './signals.service.ts';
import { coordinationTimeline } from './timeline.service.ts';

const tags = ['signals'];

/** Contacts, signals, alerts, the coordination timeline and the escalation rules. */
export function signalsRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.post(
      '/people/:id/contacts',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: contactInputSchema,
          response: { 201: z.object({ id: idSchema, derivedSignalId: idSchema.nullable() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordContact(ctx(request), request.params.id, request.body)),
    );
    app.post(
      '/people/:id/contacts/:contactId/attendance',
      {
        schema: {
          tags,
          params: contactParamsSchema,
          body: contactAttendanceSchema,
          response: { 200: z.object({ id: idSchema, derivedSignalId: idSchema.nullable() }) },
        },
      },
      async (request) =>
        recordAttendance(ctx(request), request.params.id, request.params.contactId, request.body),
    );
    app.post(
      '/people/:id/signals',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: signalInputSchema,
          response: { 201: z.object({ id: idSchema }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await recordSignal(ctx(request), request.params.id, request.body)),
    );
    app.get(
      '/people/:id/coordination',
      { schema: { tags, params: idParamsSchema, response: { 200: coordinationTimelineSchema } } },
      async (request) => coordinationTimeline(ctx(request), request.params.id),
    );
    app.get(
      '/signal-alerts/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: alertSchema } } },
      async (request) => getAlert(ctx(request), request.params.id),
    );
    app.post(
      '/signal-alerts/:id/acknowledge',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: alertAcknowledgeSchema,
          response: { 200: alertSchema },
        },
      },
      async (request) => acknowledgeAlert(ctx(request), request.params.id, request.body),
    );
    app.get(
      '/escalation-rules',
      { schema: { tags, response: { 200: escalationRulesViewSchema } } },
      async (request) => getEscalationRules(ctx(request)),
    );
    app.put(
      '/escalation-rules',
      { schema: { tags, body: escalationRulesSchema, response: { 200: escalationRulesViewSchema } } },
      async (request) => updateEscalationRules(ctx(request), request.body),
    );
  };
}
