import { z } from 'zod';
import { dateSchema, idSchema, pageOf, pageQuerySchema, text } from './common.ts';
import { GOVERNANCE_ROLES, ORGANISATION_TYPES, STAFF_ROLES, TRAINING_KINDS } from './enums.ts';

/** ODS codes are 3 to 10 upper-case letters and digits. */
const odsCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{3,10}$/, { error: 'must be 3-10 upper-case letters or digits' });

export const organisationInputSchema = z.strictObject({
  name: text(200),
  type: z.enum(ORGANISATION_TYPES),
  odsCode: odsCodeSchema.nullable().optional(),
});
export type OrganisationInput = z.infer<typeof organisationInputSchema>;

export const organisationSchema = z.object({
  id: idSchema,
  name: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  odsCode: z.string().nullable(),
  governance: z.array(
    z.object({ role: z.enum(GOVERNANCE_ROLES), staffId: idSchema, displayName: z.string() }),
  ),
});
export type Organisation = z.infer<typeof organisationSchema>;
export const organisationListSchema = pageOf(organisationSchema);

export const governanceAssignmentSchema = z.strictObject({
  role: z.enum(GOVERNANCE_ROLES),
  staffId: idSchema,
});

export const teamInputSchema = z.strictObject({
  organisationId: idSchema,
  name: text(200),
  serviceType: text(100).nullable().optional(),
});
export type TeamInput = z.infer<typeof teamInputSchema>;

export const teamSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  name: z.string(),
  serviceType: z.string().nullable(),
});
export type Team = z.infer<typeof teamSchema>;
export const teamListSchema = pageOf(teamSchema);
export const teamListQuerySchema = pageQuerySchema.extend({ organisationId: idSchema.optional() });

/** Usernames are lower-case, start with a letter, and may hold digits, dots, hyphens and underscores. */
export const usernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9._-]{2,39}$/, {
    error: 'must be 3-40 lower-case letters, digits, dots, hyphens or underscores',
  });

/** Passwords: at least 12 characters (NCSC guidance favours length over composition rules). */
export const passwordSchema = z
  .string()
  .min(12, { error: 'must be at least 12 characters' })
  .max(200, { error: 'must be at most 200 characters' });

export const staffInputSchema = z.strictObject({
  organisationId: idSchema,
  username: usernameSchema,
  displayName: text(200),
  jobTitle: text(200),
  email: z.email({ error: 'must be an email address' }).nullable().optional(),
  password: passwordSchema.optional(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1, { error: 'must name at least one role' }),
  teamIds: z.array(idSchema).default([]),
});
export type StaffInput = z.infer<typeof staffInputSchema>;

export const staffUpdateSchema = z.strictObject({
  displayName: text(200).optional(),
  jobTitle: text(200).optional(),
  email: z.email({ error: 'must be an email address' }).nullable().optional(),
  roles: z.array(z.enum(STAFF_ROLES)).min(1, { error: 'must name at least one role' }).optional(),
  teamIds: z.array(idSchema).optional(),
  active: z.boolean().optional(),
});
export type StaffUpdate = z.infer<typeof staffUpdateSchema>;

export const trainingInputSchema = z
  .strictObject({ kind: z.enum(TRAINING_KINDS), completedOn: dateSchema, expiresOn: dateSchema })
  .refine((t) => t.expiresOn > t.completedOn, { error: 'must be after completedOn', path: ['expiresOn'] });
export type TrainingInput = z.infer<typeof trainingInputSchema>;

export const trainingSchema = z.object({
  id: idSchema,
  kind: z.enum(TRAINING_KINDS),
  completedOn: z.string(),
  expiresOn: z.string(),
});

export const staffSchema = z.object({
  id: idSchema,
  organisationId: idSchema,
  organisationName: z.string(),
  username: z.string(),
  displayName: z.string(),
  jobTitle: z.string(),
  email: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  roles: z.array(z.enum(STAFF_ROLES)),
  teams: z.array(z.object({ id: idSchema, name: z.string() })),
  training: z.array(trainingSchema),
});
export type Staff = z.infer<typeof staffSchema>;
export const staffListSchema = pageOf(staffSchema);
export const staffListQuerySchema = pageQuerySchema.extend({
  organisationId: idSchema.optional(),
  q: z.string().trim().max(100).optional(),
});
