import { z } from 'zod';
import { idSchema, instantSchema, pageOf, pageQuerySchema } from './common.ts';

/** A signed tree head: the log's size and root, signed with the log's Ed25519 key. */
export const signedTreeHeadSchema = z.object({
  treeSize: z.number().int(),
  rootHash: z.string(),
  timestamp: z.string(),
  signature: z.string(),
  keyId: z.string(),
});
export type SignedTreeHeadDto = z.infer<typeof signedTreeHeadSchema>;

/** The log's current Ed25519 public key, which signs new tree heads. */
export const publicKeySchema = z.object({
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  publicKeyPem: z.string(),
});

/** A public key whose tree heads verify: the current signing key, or one it replaced (`current` false). */
export const trustedPublicKeySchema = publicKeySchema.extend({ current: z.boolean() });
export type TrustedPublicKeyDto = z.infer<typeof trustedPublicKeySchema>;
export const trustedPublicKeyListSchema = z.array(trustedPublicKeySchema);

export const inclusionQuerySchema = z.strictObject({
  leafIndex: z.coerce.number().int().min(0),
  treeSize: z.coerce.number().int().min(1),
});
export const inclusionProofSchema = z.object({
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: z.string(),
  proof: z.array(z.string()),
});

export const consistencyQuerySchema = z
  .strictObject({ first: z.coerce.number().int().min(1), second: z.coerce.number().int().min(1) })
  .refine((q) => q.first <= q.second, { error: 'must not exceed second', path: ['first'] });
export const consistencyProofSchema = z.object({
  first: z.number().int(),
  second: z.number().int(),
  proof: z.array(z.string()),
});

/** One audit entry as IG leads see it: identifiers and codes, never clinical content. */
export const auditEntrySchema = z.object({
  id: z.string(),
  leafIndex: z.number().int().nullable(),
  recordedAt: z.string(),
  requestId: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  actorStaffId: z.string().nullable(),
  actorOrganisationId: z.string().nullable(),
  actorRoles: z.array(z.string()),
  personId: z.string().nullable(),
  categories: z.array(z.string()),
  purpose: z.string().nullable(),
  ownerOrganisationId: z.string().nullable(),
  recipientOrganisationId: z.string().nullable(),
  reasons: z.array(z.string()),
  agreementId: z.string().nullable(),
  consentId: z.string().nullable(),
  consentProvisionId: z.string().nullable(),
  exceptionId: z.string().nullable(),
  breakGlassGrantId: z.string().nullable(),
  breakGlass: z.boolean(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /**
   * Names for the explorer, so it shows people and organisations rather than ids: the staff member and
   * their organisation, the person (only when the reader may be told; otherwise why not), the
   * organisations the information came from and went to, and each reason in words.
   */
  names: z
    .object({
      actor: z.object({ name: z.string(), jobTitle: z.string() }).nullable(),
      actorOrganisation: z.string().nullable(),
      person: z.string().nullable(),
      personWithheld: z.string().nullable(),
      owner: z.string().nullable(),
      recipient: z.string().nullable(),
      reasons: z.array(z.object({ code: z.string(), message: z.string() })),
    })
    .optional(),
});
export type AuditEntryDto = z.infer<typeof auditEntrySchema>;
export const auditEntryListSchema = pageOf(auditEntrySchema);

export const auditEntryQuerySchema = pageQuerySchema.extend({
  personId: idSchema.optional(),
  actorId: idSchema.optional(),
  organisationId: idSchema.optional(),
  action: z.string().max(100).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
});
export type AuditEntryQuery = z.infer<typeof auditEntryQuerySchema>;

/** Filters of the activity summary: those of the entry list, without paging. */
export const auditActivityQuerySchema = auditEntryQuerySchema.omit({ page: true, pageSize: true });
export type AuditActivityQuery = z.infer<typeof auditActivityQuerySchema>;

/** Entries per UK calendar day and outcome, counted in the database over every matching entry. */
export const auditActivitySchema = z.object({
  total: z.number().int(),
  rows: z.array(z.object({ day: z.string(), outcome: z.string(), count: z.number().int() })),
});

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  treeSize: z.number().int(),
  entriesChecked: z.number().int(),
  headsChecked: z.number().int(),
  nodesChecked: z.number().int(),
  pending: z.number().int(),
  problem: z.object({ kind: z.string(), at: z.string(), message: z.string() }).nullable(),
});
