import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Where `vite build` puts the web app. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../dist/web');

/**
 * Serves the built web app, and its index.html for any other non-API GET so client-side routes
 * survive a reload. Unknown /api paths stay 404 problems.
 */
export async function registerWeb(app: FastifyInstance, dist: string = WEB_DIST): Promise<void> {
  if (!existsSync(path.join(dist, 'index.html'))) {
    app.log.warn('web app not built: run npm run build:web');
    return;
  }
  await app.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    // Paths that name a file (assets of another build, typos) are 404s; only app routes get index.html.
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(path)) return reply.callNotFound();
    return reply.type('text/html').sendFile('index.html');
  });
}
