/**
 * Typed failures shared by every service. Each has a stable `code` that clients see, and an
 * HTTP status the gateway answers with. Services throw these; only the edges (gRPC, HTTP,
 * WebSocket) turn them into wire errors.
 */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    options?: { cause?: unknown; field?: string; retryAfter?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.field = options?.field;
    this.retryAfter = options?.retryAfter;
  }

  readonly field: string | undefined;
  readonly retryAfter: number | undefined;
}

/** A request field is missing, of the wrong type or out of range. */
export class InvalidFieldError extends AppError {
  override name = 'InvalidFieldError';
  constructor(field: string, message: string) {
    super('invalid_field', message, 400, { field });
  }
}

export class InvalidJsonError extends AppError {
  override name = 'InvalidJsonError';
  constructor(cause?: unknown) {
    super('invalid_json', 'The request body is not valid JSON.', 400, { cause });
  }
}

export class BodyTooLargeError extends AppError {
  override name = 'BodyTooLargeError';
  constructor(limit: number) {
    super('body_too_large', `The request body is larger than ${limit} bytes.`, 413);
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(what: string) {
    super('not_found', `${what} was not found.`, 404);
  }
}

export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  constructor(retryAfter: number) {
    super('rate_limited', 'Too many attempts; try again later.', 429, { retryAfter });
  }
}

/** No credentials, or credentials that cannot be accepted. `code` says which. */
export class UnauthenticatedError extends AppError {
  override name = 'UnauthenticatedError';
  constructor(
    code: 'unauthenticated' | 'token_expired' | 'token_invalid' | 'token_revoked',
    message: string,
    cause?: unknown,
  ) {
    super(code, message, 401, { cause });
  }
}

/** A dependency (another service, the bus, the database) cannot be reached. */
export class UnavailableError extends AppError {
  override name = 'UnavailableError';
  constructor(what: string, cause?: unknown) {
    super('service_unavailable', `The ${what} service is unavailable; try again shortly.`, 503, {
      cause,
    });
  }
}

export class InternalError extends AppError {
  override name = 'InternalError';
  constructor(cause?: unknown) {
    super('internal', 'Something went wrong on our side.', 500, { cause });
  }
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new InternalError(err);
}
