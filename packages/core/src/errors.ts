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

/**
 * The key of every instancekit error class's brand. `Symbol.for` gives the same symbol in every copy of core (the
 * ESM and CJS builds, the web and node builds, a second copy npm nested, another version) and in every realm, so
 * `instanceof` can match on the brand where the prototype chain is another copy's.
 */
export const ERROR_BRAND: unique symbol = Symbol.for('instancekit.error');

type Branded = { readonly [ERROR_BRAND]: string };

/** Whether `value`'s prototype chain holds a prototype branded `brand` (its own brand, not an inherited one). */
export function hasErrorBrand(value: unknown, brand: string): boolean {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
  for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
    if (Object.hasOwn(proto, ERROR_BRAND) && (proto as Branded)[ERROR_BRAND] === brand) return true;
  }
  return false;
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

  /**
   * `instanceof` across copies: true for this class's own instances and for any error whose prototype chain carries
   * this class's brand — an error thrown by another copy of core (ESM beside CJS, a nested second copy). A subclass
   * without a brand of its own (a user's) gets the plain prototype check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: as below
    if (Object.prototype.isPrototypeOf.call(this.prototype, value as object)) return true;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class `instanceof` was asked about, a subclass too
    const proto = this.prototype as Partial<Branded>;
    return Object.hasOwn(proto, ERROR_BRAND) && hasErrorBrand(value, proto[ERROR_BRAND] as string);
  }

  /** The class's brand (see `ERROR_BRAND`); every error class of the instancekit packages defines its own. */
  get [ERROR_BRAND](): string {
    return 'core/InstanceKitError';
  }

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
export class ApiError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/ApiError';
  }
}

/** The provider throttled the call (after retries, if any were allowed). */
export class RateLimitError extends ApiError {
  override get [ERROR_BRAND](): string {
    return 'core/RateLimitError';
  }
}

/** The answer could not be read: not JSON, or JSON of the wrong shape. `bodySnippet` is its start. */
export class ResponseFormatError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/ResponseFormatError';
  }
  readonly bodySnippet: string;
  constructor(message: string, details: ErrorDetails & { bodySnippet: string }) {
    super(message, details);
    this.bodySnippet = details.bodySnippet;
  }
}

/** An attempt took longer than its timeout. */
export class TimeoutError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/TimeoutError';
  }
}

/** The caller's AbortSignal fired. */
export class AbortError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/AbortError';
  }
}

/** The connection failed (refused, reset, DNS). `mayHaveBeenSent` says whether the request may have reached the server. */
export class NetworkError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/NetworkError';
  }
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
  override get [ERROR_BRAND](): string {
    return 'core/RedirectError';
  }
  readonly location: string | undefined;
  constructor(message: string, details: ErrorDetails & { location: string | undefined }) {
    super(message, details);
    this.location = details.location;
  }
}

/** The answer was larger than `maxResponseBytes`; the connection was dropped without reading the rest. */
export class ResponseTooLargeError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/ResponseTooLargeError';
  }
  readonly limitBytes: number;
  constructor(message: string, details: ErrorDetails & { limitBytes: number }) {
    super(message, details);
    this.limitBytes = details.limitBytes;
  }
}

/** Input broke a rule of the spec; nothing was sent. `field` is the dotted path of the offending field. */
export class ValidationError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/ValidationError';
  }
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
  override get [ERROR_BRAND](): string {
    return 'core/CredentialsError';
  }
  /** The credential's field (`secretKey`), when one is to blame. */
  readonly field: string | undefined;
  constructor(message: string, details: { provider: ProviderName; field?: string }) {
    super(message, { provider: details.provider, code: 'AuthFailure', attempts: 0 });
    this.field = details.field;
  }
}

/** The provider has no such operation (see `capabilities`). */
export class UnsupportedOperationError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'core/UnsupportedOperationError';
  }
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
  override get [ERROR_BRAND](): string {
    return 'core/OperationFailedError';
  }
  readonly finalState: string | undefined;
  constructor(message: string, details: ErrorDetails & { finalState?: string | undefined }) {
    super(message, details);
    this.finalState = details.finalState;
  }
}
