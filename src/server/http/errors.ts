import type { ErrorCode, FieldError, ProblemReason } from '../../contracts/errors.ts';

/** An error a caller may be told about: a stable code, an HTTP status, a message free of personal data. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  /** Stable reason codes of a refused decision, with the sentence shown for each. */
  readonly reasons: ProblemReason[] | undefined;

  constructor(
    code: ErrorCode,
    status: number,
    message: string,
    errors?: FieldError[],
    reasons?: ProblemReason[],
  ) {
    super(message);
    this.code = code;
    this.status = status;
    this.errors = errors;
    this.reasons = reasons;
  }
}

/**
 * A change the authority refused: 403 when the caller lacks authority, 409 when it clashes with
 * what is stored. Carries every reason code; nothing was changed.
 */
export class ChangeRefusedError extends AppError {
  constructor(reasons: ProblemReason[], conflict: boolean) {
    super(
      conflict ? 'CONFLICT' : 'FORBIDDEN',
      conflict ? 409 : 403,
      conflict
        ? 'This change clashes with what is recorded; nothing was changed.'
        : 'This change is not yours to make; nothing was changed.',
      undefined,
      reasons,
    );
  }
}

/** Input that fails a rule the schema cannot express; names the fields at fault. */
export class ValidationError extends AppError {
  constructor(errors: FieldError[], message = 'The request has invalid fields.') {
    super('VALIDATION_FAILED', 400, message, errors);
  }
}

/** No such thing, or the caller may not know it exists: the two look the same on purpose. */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super('NOT_FOUND', 404, `${what} not found.`);
  }
}

/** The caller is known but the action is not theirs to take (never used for person-level misses). */
export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this.') {
    super('FORBIDDEN', 403, message);
  }
}

/** No valid session or token. */
export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in to continue.') {
    super('UNAUTHENTICATED', 401, message);
  }
}

/** A write that clashes with what is stored (duplicate username, stale version). */
export class ConflictError extends AppError {
  constructor(message: string, errors?: FieldError[]) {
    super('CONFLICT', 409, message, errors);
  }
}
