import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';

const statusSchema = z.object({ status: z.enum(['ok', 'unavailable']) });

/** Liveness (the process answers) and readiness (the database answers). */
export function healthRoutes(database: Database): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      { config: { public: true }, schema: { tags: ['health'], response: { 200: statusSchema } } },
      async () => ({
        status: 'ok' as const,
      }),
    );
    app.get(
      '/readyz',
      {
        config: { public: true },
        schema: { tags: ['health'], response: { 200: statusSchema, 503: statusSchema } },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(database.db);
          return { status: 'ok' as const };
        } catch {
          return reply.status(503).send({ status: 'unavailable' as const });
        }
      },
    );
  };
}
