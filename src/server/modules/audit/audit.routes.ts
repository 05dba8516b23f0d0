import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  auditActivityQuerySchema,
  auditActivitySchema,
  auditEntryListSchema,
  auditEntryQuerySchema,
  auditEntrySchema,
  consistencyProofSchema,
  consistencyQuerySchema,
  inclusionProofSchema,
  inclusionQuerySchema,
  publicKeySchema,
  signedTreeHeadSchema,
  trustedPublicKeyListSchema,
  verifyReportSchema,
} from '../../../contracts/audit.ts';
import { idParamsSchema } from '../../../contracts/common.ts';
import { contextOf } from '../../http/auth.ts';
import type { RouteDeps } from '../../http/route-deps.ts';
import * as audit from './audit.service.ts';
import { searchActivity, searchEntries, viewEntry } from './audit-search.service.ts';
import type { HeadAnchor } from './head-anchor.ts';
import type { SigningKey, VerifyingKey } from './tree-head.ts';

const tags = ['audit'];
const IG = { roles: ['ig_lead'] as const };

/** What the audit routes need besides the database: the keys and the anchor beside them. */
export interface AuditRouteDeps extends RouteDeps {
  /** The key this server signs new heads with. */
  readonly signingKey: SigningKey;
  /** Every key whose heads verify, the signing key among them. */
  readonly trustedKeys: readonly VerifyingKey[];
  readonly headAnchor: HeadAnchor | null;
}

/**
 * The audit log: its public keys and signed heads (for partners who keep heads outside Accord),
 * inclusion and consistency proofs, and the entry explorer for IG leads.
 */
export function auditRoutes(deps: AuditRouteDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/audit/public-key',
      { config: { public: true }, schema: { tags, response: { 200: publicKeySchema } } },
      async () => ({
        keyId: deps.signingKey.keyId,
        algorithm: 'Ed25519' as const,
        publicKeyPem: deps.signingKey.publicKeyPem,
      }),
    );
    app.get(
      '/audit/public-keys',
      { config: { public: true }, schema: { tags, response: { 200: trustedPublicKeyListSchema } } },
      async () => audit.presentPublicKeys(deps.trustedKeys, deps.signingKey.keyId),
    );
    app.get(
      '/audit/heads',
      {
        schema: {
          tags,
          querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(10) }),
          response: { 200: z.array(signedTreeHeadSchema) },
        },
      },
      async (request) => audit.recentHeads(deps.database, request.query.limit),
    );
    app.get(
      '/audit/proofs/inclusion',
      { schema: { tags, querystring: inclusionQuerySchema, response: { 200: inclusionProofSchema } } },
      async (request) => audit.proveInclusion(deps.database, request.query.leafIndex, request.query.treeSize),
    );
    app.get(
      '/audit/proofs/consistency',
      { schema: { tags, querystring: consistencyQuerySchema, response: { 200: consistencyProofSchema } } },
      async (request) => audit.proveConsistency(deps.database, request.query.first, request.query.second),
    );
    app.get(
      '/audit/entries',
      {
        config: IG,
        schema: { tags, querystring: auditEntryQuerySchema, response: { 200: auditEntryListSchema } },
      },
      async (request) => ({
        ...(await searchEntries(contextOf(request, deps), request.query)),
        page: request.query.page,
        pageSize: request.query.pageSize,
      }),
    );
    app.get(
      '/audit/activity',
      {
        config: IG,
        schema: { tags, querystring: auditActivityQuerySchema, response: { 200: auditActivitySchema } },
      },
      async (request) => searchActivity(contextOf(request, deps), request.query),
    );
    app.get(
      '/audit/entries/:id',
      { config: IG, schema: { tags, params: idParamsSchema, response: { 200: auditEntrySchema } } },
      async (request) => viewEntry(contextOf(request, deps), request.params.id),
    );
    app.get(
      '/audit/verify',
      { config: IG, schema: { tags, response: { 200: verifyReportSchema } } },
      async () => audit.verifyLog(deps.database, deps.trustedKeys, (await deps.headAnchor?.read()) ?? null),
    );
  };
}
