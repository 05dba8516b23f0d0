import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessPolicySchema,
  breakGlassGrantSchema,
  breakGlassInputSchema,
  explainInputSchema,
  explanationSchema,
  policyPreviewSchema,
  tierPolicySchema,
  unableToShareQuerySchema,
  unableToShareSchema,
} from '../../../contracts/access.ts';
import {
  changeExplanationSchema,
  explainChangeInputSchema,
  settingsProposalInputSchema,
  settingsProposalListSchema,
  settingsProposalSchema,
} from '../../../contracts/authority.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { endBreakGlass, type GrantReviewQueue, grantBreakGlass, myGrants } from './break-glass.service.ts';
import type { ExtraFactsLoader } from './door.ts';
import { explainAccess } from './explain.service.ts';
import { explainRefusedChange } from './explain-change.service.ts';
import { getAccessPolicy, previewAccessPolicy, unableToShare, updateAccessPolicy } from './policy.service.ts';
import { approveProposal, listProposals, proposeSettings } from './settings-proposal.service.ts';

const tags = ['access'];

/** What the access routes need from the modules that hold sharing facts and review queues. */
export interface AccessRouteDeps extends RouteDeps {
  readonly sharingFacts: ExtraFactsLoader;
  readonly queueBreakGlassReview: GrantReviewQueue;
}

/** Explain access, break-glass, the tier policy with its preview and proposals, and "unable to share" counts. */
export function accessRoutes(deps: AccessRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    const ctx = (request: Parameters<typeof contextOf>[0]) => contextOf(request, deps);
    app.post(
      '/access/explain',
      { schema: { tags, body: explainInputSchema, response: { 200: explanationSchema } } },
      async (request) => explainAccess(ctx(request), request.body, deps.sharingFacts),
    );
    app.post(
      '/access/explain-change',
      { schema: { tags, body: explainChangeInputSchema, response: { 200: changeExplanationSchema } } },
      async (request) => explainRefusedChange(ctx(request), request.body.requestId),
    );
    app.post(
      '/break-glass',
      {
        config: { roles: ['duty'] },
        schema: { tags, body: breakGlassInputSchema, response: { 201: breakGlassGrantSchema } },
      },
      async (request, reply) =>
        reply.status(201).send(await grantBreakGlass(ctx(request), request.body, deps.queueBreakGlassReview)),
    );
    app.get(
      '/break-glass',
      { config: { roles: ['duty'] }, schema: { tags, response: { 200: z.array(breakGlassGrantSchema) } } },
      async (request) => myGrants(ctx(request)),
    );
    app.post(
      '/break-glass/:id/end',
      {
        config: { roles: ['duty'] },
        schema: { tags, params: idParamsSchema, response: { 200: breakGlassGrantSchema } },
      },
      async (request) => endBreakGlass(ctx(request), request.params.id),
    );
    app.get('/access/policy', { schema: { tags, response: { 200: accessPolicySchema } } }, async (request) =>
      getAccessPolicy(ctx(request)),
    );
    // Open to any signed-in caller: the authority decides (partnership governance lead only) and a
    // refusal is audited with its reasons.
    app.put(
      '/access/policy',
      { schema: { tags, body: tierPolicySchema, response: { 200: accessPolicySchema } } },
      async (request) => updateAccessPolicy(ctx(request), request.body),
    );
    app.post(
      '/access/policy/preview',
      {
        config: { roles: ['ig_lead'] },
        schema: { tags, body: tierPolicySchema, response: { 200: policyPreviewSchema } },
      },
      async (request) => previewAccessPolicy(ctx(request), request.body),
    );
    app.get(
      '/settings-proposals',
      { config: { roles: ['ig_lead'] }, schema: { tags, response: { 200: settingsProposalListSchema } } },
      async (request) => listProposals(ctx(request)),
    );
    app.post(
      '/settings-proposals',
      {
        config: { roles: ['ig_lead'] },
        schema: { tags, body: settingsProposalInputSchema, response: { 201: settingsProposalSchema } },
      },
      async (request, reply) => reply.status(201).send(await proposeSettings(ctx(request), request.body)),
    );
    app.post(
      '/settings-proposals/:id/approve',
      {
        config: { roles: ['ig_lead'] },
        schema: { tags, params: idParamsSchema, response: { 200: settingsProposalSchema } },
      },
      async (request) => approveProposal(ctx(request), request.params.id),
    );
    app.get(
      '/access/unable-to-share',
      {
        config: { roles: ['ig_lead'] },
        schema: { tags, querystring: unableToShareQuerySchema, response: { 200: unableToShareSchema } },
      },
      async (request) => unableToShare(ctx(request), request.query),
    );
  };
}
