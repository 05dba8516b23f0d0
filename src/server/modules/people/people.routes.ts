import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParamsSchema } from '../../../contracts/common.ts';
import { CARE_TEAM_ROLES } from '../../../contracts/enums.ts';
import {
  careTeamEndSchema,
  careTeamInputSchema,
  careTeamParamsSchema,
  caseloadQuerySchema,
  caseloadSchema,
  entryAmendSchema,
  entryInputSchema,
  entryVersionSchema,
  personDetailSchema,
  personEntryParamsSchema,
  personHeadersQuerySchema,
  personHeadersSchema,
  personInputSchema,
  personPrintSchema,
} from '../../../contracts/people.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as careTeam from './care-team.service.ts';
import { listCaseload } from './caseload.service.ts';
import * as entries from './entries.service.ts';
import * as headers from './headers.service.ts';
import * as people from './people.service.ts';
import { recordPrint } from './print.service.ts';

const tags = ['people'];
const registerQuery = z.strictObject({ role: z.enum(CARE_TEAM_ROLES).default('CARE_COORDINATOR') });

/** The caller's caseload, person pages, care teams and record entries. */
export function peopleRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/people',
      { schema: { tags, querystring: caseloadQuerySchema, response: { 200: caseloadSchema } } },
      async (request) => listCaseload(ctx(request), request.query),
    );
    app.get(
      '/people/headers',
      {
        schema: {
          tags,
          summary: 'Name people in a list',
          description:
            'The name and date of birth of each person the caller may know; others are left out. Writes one list entry per person named, never a record view.',
          querystring: personHeadersQuerySchema,
          response: { 200: personHeadersSchema },
        },
      },
      async (request) => ({ items: await headers.personHeaders(ctx(request), request.query.ids) }),
    );
    app.post(
      '/people',
      {
        schema: {
          tags,
          querystring: registerQuery,
          body: personInputSchema,
          response: { 201: personDetailSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await people.registerPerson(ctx(request), request.body, request.query.role)),
    );
    app.get(
      '/people/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: personDetailSchema } } },
      async (request) => people.getPerson(ctx(request), request.params.id),
    );
    app.post(
      '/people/:id/print',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: z.strictObject({}).optional(),
          response: { 200: personPrintSchema },
        },
      },
      async (request) => recordPrint(ctx(request), request.params.id),
    );
    app.post(
      '/people/:id/care-team',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: careTeamInputSchema,
          response: { 201: personDetailSchema },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await careTeam.addCareTeamMember(ctx(request), request.params.id, request.body)),
    );
    app.post(
      '/people/:id/care-team/:membershipId/end',
      {
        schema: { tags, params: careTeamParamsSchema, body: careTeamEndSchema, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await careTeam.endCareTeamMembership(
          ctx(request),
          request.params.id,
          request.params.membershipId,
          request.body.endDate,
        );
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/people/:id/entries',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: entryInputSchema,
          response: { 201: z.object({ id: z.string() }) },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await entries.addEntry(ctx(request), request.params.id, request.body)),
    );
    app.put(
      '/people/:id/entries/:entryId',
      {
        schema: {
          tags,
          params: personEntryParamsSchema,
          body: entryAmendSchema,
          response: { 200: z.object({ id: z.string(), version: z.number() }) },
        },
      },
      async (request) =>
        entries.amendEntry(ctx(request), request.params.id, request.params.entryId, request.body),
    );
    app.get(
      '/people/:id/entries/:entryId/versions',
      { schema: { tags, params: personEntryParamsSchema, response: { 200: z.array(entryVersionSchema) } } },
      async (request) => entries.entryHistory(ctx(request), request.params.id, request.params.entryId),
    );
  };
}
