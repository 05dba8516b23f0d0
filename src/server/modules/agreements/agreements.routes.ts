import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  acknowledgeInputSchema,
  agreementInputSchema,
  agreementLifecycleSchema,
  agreementListQuerySchema,
  agreementListSchema,
  agreementSchema,
  agreementSettingsInputSchema,
  agreementSettingsSchema,
  agreementStatusInputSchema,
  agreementUpdateSchema,
  disputeInputSchema,
  disputeListSchema,
  disputeOutcomeInputSchema,
  disputeParamsSchema,
  disputeSchema,
  signOffInputSchema,
} from '../../../contracts/agreements.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import {
  dpiaInputSchema,
  dpiaListSchema,
  dpiaSchema,
  dpiaSignOffInputSchema,
} from '../../../contracts/dpia.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as disputes from './agreement-disputes.service.ts';
import * as lifecycle from './agreement-lifecycle.service.ts';
import * as review from './agreement-review.service.ts';
import * as agreements from './agreements.service.ts';
import { AGREEMENT_OWNERS } from './agreements.ts';
import * as dpias from './dpia.service.ts';

const OWNERS = { roles: AGREEMENT_OWNERS };
const tags = ['agreements'];

/** Data sharing agreements. Any signed-in staff may read them; IG leads own and change them. */
export function agreementsRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);

    app.get(
      '/agreements',
      { schema: { tags, querystring: agreementListQuerySchema, response: { 200: agreementListSchema } } },
      async (request) => ({
        ...(await agreements.listAgreements(ctx(request), request.query)),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
    );
    app.get(
      '/agreements/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: agreementSchema } } },
      async (request) => agreements.getAgreement(ctx(request), request.params.id),
    );
    app.post(
      '/agreements',
      { config: OWNERS, schema: { tags, body: agreementInputSchema, response: { 201: agreementSchema } } },
      async (request, reply) =>
        reply.status(201).send(await agreements.createAgreement(ctx(request), request.body)),
    );
    app.put(
      '/agreements/:id',
      {
        config: OWNERS,
        schema: {
          tags,
          params: idParamsSchema,
          body: agreementUpdateSchema,
          response: { 200: agreementSchema },
        },
      },
      async (request) => agreements.updateAgreement(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/agreements/:id/status',
      {
        config: OWNERS,
        schema: {
          tags,
          params: idParamsSchema,
          body: agreementStatusInputSchema,
          response: { 200: agreementSchema },
        },
      },
      async (request) =>
        agreements.changeStatus(ctx(request), request.params.id, request.body.status, request.body.note),
    );
    app.get(
      '/agreements/:id/lifecycle',
      { schema: { tags, params: idParamsSchema, response: { 200: agreementLifecycleSchema } } },
      async (request) => lifecycle.getLifecycle(ctx(request), request.params.id),
    );
    app.post(
      '/agreements/:id/sign-offs',
      {
        // No role gate here: the authority refuses (and audits) anyone who may not sign off.
        schema: {
          tags,
          params: idParamsSchema,
          body: signOffInputSchema,
          response: { 200: agreementLifecycleSchema },
        },
      },
      async (request) => lifecycle.signOffAgreement(ctx(request), request.params.id, request.body),
    );
    app.post(
      '/agreements/:id/acknowledge',
      {
        schema: {
          tags,
          params: idParamsSchema,
          body: acknowledgeInputSchema,
          response: { 200: agreementLifecycleSchema },
        },
      },
      async (request) =>
        lifecycle.acknowledgeGuidance(ctx(request), request.params.id, request.body.expectedVersion),
    );
    app.get(
      '/agreement-settings',
      { schema: { tags, response: { 200: agreementSettingsSchema } } },
      async (request) => review.getAgreementSettings(ctx(request)),
    );
    app.put(
      '/agreement-settings',
      {
        schema: { tags, body: agreementSettingsInputSchema, response: { 200: agreementSettingsSchema } },
      },
      async (request) => review.updateAgreementSettings(ctx(request), request.body.autoSuspendPastReview),
    );
    app.get(
      '/agreements/:id/disputes',
      { schema: { tags, params: idParamsSchema, response: { 200: disputeListSchema } } },
      async (request) => ({ items: await disputes.listDisputes(ctx(request), request.params.id) }),
    );
    app.post(
      '/agreements/:id/disputes',
      {
        schema: { tags, params: idParamsSchema, body: disputeInputSchema, response: { 201: disputeSchema } },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await disputes.raiseDispute(ctx(request), request.params.id, request.body.question)),
    );
    app.post(
      '/agreements/:id/disputes/:disputeId/outcome',
      {
        schema: {
          tags,
          params: disputeParamsSchema,
          body: disputeOutcomeInputSchema,
          response: { 200: disputeSchema },
        },
      },
      async (request) =>
        disputes.documentOutcome(ctx(request), request.params.id, request.params.disputeId, request.body),
    );
    app.get('/dpias', { schema: { tags, response: { 200: dpiaListSchema } } }, async (request) => ({
      items: await dpias.listDpias(ctx(request)),
    }));
    app.post(
      '/dpias',
      { schema: { tags, body: dpiaInputSchema, response: { 201: dpiaSchema } } },
      async (request, reply) => reply.status(201).send(await dpias.createDpia(ctx(request), request.body)),
    );
    app.get(
      '/dpias/:id',
      { schema: { tags, params: idParamsSchema, response: { 200: dpiaSchema } } },
      async (request) => dpias.getDpia(ctx(request), request.params.id),
    );
    app.post(
      '/dpias/:id/sign-off',
      {
        schema: { tags, params: idParamsSchema, body: dpiaSignOffInputSchema, response: { 200: dpiaSchema } },
      },
      async (request) => dpias.signOff(ctx(request), request.params.id, request.body),
    );
  };
}
