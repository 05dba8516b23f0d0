import { z } from 'zod';
import { idSchema, instantSchema } from './common.ts';

const fromBeforeTo = (q: { from?: string | undefined; to?: string | undefined }): boolean =>
  !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to);

/** Filters of an audit export; every one optional, `from` inclusive and `to` exclusive. */
export const auditExportQuerySchema = z
  .strictObject({
    personId: idSchema.optional(),
    actorId: idSchema.optional(),
    organisationId: idSchema.optional(),
    from: instantSchema.optional(),
    to: instantSchema.optional(),
  })
  .refine(fromBeforeTo, { error: 'must not be after to', path: ['from'] });
export type AuditExportQuery = z.infer<typeof auditExportQuerySchema>;

/** The period an access report covers; open ends mean "from the start" and "until now". */
export const accessReportQuerySchema = z
  .strictObject({ from: instantSchema.optional(), to: instantSchema.optional() })
  .refine(fromBeforeTo, { error: 'must not be after to', path: ['from'] });
export type AccessReportQuery = z.infer<typeof accessReportQuerySchema>;

/** A member of staff as a subject access report shows them: role and organisation, never a name. */
const reportStaffSchema = z.object({ role: z.string(), organisation: z.string() });

/** What an access or a disclosure relied on. */
export const reportBasisSchema = z.object({
  summary: z.string(),
  agreement: z
    .object({ id: z.string(), reference: z.string().nullable(), title: z.string().nullable() })
    .nullable(),
  consent: z.object({ consentId: z.string().nullable(), provisionId: z.string().nullable() }).nullable(),
  lawfulException: z.object({ id: z.string(), ground: z.string().nullable() }).nullable(),
  breakGlass: z.boolean(),
});
export type ReportBasis = z.infer<typeof reportBasisSchema>;

/** One look at, or change to, the person's record. */
export const reportAccessSchema = z.object({
  at: z.string(),
  /** Position in the tamper-evident log (null until sequenced): anyone can ask for its inclusion proof. */
  leafIndex: z.number().int().nullable(),
  action: z.string(),
  description: z.string(),
  staff: reportStaffSchema,
  categories: z.array(z.string()),
  purpose: z.string().nullable(),
  emergency: z.boolean(),
  /** What allowed it, for every access (not only disclosures). */
  basis: reportBasisSchema,
  /** How many log entries this visit folds together (the entries of one request). */
  entries: z.number().int(),
});
export type ReportAccess = z.infer<typeof reportAccessSchema>;

/** Information passed from the organisation that holds it to another one. */
export const reportDisclosureSchema = z.object({
  at: z.string(),
  leafIndex: z.number().int().nullable(),
  from: z.string(),
  to: z.string(),
  staff: reportStaffSchema,
  categories: z.array(z.string()),
  purpose: z.string().nullable(),
  basis: reportBasisSchema,
});
export type ReportDisclosure = z.infer<typeof reportDisclosureSchema>;

/** Requests for the record that were refused, summarised by who asked and why. */
export const reportRefusalSchema = z.object({
  staff: reportStaffSchema,
  reasons: z.array(z.string()),
  categories: z.array(z.string()),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type ReportRefusal = z.infer<typeof reportRefusalSchema>;

/** A data protection officer the person can contact, as the directory's governance roles name them. */
export const reportContactSchema = z.object({
  organisation: z.string(),
  /** The officer's job title (staff appear by role in the report, never by name). */
  jobTitle: z.string().nullable(),
  email: z.string().nullable(),
});
export type ReportContact = z.infer<typeof reportContactSchema>;

/** The signed tree head a report is anchored to. */
export const reportTreeHeadSchema = z.object({
  treeSize: z.number().int(),
  rootHash: z.string(),
  timestamp: z.string(),
  keyId: z.string(),
  signature: z.string(),
});

/** A person's report of who accessed their record and what was shared, why and on what basis. */
export const accessReportSchema = z.object({
  person: z.object({ id: z.string(), name: z.string(), nhsNumber: z.string() }),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  generatedAt: z.string(),
  accesses: z.array(reportAccessSchema),
  disclosures: z.array(reportDisclosureSchema),
  refused: z.array(reportRefusalSchema),
  /** Log entries the report was built from, and how many of them the tree head covers. */
  entries: z.number().int(),
  coveredByTreeHead: z.number().int(),
  treeHead: reportTreeHeadSchema.nullable(),
  /** Who to contact about the report: the data protection officer of each organisation named in it. */
  dataProtectionOfficers: z.array(reportContactSchema),
});
export type AccessReport = z.infer<typeof accessReportSchema>;
