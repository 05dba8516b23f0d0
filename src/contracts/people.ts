import { z } from 'zod';
import { dateSchema, idSchema, pageOf, pageQuerySchema, text } from './common.ts';
import { CONSENT_STATUSES, consentHeaderSchema } from './consent.ts';
import { CARE_TEAM_ROLES, DATA_CATEGORIES } from './enums.ts';
import { isValidNhsNumber } from './nhs-number.ts';
import { safeguardingFlagSchema } from './safeguarding.ts';

/** An NHS number: ten digits (spaces allowed) whose check digit is right. */
export const nhsNumberSchema = z
  .string()
  .trim()
  .refine(isValidNhsNumber, { error: 'must be a valid 10-digit NHS number (check digit failed)' })
  .transform((v) => v.replace(/\s+/g, ''));

const ukPostcode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/, { error: 'must be a UK postcode' });

export const personInputSchema = z
  .strictObject({
    nhsNumber: nhsNumberSchema,
    givenName: text(100),
    familyName: text(100),
    dateOfBirth: dateSchema,
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,20}$/, { error: 'must be a phone number' })
      .nullable()
      .optional(),
    email: z.email({ error: 'must be an email address' }).nullable().optional(),
    address: text(300).nullable().optional(),
    postcode: ukPostcode.nullable().optional(),
  })
  .refine((p) => p.dateOfBirth <= new Date().toISOString().slice(0, 10), {
    error: 'must not be in the future',
    path: ['dateOfBirth'],
  });
export type PersonInput = z.infer<typeof personInputSchema>;

export const careTeamMemberSchema = z.object({
  id: idSchema,
  staffId: idSchema.nullable(),
  staffName: z.string().nullable(),
  /** How to reach the named staff member, as the directory holds it (null for teams or when not held). */
  staffJobTitle: z.string().nullable(),
  staffEmail: z.string().nullable(),
  teamId: idSchema.nullable(),
  teamName: z.string().nullable(),
  organisationId: idSchema,
  organisationName: z.string(),
  role: z.enum(CARE_TEAM_ROLES),
  startDate: z.string(),
  endDate: z.string().nullable(),
  current: z.boolean(),
});
export type CareTeamMember = z.infer<typeof careTeamMemberSchema>;

export const personSummarySchema = z.object({
  id: idSchema,
  nhsNumber: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  postcode: z.string().nullable(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

/** Whose caseload rows to show: everyone, the people the caller is named on, or their teams' other people. */
export const CASELOAD_SCOPES = ['all', 'named', 'team'] as const;
/** Consent review filters: due now (flagged or the date has passed), or due within the next 30 days. */
export const CASELOAD_REVIEW_FILTERS = ['due', 'soon'] as const;
/** How many people a caseload count goes up to before it stops and says "more than". */
export const CASELOAD_COUNT_LIMIT = 200;

/** One caseload row: the person's header, how the caller is involved, and their consent at a glance. */
export const caseloadItemSchema = personSummarySchema.extend({
  /** True when the caller is named on the care team; false when they are involved through a team. */
  namedOnCareTeam: z.boolean(),
  /** The care-team roles the caller is named in (empty when involved through a team). */
  namedAs: z.array(z.enum(CARE_TEAM_ROLES)),
  consent: z.object({
    status: z.enum([...CONSENT_STATUSES, 'none']),
    reviewDate: z.string().nullable(),
    reviewDue: z.boolean(),
  }),
});
export type CaseloadItem = z.infer<typeof caseloadItemSchema>;

/**
 * A caseload page. The count stops at CASELOAD_COUNT_LIMIT so a page never costs the whole
 * population: `totalExact` false means `total` is a lower bound ("more than"), and `hasMore` says
 * whether a next page exists.
 */
export const caseloadSchema = pageOf(caseloadItemSchema).extend({
  totalExact: z.boolean(),
  hasMore: z.boolean(),
});
export type Caseload = z.infer<typeof caseloadSchema>;
export const caseloadQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().max(100).optional(),
  show: z.enum(CASELOAD_SCOPES).default('all'),
  consent: z.enum([...CONSENT_STATUSES, 'none']).optional(),
  review: z.enum(CASELOAD_REVIEW_FILTERS).optional(),
});
export type CaseloadQuery = z.infer<typeof caseloadQuerySchema>;

export const entryVersionSchema = z.object({
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  authorName: z.string(),
  recordedAt: z.string(),
  amendmentReason: z.string().nullable(),
});

export const recordEntrySchema = z.object({
  id: idSchema,
  category: z.enum(DATA_CATEGORIES),
  organisationId: idSchema,
  organisationName: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  authorName: z.string(),
  recordedAt: z.string(),
  createdAt: z.string(),
  amended: z.boolean(),
});
export type RecordEntry = z.infer<typeof recordEntrySchema>;

/** One data category of a person's record as the caller may see it. */
export const recordSectionSchema = z.object({
  category: z.enum(DATA_CATEGORIES),
  label: z.string(),
  status: z.enum(['shown', 'partial', 'withheld']),
  /** Why something was withheld, in words the caller may be told. */
  withheldReasons: z.array(z.object({ code: z.string(), message: z.string() })),
  /** How many entries were withheld (the fact that entries exist is only told within the caller's tier). */
  withheldCount: z.number().int(),
  entries: z.array(recordEntrySchema),
});
export type RecordSection = z.infer<typeof recordSectionSchema>;

export const personDetailSchema = personSummarySchema.extend({
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string().nullable(),
  careTeam: z.array(careTeamMemberSchema),
  sections: z.array(recordSectionSchema),
  can: z.object({
    manageCareTeam: z.boolean(),
    addEntry: z.array(z.enum(DATA_CATEGORIES)),
    /** The caller may produce this person's access report (care coordinator, involved IG lead). */
    viewAccessReport: z.boolean(),
    /** The caller may ask why someone can or cannot see this person's record. */
    explainAccess: z.boolean(),
  }),
  /** The caller's live break-glass grant for this person, shown prominently while it lasts. */
  breakGlass: z
    .object({ grantId: z.string(), expiresAt: z.string(), categories: z.array(z.enum(DATA_CATEGORIES)) })
    .nullable(),
  /** Consent status and its conditions, shown in the person header everywhere. */
  consent: consentHeaderSchema,
  /** That safeguarding concerns are open and whom to contact: shown to all who may know the person, never the notes. */
  safeguarding: safeguardingFlagSchema.nullable(),
});
export type PersonDetail = z.infer<typeof personDetailSchema>;

export const careTeamInputSchema = z
  .strictObject({
    staffId: idSchema.nullable().optional(),
    teamId: idSchema.nullable().optional(),
    role: z.enum(CARE_TEAM_ROLES),
    startDate: dateSchema,
    endDate: dateSchema.nullable().optional(),
  })
  .refine((m) => Boolean(m.staffId) !== Boolean(m.teamId), {
    error: 'name exactly one of staffId or teamId',
    path: ['staffId'],
  })
  .refine((m) => !m.endDate || m.endDate >= m.startDate, {
    error: 'must not be before startDate',
    path: ['endDate'],
  });
export type CareTeamInput = z.infer<typeof careTeamInputSchema>;

export const careTeamEndSchema = z.strictObject({ endDate: dateSchema });

export const entryInputSchema = z.strictObject({
  category: z.enum(DATA_CATEGORIES),
  title: text(200),
  body: text(20_000),
});
export type EntryInput = z.infer<typeof entryInputSchema>;

export const entryAmendSchema = z.strictObject({
  title: text(200),
  body: text(20_000),
  reason: text(500),
});
export type EntryAmend = z.infer<typeof entryAmendSchema>;

export const personEntryParamsSchema = z.strictObject({ id: idSchema, entryId: idSchema });
export const careTeamParamsSchema = z.strictObject({ id: idSchema, membershipId: idSchema });

/** What a printout carries about itself: who printed it, when, and the reference of its audit entries. */
export const personPrintSchema = z.object({
  printedAt: z.string(),
  printedBy: z.string(),
  reference: z.string(),
});
export type PersonPrint = z.infer<typeof personPrintSchema>;
/** People to name in a list: up to 100 ids, comma-separated. */
export const personHeadersQuerySchema = z.strictObject({
  ids: z
    .string()
    .max(100 * 37)
    .transform((v) => [
      ...new Set(
        v
          .split(',')
          .map((id) => id.trim())
          .filter((id) => id !== ''),
      ),
    ])
    .pipe(z.array(idSchema).min(1, { error: 'name at least one person' }).max(100)),
});

/** The header of a person a list may name: the name and nothing of the record. */
export const personHeaderSchema = z.object({
  id: idSchema,
  givenName: z.string(),
  familyName: z.string(),
  dateOfBirth: z.string(),
  /** A safeguarding concern is open: the flag anyone who may know the person sees, never the notes. */
  safeguarding: z.boolean(),
});
export type PersonHeader = z.infer<typeof personHeaderSchema>;
export const personHeadersSchema = z.object({ items: z.array(personHeaderSchema) });
