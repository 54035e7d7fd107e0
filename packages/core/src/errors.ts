/**
 * One error class per failure kind, all carrying the same request metadata, so callers can branch on
 * `instanceof` or on the provider-neutral `code` and still report the provider's own code and request id.
 */

/**
 * The provider an error or a call belongs to, as its package names it (`tencent`, `zenlayer`, `jdcloud`, …).
 * Core names no provider: the facade narrows this to the providers it has drivers for.
 */
export type ProviderName = string;

/** Provider-neutral error codes; `providerCode` keeps the provider's own. */
export type ErrorCode =
  | 'NotFound'
  | 'InvalidParameter'
  | 'InvalidState'
  /**
   * Another operation runs on the instance (Tencent `OperationDenied.InstanceOperationInProgress`): the call was not
   * executed and may succeed later. The instancekit jobs retry it with backoff within their deadline.
   */
  | 'Busy'
  | 'InsufficientBalance'
  | 'SoldOut'
  | 'Unsupported'
  | 'AuthFailure'
  | 'RateLimited'
  | 'Unavailable'
  | 'Timeout'
  | 'Aborted'
  | 'Network'
  | 'Redirect'
  | 'ResponseTooLarge'
  | 'Internal';

export interface ErrorDetails {
  provider?: ProviderName | undefined;
  action?: string | undefined;
  code: ErrorCode;
  providerCode?: string | undefined;
  requestId?: string | undefined;
  httpStatus?: number | undefined;
  retryable?: boolean | undefined;
  /** Attempts made for this call (1 when nothing was retried). */
  attempts?: number | undefined;
  /** The provider's request id of every attempt that got one, oldest first. */
  requestIds?: string[] | undefined;
  /** How long the provider asked us to wait (Retry-After), when it did. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

export class InstanceKitError extends Error {
  readonly provider: ProviderName | undefined;
  readonly action: string | undefined;
  readonly code: ErrorCode;
  readonly providerCode: string | undefined;
  requestId: string | undefined;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;
  attempts: number;
  requestIds: string[];
  /** How long the provider asked us to wait (Retry-After), when it did. */
  readonly retryAfterMs: number | undefined;

  constructor(message: string, details: ErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.provider = details.provider;
    this.action = details.action;
    this.code = details.code;
    this.providerCode = details.providerCode;
    this.requestId = details.requestId;
    this.httpStatus = details.httpStatus;
    this.retryable = details.retryable ?? false;
    this.attempts = details.attempts ?? 1;
    this.requestIds = details.requestIds ?? (details.requestId ? [details.requestId] : []);
    this.retryAfterMs = details.retryAfterMs;
  }

  /** A plain, secret-free view for logs and JSON output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      provider: this.provider,
      action: this.action,
      code: this.code,
      providerCode: this.providerCode,
      requestId: this.requestId,
      httpStatus: this.httpStatus,
      retryable: this.retryable,
      attempts: this.attempts,
      requestIds: this.requestIds,
    };
  }
}

/** The provider answered and said no (its error envelope). */
export class ApiError extends InstanceKitError {}

/** The provider throttled the call (after retries, if any were allowed). */
export class RateLimitError extends ApiError {}

/** The answer could not be read: not JSON, or JSON of the wrong shape. `bodySnippet` is its start. */
export class ResponseFormatError extends InstanceKitError {
  readonly bodySnippet: string;
  constructor(message: string, details: ErrorDetails & { bodySnippet: string }) {
    super(message, details);
    this.bodySnippet = details.bodySnippet;
  }
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends InstanceKitError {}

/** The caller's AbortSignal fired. */
export class AbortError extends InstanceKitError {}

/** The connection failed (refused, reset, DNS). `mayHaveBeenSent` says whether the request may have reached the server. */
export class NetworkError extends InstanceKitError {
  readonly mayHaveBeenSent: boolean;
  constructor(message: string, details: ErrorDetails & { mayHaveBeenSent: boolean }) {
    super(message, details);
    this.mayHaveBeenSent = details.mayHaveBeenSent;
  }
}

/**
 * The server answered with a redirect (any 3xx). None of these APIs redirect, and following one would send a
 * signed request — a mutation's body with its password and user data, a session token — somewhere it was not
 * signed for, or turn a POST into a GET. So it is never followed; `location` is the target's origin only.
 */
export class RedirectError extends InstanceKitError {
  readonly location: string | undefined;
  constructor(message: string, details: ErrorDetails & { location: string | undefined }) {
    super(message, details);
    this.location = details.location;
  }
}

/** The answer was larger than `maxResponseBytes`; the connection was dropped without reading the rest. */
export class ResponseTooLargeError extends InstanceKitError {
  readonly limitBytes: number;
  constructor(message: string, details: ErrorDetails & { limitBytes: number }) {
    super(message, details);
    this.limitBytes = details.limitBytes;
  }
}

/** Input broke a rule of the spec; nothing was sent. `field` is the dotted path of the offending field. */
export class ValidationError extends InstanceKitError {
  readonly field: string;
  readonly rule: string;
  constructor(
    message: string,
    details: { field: string; rule: string; provider?: ProviderName; action?: string },
  ) {
    super(message, { ...details, code: 'InvalidParameter', attempts: 0 });
    this.field = details.field;
    this.rule = details.rule;
  }
}

/** A credential is missing, empty or malformed; nothing was sent. The message never contains its value. */
export class CredentialsError extends InstanceKitError {
  /** The credential's field (`secretKey`), when one is to blame. */
  readonly field: string | undefined;
  constructor(message: string, details: { provider: ProviderName; field?: string }) {
    super(message, { provider: details.provider, code: 'AuthFailure', attempts: 0 });
    this.field = details.field;
  }
}

/** The provider has no such operation (see `capabilities`). */
export class UnsupportedOperationError extends InstanceKitError {
  readonly operation: string;
  constructor(provider: ProviderName, operation: string, reason?: string) {
    super(`${provider} does not support ${operation}${reason ? `: ${reason}` : ''}`, {
      provider,
      code: 'Unsupported',
      attempts: 0,
    });
    this.operation = operation;
  }
}

/** A waited-for operation ended in the provider's failure state. */
export class OperationFailedError extends InstanceKitError {
  readonly finalState: string | undefined;
  constructor(message: string, details: ErrorDetails & { finalState?: string | undefined }) {
    super(message, details);
    this.finalState = details.finalState;
  }
}
