import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { worklistQuerySchema, worklistSchema } from '../../../contracts/work.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import { getWorklist } from './work.service.ts';

/** The signed-in user's worklist. */
export function workRoutes(deps: RouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/worklist',
      { schema: { tags: ['work'], querystring: worklistQuerySchema, response: { 200: worklistSchema } } },
      async (request) => getWorklist(contextOf(request, deps), request.query),
    );
  };
}
