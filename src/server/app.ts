import { generateKeyPairSync, randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_SESSION_IDLE_MINUTES } from './config.ts';
import type { Database } from './db/database.ts';
import { registerAuth } from './http/auth.ts';
import { handleClientError } from './http/client-error.ts';
import { AppError } from './http/errors.ts';
import { healthRoutes } from './http/health.routes.ts';
import { frameworkErrorHandler, registerInputGuards } from './http/input-guards.ts';
import { loggablePath } from './http/log-path.ts';
import { registerOpenApi } from './http/openapi.ts';
import { handleError } from './http/problem.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { registerWeb } from './http/web.ts';
import { accessRoutes } from './modules/access/access.routes.ts';
import { agreementsRoutes } from './modules/agreements/agreements.routes.ts';
import { sharingGuideRoutes } from './modules/agreements/sharing-guide.routes.ts';
import { assuranceRoutes } from './modules/assurance/assurance.routes.ts';
import { complianceRoutes } from './modules/assurance/compliance.routes.ts';
import { incidentReviewRoutes } from './modules/assurance/incident-review.routes.ts';
import { interfaceRegisterRoutes } from './modules/assurance/interface-register.routes.ts';
import { sharingAuditRoutes } from './modules/assurance/sharing-audit.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { auditExportRoutes } from './modules/audit/audit-export.routes.ts';
import { AuditWriter } from './modules/audit/audit-writer.ts';
import type { HeadAnchor } from './modules/audit/head-anchor.ts';
import { keyIdOf, type SigningKey, type VerifyingKey } from './modules/audit/tree-head.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { queueBreakGlassReview } from './modules/consent/break-glass-review.ts';
import { consentRoutes } from './modules/consent/consent.routes.ts';
import { directoryRoutes } from './modules/directory/index.ts';
import { exchangeRoutes } from './modules/exchange/index.ts';
import { peopleRoutes } from './modules/people/people.routes.ts';
import { loadSharingFacts } from './modules/people/sharing-facts.ts';
import { reportingRoutes } from './modules/reporting/index.ts';
import { signalsRoutes } from './modules/signals/index.ts';
import { safeguardingRoutes } from './modules/signals/safeguarding.routes.ts';
import { workRoutes } from './modules/work/index.ts';

/** One registered route and how it is guarded. */
export interface RouteSummary {
  method: string;
  url: string;
  public: boolean;
  roles: readonly string[] | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, for the route-coverage test and diagnostics. */
    routeTable: readonly RouteSummary[];
  }
}

/** What the app needs from outside; nothing is opened at import. */
export interface AppDeps {
  database: Database;
  clock?: () => Date;
  logLevel?: string;
  secureCookies?: boolean;
  /** Minutes a session may sit unused before it ends (default DEFAULT_SESSION_IDLE_MINUTES). */
  sessionIdleMinutes?: number;
  /** The reverse proxy whose X-Forwarded-For gives the client address; none trusted when not given. */
  trustedProxy?: string | null;
  /** Serve the built web app (off in most API tests). */
  web?: boolean;
  /** The audit writer; one is made when not given. */
  audit?: AuditWriter;
  /** Where log lines go (stdout when not given); tests capture them to check they hold no personal data. */
  logStream?: { write(line: string): void };
  /** The tree-head signing key; an ephemeral one is made when not given (tests). */
  signingKey?: SigningKey;
  /**
   * Every key whose heads verify: the signing key and the keys it replaced (see trusted-keys.ts). The
   * signing key is always trusted, so when not given it is the only one.
   */
  trustedKeys?: readonly VerifyingKey[];
  /** The last signed head kept beside the key, which verification checks the log extends. */
  headAnchor?: HeadAnchor;
}

function ephemeralSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Builds the HTTP application: plugins, hooks and every module's routes. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const clock = deps.clock ?? (() => new Date());
  const app = Fastify({
    bodyLimit: 256 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: deps.trustedProxy ?? false,
    frameworkErrors: frameworkErrorHandler({ hsts: deps.secureCookies ?? false }),
    clientErrorHandler: handleClientError,
    logger: {
      level: deps.logLevel ?? 'info',
      // Paths carry ids only; query strings can carry search terms (names), so they are dropped, and
      // anything shaped like an NHS number is masked.
      serializers: {
        req: (req: { method: string; url: string; id: string }) => ({
          method: req.method,
          path: loggablePath(req.url),
          id: req.id,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
  }).withTypeProvider<ZodTypeProvider>();

  const routeTable: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        public: route.config?.public === true,
        roles: route.config?.roles ?? null,
      });
    }
  });
  app.decorate('routeTable', routeTable);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request) => {
    throw new AppError('NOT_FOUND', 404, `No route for ${request.method} at this path.`);
  });

  await app.register(cookie);
  registerSecurityHeaders(app, { hsts: deps.secureCookies ?? false });
  registerInputGuards(app);
  registerAuth(app, deps.database, clock, deps.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES);
  await registerOpenApi(app);

  const audit = deps.audit ?? new AuditWriter(deps.database);
  app.addHook('onClose', () => audit.drain());
  const routeDeps = { database: deps.database, clock, audit };
  const signingKey = deps.signingKey ?? ephemeralSigningKey();
  const trustedKeys = [signingKey, ...(deps.trustedKeys ?? []).filter((k) => k.keyId !== signingKey.keyId)];
  await app.register(healthRoutes(deps.database));
  await app.register(
    async (api) => {
      await api.register(authRoutes({ ...routeDeps, secureCookies: deps.secureCookies ?? false }));
      await api.register(directoryRoutes(routeDeps));
      await api.register(peopleRoutes(routeDeps));
      await api.register(
        accessRoutes({
          ...routeDeps,
          sharingFacts: loadSharingFacts,
          queueBreakGlassReview: queueBreakGlassReview,
        }),
      );
      await api.register(agreementsRoutes(routeDeps));
      await api.register(consentRoutes(routeDeps));
      await api.register(assuranceRoutes(routeDeps));
      await api.register(complianceRoutes(routeDeps));
      await api.register(sharingAuditRoutes(routeDeps));
      await api.register(exchangeRoutes(routeDeps));
      await api.register(workRoutes(routeDeps));
      await api.register(signalsRoutes(routeDeps));
      await api.register(safeguardingRoutes(routeDeps));
      await api.register(reportingRoutes({ ...routeDeps, trustedKeys, headAnchor: deps.headAnchor ?? null }));
      await api.register(auditExportRoutes(routeDeps));
      await api.register(sharingGuideRoutes(routeDeps));
      await api.register(interfaceRegisterRoutes(routeDeps));
      await api.register(incidentReviewRoutes(routeDeps));
      await api.register(
        auditRoutes({
          ...routeDeps,
          signingKey,
          trustedKeys,
          headAnchor: deps.headAnchor ?? null,
        }),
      );
    },
    { prefix: '/api/v1' },
  );
  if (deps.web ?? true) await registerWeb(app);
  return app;
}
