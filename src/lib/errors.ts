/** Typed domain errors; the errors plugin turns them into RFC 9457 problem+json in one place. */
export interface FieldError {
  /** Dotted path of the offending field, e.g. `prize.amount`; `in` says where it was sent. */
  field: string;
  message: string;
  code?: string;
  in?: 'body' | 'querystring' | 'params' | 'headers' | 'rule';
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'Resource', code = 'NOT_FOUND') {
    super(404, code, `${what} not found`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication is required', code = 'UNAUTHENTICATED') {
    super(401, code, message, {}, { 'www-authenticate': 'Bearer' });
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, extra: Record<string, unknown> = {}) {
    super(409, code, message, extra);
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldError[],
    message = 'The request has invalid fields',
    code = 'VALIDATION_FAILED',
  ) {
    super(422, code, message, { errors });
  }
}

export class PreconditionFailedError extends AppError {
  constructor(message = 'The resource has changed since you read it', code = 'PRECONDITION_FAILED') {
    super(412, code, message);
  }
}
