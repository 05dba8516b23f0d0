/**
 * Data sharing agreements on the wire. Drafts may be incomplete, so the terms are optional here;
 * what an agreement needs before it may be made active is the server's rule (`missingForActivation`).
 */
import { z } from 'zod';
import { dateSchema, idSchema, pageOf, pageQuerySchema, text } from './common.ts';
import {
  AGREEMENT_STATUSES,
  ARTICLE_6_BASES,
  ARTICLE_9_CONDITIONS,
  COMMON_LAW_BASES,
  DATA_CATEGORIES,
  PURPOSES,
} from './enums.ts';

/** A party's role under UK GDPR (Article 26 joint controllers, Article 28 processors). */
export const AGREEMENT_PARTY_ROLES = ['CONTROLLER', 'JOINT_CONTROLLER', 'PROCESSOR'] as const;
/** A party's role under UK GDPR. */
export type AgreementPartyRole = (typeof AGREEMENT_PARTY_ROLES)[number];

const partyInputSchema = z.strictObject({
  organisationId: idSchema,
  role: z.enum(AGREEMENT_PARTY_ROLES),
  /** The party's own Article 6 basis where it differs from the agreement's (e.g. a charity). */
  article6Basis: z.enum(ARTICLE_6_BASES).nullish(),
});

const grantInputSchema = z.strictObject({
  fromOrganisationId: idSchema,
  toOrganisationId: idSchema,
  purpose: z.enum(PURPOSES),
  categories: z
    .array(z.enum(DATA_CATEGORIES))
    .refine((c) => new Set(c).size === c.length, { error: 'must not repeat a category' }),
});

const retentionInputSchema = z.strictObject({
  period: text(300).nullish(),
  trigger: text(300).nullish(),
  method: text(300).nullish(),
});

const escalationInputSchema = z.strictObject({
  route: text(2000).nullish(),
  contacts: z.array(text(300)).max(20).nullish(),
  timescaleHours: z.number().int().min(1).max(720).nullish(),
});

const signatoryInputSchema = z.strictObject({
  name: text(200),
  role: text(200),
  organisationId: idSchema,
  signedOn: dateSchema,
});

const termsShape = {
  title: text(200),
  startDate: dateSchema.nullish(),
  endDate: dateSchema.nullish(),
  reviewDate: dateSchema.nullish(),
  parties: z.array(partyInputSchema).max(50).nullish(),
  grants: z.array(grantInputSchema).max(500).nullish(),
  article6Basis: z.enum(ARTICLE_6_BASES).nullish(),
  article9Condition: z.enum(ARTICLE_9_CONDITIONS).nullish(),
  /** The DPA 2018 Schedule 1 condition, e.g. "Part 2 paragraph 18 (safeguarding)". */
  dpaSchedule1Condition: text(300).nullish(),
  commonLawBasis: z.enum(COMMON_LAW_BASES).nullish(),
  retention: retentionInputSchema.nullish(),
  securityControls: text(5000).nullish(),
  incidentEscalation: escalationInputSchema.nullish(),
  signatories: z.array(signatoryInputSchema).max(100).nullish(),
  dataSubjects: text(2000).nullish(),
  dpiaReference: text(200).nullish(),
  nationalDataOptOutApplies: z.boolean().nullish(),
  nationalDataOptOutRationale: text(2000).nullish(),
};

type DatedTerms = {
  startDate?: string | null | undefined;
  endDate?: string | null | undefined;
  reviewDate?: string | null | undefined;
};

/** Dates in order: an agreement cannot end or fall due for review before it starts. */
function withOrderedDates<T extends z.ZodType<DatedTerms>>(schema: T) {
  return schema
    .refine((t) => !t.startDate || !t.endDate || t.endDate >= t.startDate, {
      error: 'must not be before startDate',
      path: ['endDate'],
    })
    .refine((t) => !t.startDate || !t.reviewDate || t.reviewDate >= t.startDate, {
      error: 'must not be before startDate',
      path: ['reviewDate'],
    });
}

/** A new agreement; it is stored as a draft whatever it holds. */
export const agreementInputSchema = withOrderedDates(
  z.strictObject({ ...termsShape, changeNote: text(500).optional() }),
);
/** A new agreement as sent. */
export type AgreementInput = z.infer<typeof agreementInputSchema>;

/** A new version of an agreement's terms (the whole terms, replacing the previous version's). */
export const agreementUpdateSchema = withOrderedDates(
  z.strictObject({
    ...termsShape,
    changeNote: text(500),
    /** The version the edit was based on; a newer one makes the edit a conflict. */
    expectedVersion: z.number().int().min(1).optional(),
  }),
);
/** A new version of the terms as sent. */
export type AgreementUpdate = z.infer<typeof agreementUpdateSchema>;

/** A lifecycle change: activate, suspend, reinstate, terminate or record expiry. */
export const agreementStatusInputSchema = z.strictObject({
  status: z.enum(AGREEMENT_STATUSES),
  note: text(500),
});
/** A lifecycle change as sent. */
export type AgreementStatusInput = z.infer<typeof agreementStatusInputSchema>;

/** Filters of the agreement list: status as of today, and a party organisation. */
export const agreementListQuerySchema = pageQuerySchema.extend({
  status: z.enum(AGREEMENT_STATUSES).optional(),
  organisationId: idSchema.optional(),
});
/** The agreement list's query. */
export type AgreementListQuery = z.infer<typeof agreementListQuerySchema>;

const partySchema = z.object({
  organisationId: idSchema,
  organisationName: z.string(),
  role: z.enum(AGREEMENT_PARTY_ROLES),
  article6Basis: z.enum(ARTICLE_6_BASES).nullable(),
});

const grantSchema = z.object({
  fromOrganisationId: idSchema,
  fromOrganisationName: z.string(),
  toOrganisationId: idSchema,
  toOrganisationName: z.string(),
  purpose: z.enum(PURPOSES),
  categories: z.array(z.enum(DATA_CATEGORIES)),
});

const signatorySchema = z.object({
  name: z.string(),
  role: z.string(),
  organisationId: idSchema,
  organisationName: z.string(),
  signedOn: z.string(),
});

/** One version in an agreement's history. */
export const agreementVersionSummarySchema = z.object({
  version: z.number().int(),
  status: z.enum(AGREEMENT_STATUSES),
  title: z.string(),
  changeNote: z.string(),
  createdBy: idSchema,
  createdByName: z.string(),
  createdAt: z.string(),
});
/** One version in an agreement's history. */
export type AgreementVersionSummary = z.infer<typeof agreementVersionSummarySchema>;

/** An agreement in a list. `status` is as it stands today: an active one past its end date is expired. */
export const agreementSummarySchema = z.object({
  id: idSchema,
  reference: z.string(),
  title: z.string(),
  version: z.number().int(),
  status: z.enum(AGREEMENT_STATUSES),
  /** True when the agreement may be relied on today (active, complete, within its dates). */
  inForce: z.boolean(),
  /** True when the review date has come and the agreement is still live. */
  reviewDue: z.boolean(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  reviewDate: z.string().nullable(),
  parties: z.array(partySchema),
  purposes: z.array(z.enum(PURPOSES)),
  updatedAt: z.string(),
});
/** An agreement in a list. */
export type AgreementSummary = z.infer<typeof agreementSummarySchema>;
/** A page of agreements. */
export const agreementListSchema = pageOf(agreementSummarySchema);

/** An agreement's current version in full, with its history and what the caller may do. */
export const agreementSchema = agreementSummarySchema.extend({
  /** The status as recorded on the current version (differs from `status` once expired by date). */
  recordedStatus: z.enum(AGREEMENT_STATUSES),
  grants: z.array(grantSchema),
  article6Basis: z.enum(ARTICLE_6_BASES).nullable(),
  article9Condition: z.enum(ARTICLE_9_CONDITIONS).nullable(),
  dpaSchedule1Condition: z.string().nullable(),
  commonLawBasis: z.enum(COMMON_LAW_BASES).nullable(),
  retention: z.object({
    period: z.string().nullable(),
    trigger: z.string().nullable(),
    method: z.string().nullable(),
  }),
  securityControls: z.string().nullable(),
  incidentEscalation: z.object({
    route: z.string().nullable(),
    contacts: z.array(z.string()),
    timescaleHours: z.number().int().nullable(),
  }),
  signatories: z.array(signatorySchema),
  dataSubjects: z.string().nullable(),
  dpiaReference: z.string().nullable(),
  nationalDataOptOutApplies: z.boolean().nullable(),
  nationalDataOptOutRationale: z.string().nullable(),
  /** Field paths that must be filled before the agreement can be made active. */
  missingForActivation: z.array(z.string()),
  changeNote: z.string(),
  createdAt: z.string(),
  versions: z.array(agreementVersionSummarySchema),
  can: z.object({ amend: z.boolean(), changeStatusTo: z.array(z.enum(AGREEMENT_STATUSES)) }),
});
/** An agreement in full. */
export type Agreement = z.infer<typeof agreementSchema>;

/** The two sign-offs each party gives: legal (the lawful basis and terms) and operational (it can run). */
export const SIGN_OFF_KINDS = ['LEGAL', 'OPERATIONAL'] as const;
/** A kind of sign-off. */
export type SignOffKind = (typeof SIGN_OFF_KINDS)[number];

/** One party's sign-off, recorded by an IG lead of that party for the named signatory. */
export const signOffInputSchema = z.strictObject({
  organisationId: idSchema,
  kind: z.enum(SIGN_OFF_KINDS),
  /** Who signed (e.g. the SIRO or the service director) and in what role. */
  signerName: text(200),
  signerRole: text(200),
  signedOn: dateSchema,
  /** The version the signer read; a newer one makes the sign-off a conflict. */
  expectedVersion: z.number().int().min(1),
});
/** A sign-off as sent. */
export type SignOffInput = z.infer<typeof signOffInputSchema>;

/** A recorded sign-off; `current` is false once the terms it signed have been amended. */
export const signOffSchema = z.object({
  organisationId: idSchema,
  organisationName: z.string(),
  kind: z.enum(SIGN_OFF_KINDS),
  signerName: z.string(),
  signerRole: z.string(),
  signedOn: z.string(),
  recordedBy: idSchema,
  version: z.number().int(),
  current: z.boolean(),
});
/** A recorded sign-off. */
export type SignOff = z.infer<typeof signOffSchema>;

/** Something that stops activation, by a path naming it and words for the IG lead. */
export const activationItemSchema = z.object({ path: z.string(), message: z.string() });

/** Staff awareness of one party: who shares under the agreement and how many acknowledged its guidance. */
export const partyAwarenessSchema = z.object({
  organisationId: idSchema,
  organisationName: z.string(),
  sharingStaff: z.number().int(),
  acknowledged: z.number().int(),
});

/** The lifecycle of an agreement: sign-offs, awareness, what activation still needs, and what the caller may do. */
export const agreementLifecycleSchema = z.object({
  agreementId: idSchema,
  version: z.number().int(),
  signOffs: z.array(signOffSchema),
  awareness: z.array(partyAwarenessSchema),
  /** Everything activation still needs (fields, sign-offs, legal basis, staff awareness); empty when ready. */
  activationMissing: z.array(activationItemSchema),
  /** The caller has acknowledged the current guidance and it has not lapsed. */
  acknowledgedByMe: z.boolean(),
  /** What the caller's organisation's staff may send and receive under it, in plain words. */
  guidance: z.array(z.string()),
  can: z.object({
    /** Organisations the caller may sign off for (their own, when an IG lead of a party). */
    signOffFor: z.array(idSchema),
    /** The caller shares under the agreement and may acknowledge its guidance. */
    acknowledge: z.boolean(),
  }),
});
/** An agreement's lifecycle. */
export type AgreementLifecycle = z.infer<typeof agreementLifecycleSchema>;

/** An acknowledgement of the agreement's guidance: the caller read it at this version. */
export const acknowledgeInputSchema = z.strictObject({ expectedVersion: z.number().int().min(1) });

/** The partnership's agreement settings. */
export const agreementSettingsSchema = z.object({
  /** An active agreement past its review date is suspended automatically. */
  autoSuspendPastReview: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
/** The partnership's agreement settings. */
export type AgreementSettingsView = z.infer<typeof agreementSettingsSchema>;
/** A change of the agreement settings. */
export const agreementSettingsInputSchema = z.strictObject({ autoSuspendPastReview: z.boolean() });

/** A dispute or uncertainty about an agreement, raised by staff of a party. */
export const disputeInputSchema = z.strictObject({ question: text(2000) });
/** The documented outcome of a dispute; it may lead to a new version of the guidance. */
export const disputeOutcomeInputSchema = z.strictObject({
  outcome: text(2000),
  guidanceChanged: z.boolean(),
});
/** Path of one dispute. */
export const disputeParamsSchema = z.strictObject({ id: idSchema, disputeId: idSchema });

/** A dispute with its outcome once documented. */
export const disputeSchema = z.object({
  id: idSchema,
  agreementId: idSchema,
  raisedBy: idSchema,
  organisationId: idSchema,
  question: z.string(),
  raisedAt: z.string(),
  outcome: z.string().nullable(),
  guidanceChanged: z.boolean(),
  resolvedBy: idSchema.nullable(),
  resolvedAt: z.string().nullable(),
});
/** A dispute. */
export type Dispute = z.infer<typeof disputeSchema>;
/** An agreement's disputes, newest first. */
export const disputeListSchema = z.object({ items: z.array(disputeSchema) });
