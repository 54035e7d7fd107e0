import type { ErrorCode } from '@instancekit/core/internal';

/**
 * JD Cloud's error `status` strings (the common error-code table of docs.jdcloud.com, "error codes"; reference
 * B3) → provider-neutral codes, with the HTTP status JD documents for each and whether a read may be sent again.
 * The string itself is kept as the error's `providerCode`.
 *
 * - `FAILED_PRECONDITION` (e.g. resize of a running instance) and `ABORTED` (a concurrent task) are states of the
 *   instance, not bad input: `InvalidState`.
 * - `QUOTA_EXCEEDED` shares HTTP 429 with `RATE_LIMIT` but is **not throttling**: an account quota (vCPUs,
 *   instances) stays exhausted until the user frees resources or raises the quota, so waiting and re-sending
 *   cannot help, and a mutation must never be re-sent on it. It maps to `InvalidState` (the account's state
 *   forbids the change), not `RateLimited` (which the retry policy re-sends, mutations included) and not
 *   `SoldOut` (JD's stock, which a quota is not).
 * - `CANCELLED` (499) means the request was cancelled before it completed: `Unavailable`, retryable for reads.
 * - JD documents no status string for arrears or stock: those arrive as `FAILED_PRECONDITION` (or another
 *   status) with a message, so `InsufficientBalance` and `SoldOut` are never inferred from a message here.
 */
export const JDCLOUD_ERROR_STATUSES: Readonly<
  Record<string, { readonly httpStatus: number; readonly code: ErrorCode; readonly retryable: boolean }>
> = {
  INVALID_ARGUMENT: { httpStatus: 400, code: 'InvalidParameter', retryable: false },
  FAILED_PRECONDITION: { httpStatus: 400, code: 'InvalidState', retryable: false },
  OUT_OF_RANGE: { httpStatus: 400, code: 'InvalidParameter', retryable: false },
  UNAUTHENTICATED: { httpStatus: 401, code: 'AuthFailure', retryable: false },
  HTTP_FORBIDDEN: { httpStatus: 403, code: 'AuthFailure', retryable: false },
  NOT_FOUND: { httpStatus: 404, code: 'NotFound', retryable: false },
  ABORTED: { httpStatus: 409, code: 'InvalidState', retryable: false },
  ALREADY_EXISTS: { httpStatus: 409, code: 'InvalidState', retryable: false },
  QUOTA_EXCEEDED: { httpStatus: 429, code: 'InvalidState', retryable: false },
  RATE_LIMIT: { httpStatus: 429, code: 'RateLimited', retryable: true },
  CANCELLED: { httpStatus: 499, code: 'Unavailable', retryable: true },
  UNKNOWN: { httpStatus: 500, code: 'Internal', retryable: true },
  INTERNAL: { httpStatus: 500, code: 'Internal', retryable: true },
  NOT_IMPLEMENTED: { httpStatus: 501, code: 'Unsupported', retryable: false },
  SOURCE_UNAVAILABLE: { httpStatus: 502, code: 'Unavailable', retryable: true },
  UNAVAILABLE: { httpStatus: 503, code: 'Unavailable', retryable: true },
};

/** The code an HTTP status implies when JD sends a status string we do not know, or no envelope at all. */
export function codeForHttpStatus(status: number): ErrorCode {
  if (status === 429) return 'RateLimited';
  if (status === 401 || status === 403) return 'AuthFailure';
  if (status === 404) return 'NotFound';
  if (status === 409) return 'InvalidState';
  if (status === 501) return 'Unsupported';
  if (status === 500) return 'Internal';
  if (status >= 500) return 'Unavailable';
  if (status >= 400) return 'InvalidParameter';
  return 'Internal';
}

/** Normalized code and retryability of a JD error: by its status string, else by its HTTP status. */
export function normalizeJdcloudStatus(
  status: string,
  httpStatus: number,
): { code: ErrorCode; retryable: boolean } {
  const known = JDCLOUD_ERROR_STATUSES[status];
  if (known) return { code: known.code, retryable: known.retryable };
  const code = codeForHttpStatus(httpStatus);
  return { code, retryable: code === 'RateLimited' || (httpStatus >= 500 && httpStatus !== 501) };
}
