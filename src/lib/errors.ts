import type { ErrorCode, ErrorCodeWithStatus, StatusOf } from './error-codes.js';

/** Typed domain errors; the errors plugin turns them into RFC 9457 problem+json in one place. */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `prize.amount`; `in` says where it was sent. */
  field: string;
  message: string;
  code?: string;
  in?: 'body' | 'querystring' | 'params' | 'headers' | 'rule';
}

/** `code` is a key of the catalogue (src/lib/error-codes.ts) and `status` one of the statuses it lists. */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly status: StatusOf<C>,
    readonly code: C,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource', code: ErrorCodeWithStatus<404> = 'NOT_FOUND') {
    super(404, code, `${what} not found`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this', code: ErrorCodeWithStatus<403> = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication is required', code: ErrorCodeWithStatus<401> = 'UNAUTHENTICATED') {
    super(401, code, message, {}, { 'www-authenticate': 'Bearer' });
  }
}

export class ConflictError extends AppError {
  constructor(code: ErrorCodeWithStatus<409>, message: string, extra: Record<string, unknown> = {}) {
    super(409, code, message, extra);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldError[],
    message = 'The request has invalid fields',
    code: ErrorCodeWithStatus<422> = 'VALIDATION_FAILED',
  ) {
    super(422, code, message, { errors });
  }
}

export class PreconditionFailedError extends AppError {
  constructor(message = 'The resource has changed since you read it', code: ErrorCodeWithStatus<412> = 'PRECONDITION_FAILED') {
    super(412, code, message);
  }
}
