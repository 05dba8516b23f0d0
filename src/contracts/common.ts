import { z } from 'zod';

/** Entity identifiers are UUIDs. */
export const idSchema = z.uuid({ error: 'must be a UUID' });

/** A calendar date, YYYY-MM-DD, that exists. */
export const dateSchema = z.iso.date({ error: 'must be a date as YYYY-MM-DD' });

/** An instant as ISO-8601 UTC. */
export const instantSchema = z.iso.datetime({ error: 'must be an ISO-8601 date-time' });

/** Trimmed, non-empty text with a bound. */
export function text(max: number): z.ZodString {
  return z
    .string()
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(max, { error: `must be at most ${max} characters` });
}

/** Query parameters of every paginated list. */
export const pageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

/** The envelope of every paginated list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    pageSize: z.number().int(),
    total: z.number().int(),
  });
}

/** `{ id }` path parameters. */
export const idParamsSchema = z.strictObject({ id: idSchema });
