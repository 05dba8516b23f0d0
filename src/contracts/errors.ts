import { z } from 'zod';

/** Stable error codes carried by every problem response. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'CSRF_FAILED',
  'RATE_LIMITED',
  'ACCOUNT_LOCKED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field at fault in a request, named by its path (e.g. `body.nhsNumber`). */
export const fieldErrorSchema = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldErrorSchema>;

/** A reason code of a refused decision with the sentence shown for it. */
export const problemReasonSchema = z.object({ code: z.string(), message: z.string() });
export type ProblemReason = z.infer<typeof problemReasonSchema>;

/** RFC 9457 problem details, as every error response is shaped. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.enum(ERROR_CODES),
  detail: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
  reasons: z.array(problemReasonSchema).optional(),
});
export type Problem = z.infer<typeof problemSchema>;
