import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { roleGrantListSchema, roleGrantSchema } from '../../../contracts/authority.ts';
import { idParamsSchema, pageQuerySchema } from '../../../contracts/common.ts';
import {
  governanceAssignmentSchema,
  organisationInputSchema,
  organisationListSchema,
  organisationSchema,
  staffInputSchema,
  staffListQuerySchema,
  staffListSchema,
  staffSchema,
  staffUpdateSchema,
  teamInputSchema,
  teamListQuerySchema,
  teamListSchema,
  teamSchema,
  trainingInputSchema,
} from '../../../contracts/directory.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as organisations from './organisation.service.ts';
import { approveRoleGrant, listPendingRoleGrants } from './role-grant.service.ts';
import * as staff from './staff.service.ts';
import * as teams from './team.service.ts';
import { addTraining } from './training.service.ts';

const ADMIN = { roles: ['system_admin'] as const };
/** Staff records carry contact details and training: for those who administer, manage or build care teams. */
const STAFF_READERS = {
  roles: ['system_admin', 'service_manager', 'ig_lead', 'care_manager', 'clinical'] as const,
};
const tags = ['directory'];

/**
 * Organisations, teams, staff accounts and role grants waiting for a second person. Reading is open
 * to signed-in staff; changes need system_admin, and each passes the authority over access changes.
 */
export function directoryRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/organisations',
      { schema: { tags, querystring: pageQuerySchema, response: { 200: organisationListSchema } } },
      async (request) => ({
        ...(await organisations.listOrganisations(ctx(request), request.query)),
        ...request.query,
      }),
    );
    app.post(
      '/organisations',
      {
        config: ADMIN,
        schema: { tags, body: organisationInputSchema, response: { 201: organisationSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await organisations.createOrganisation(ctx(request), request.body)),
    );
    app.get(
      '/organisations/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: organisationSchema } } },
      async (request) => organisations.getOrganisation(ctx(request), request.params.id),
    );
    app.put(
      '/organisations/:id',
      {
        config: ADMIN,
        schema: {
          tags,
          params: idParamsSchema,
          body: organisationInputSchema,
          response: { 200: organisationSchema },
        },
      },
      async (request) => organisations.updateOrganisation(ctx(request), request.params.id, request.body),
    );
    app.put(
      '/organisations/:id/governance',
      {
        config: ADMIN,
        schema: {
          tags,
          params: idParamsSchema,
          body: governanceAssignmentSchema,
          response: { 200: organisationSchema },
        },
      },
      async (request) =>
        organisations.assignGovernanceRole(
          ctx(request),
          request.params.id,
          request.body.role,
          request.body.staffId,
        ),
    );

    app.get(
      '/teams',
      { schema: { tags, querystring: teamListQuerySchema, response: { 200: teamListSchema } } },
      async (request) => ({
        ...(await teams.listTeams(
          ctx(request),
          { organisationId: request.query.organisationId },
          request.query,
        )),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
    );
    app.post(
      '/teams',
      { config: ADMIN, schema: { tags, body: teamInputSchema, response: { 201: teamSchema } } },
      async (request, reply) => reply.status(201).send(await teams.createTeam(ctx(request), request.body)),
    );

    app.get(
      '/staff',
      {
        config: STAFF_READERS,
        schema: { tags, querystring: staffListQuerySchema, response: { 200: staffListSchema } },
      },
      async (request) => ({
        ...(await staff.listStaff(ctx(request), request.query, request.query)),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
    );
    app.get(
      '/staff/:id',
      { config: STAFF_READERS, schema: { tags, params: idParamsSchema, response: { 200: staffSchema } } },
      async (request) => staff.getStaff(ctx(request), request.params.id),
    );
    app.post(
      '/staff',
      { config: ADMIN, schema: { tags, body: staffInputSchema, response: { 201: staffSchema } } },
      async (request, reply) => reply.status(201).send(await staff.createStaff(ctx(request), request.body)),
    );
    app.patch(
      '/staff/:id',
      {
        config: ADMIN,
        schema: { tags, params: idParamsSchema, body: staffUpdateSchema, response: { 200: staffSchema } },
      },
      async (request) => staff.updateStaff(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/staff/:id/unlock',
      { config: ADMIN, schema: { tags, params: idParamsSchema, response: { 200: staffSchema } } },
      async (request) => staff.unlockStaff(ctx(request), request.params.id),
    );
    app.post(
      '/staff/:id/training',
      {
        config: { roles: ['system_admin', 'service_manager'] },
        schema: { tags, params: idParamsSchema, body: trainingInputSchema, response: { 201: staffSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await addTraining(ctx(request), request.params.id, request.body)),
    );
    app.get(
      '/role-grants',
      {
        config: { roles: ['system_admin', 'ig_lead', 'service_manager'] },
        schema: { tags, response: { 200: roleGrantListSchema } },
      },
      async (request) => listPendingRoleGrants(ctx(request)),
    );
    app.post(
      '/role-grants/:id/approve',
      {
        config: { roles: ['ig_lead', 'service_manager'] },
        schema: { tags, params: idParamsSchema, response: { 200: roleGrantSchema } },
      },
      async (request) => approveRoleGrant(ctx(request), request.params.id),
    );
  };
}
