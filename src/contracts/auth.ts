import { z } from 'zod';
import { idSchema } from './common.ts';
import { ORGANISATION_TYPES, STAFF_ROLES } from './enums.ts';

export const loginSchema = z.strictObject({
  username: z.string().trim().min(1, { error: 'must not be empty' }).max(100),
  password: z.string().min(1, { error: 'must not be empty' }).max(200),
});

/** The signed-in caller, with what the UI may offer them. */
export const meSchema = z.object({
  id: idSchema,
  username: z.string(),
  displayName: z.string(),
  jobTitle: z.string(),
  organisation: z.object({ id: idSchema, name: z.string(), type: z.enum(ORGANISATION_TYPES) }),
  roles: z.array(z.enum(STAFF_ROLES)),
  teams: z.array(z.object({ id: idSchema, name: z.string() })),
  igTrainingExpiresOn: z.string().nullable(),
  /** Sent back in the x-csrf-token header on every browser write. */
  csrfToken: z.string().nullable(),
  can: z.object({ administer: z.boolean() }),
});
export type Me = z.infer<typeof meSchema>;
