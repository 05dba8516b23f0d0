import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  interfaceEntryInputSchema,
  interfaceEntryListSchema,
  interfaceEntrySchema,
  interfaceEntryUpdateSchema,
} from '../../../contracts/interface-register.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as register from './interface-register.service.ts';

const tags = ['assurance'];
const KEEPERS = { roles: ['ig_lead', 'service_manager'] as const };

/** The register of interfaces and workarounds. */
export function interfaceRegisterRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/assurance/interfaces',
      { schema: { tags, response: { 200: interfaceEntryListSchema } } },
      async (request) => ({ items: await register.listEntries(ctx(request)) }),
    );
    app.get(
      '/assurance/interfaces/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: interfaceEntrySchema } } },
      async (request) => register.getEntry(ctx(request), request.params.id),
    );
    app.post(
      '/assurance/interfaces',
      {
        config: KEEPERS,
        schema: { tags, body: interfaceEntryInputSchema, response: { 201: interfaceEntrySchema } },
      },
      async (request, reply) => reply.code(201).send(await register.createEntry(ctx(request), request.body)),
    );
    app.put(
      '/assurance/interfaces/:id',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: interfaceEntryUpdateSchema,
          response: { 200: interfaceEntrySchema },
        },
      },
      async (request) => register.updateEntryRecord(ctx(request), request.params.id, request.body),
    );
  };
}
