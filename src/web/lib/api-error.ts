import type { ErrorCode, FieldError, Problem, ProblemReason } from '../../contracts/errors.ts';

/** A failed API call, carrying the server's problem details. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'NETWORK';
  readonly detail: string;
  readonly fieldErrors: readonly FieldError[];
  /** Why a decision refused the request, in words the caller may see. */
  readonly reasons: readonly ProblemReason[];

  constructor(
    status: number,
    code: ErrorCode | 'NETWORK',
    detail: string,
    fieldErrors: readonly FieldError[] = [],
    reasons: readonly ProblemReason[] = [],
  ) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.fieldErrors = fieldErrors;
    this.reasons = reasons;
  }
}

/** True for the errors that mean "there is nothing here for you" (absent or not yours to know). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value;
}

/** Builds an ApiError from a response that was not ok, reading problem+json when the server sent it. */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy or crash can answer with something that is not JSON; the status still says enough.
  }
  if (isProblem(body)) {
    return new ApiError(
      body.status,
      body.code,
      body.detail ?? body.title,
      body.errors ?? [],
      body.reasons ?? [],
    );
  }
  return new ApiError(response.status, 'INTERNAL', `The server answered ${response.status}. Try again.`);
}
