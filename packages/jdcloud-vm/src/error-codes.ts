import type { ErrorCode } from '@instancekit/core/internal';
import { errorCodes, errorHttpStatuses, retryableErrorCodes } from './generated/error-codes.js';

/**
 * JD Cloud's error `status` strings (the common error-code table of docs.jdcloud.com, "error codes"; reference
 * B3) → provider-neutral codes, with the HTTP status JD documents for each and whether a read may be sent again,
 * generated from the specs' named error examples (`x-instancekit-code`, `x-instancekit-retryable`) and vm.yaml's
 * `x-instancekit.errorCodes`; the spec says why each maps as it does (`QUOTA_EXCEEDED` is not throttling, …).
 * The string itself is kept as the error's `providerCode`.
 */
export const JDCLOUD_ERROR_STATUSES: Readonly<
  Record<string, { readonly httpStatus: number; readonly code: ErrorCode; readonly retryable: boolean }>
> = /* @__PURE__ */ Object.fromEntries(
  Object.entries(errorHttpStatuses).map(([status, httpStatus]) => [
    status,
    {
      httpStatus,
      code: codeOf(status) ?? codeForHttpStatus(httpStatus),
      retryable: retryableErrorCodes.has(status),
    },
  ]),
);

function codeOf(status: string): ErrorCode | undefined {
  const table: Readonly<Record<string, ErrorCode>> = errorCodes;
  return Object.hasOwn(table, status) ? table[status] : undefined;
}

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
  const code = codeOf(status);
  if (code) return { code, retryable: retryableErrorCodes.has(status) };
  const byStatus = codeForHttpStatus(httpStatus);
  return {
    code: byStatus,
    retryable: byStatus === 'RateLimited' || (httpStatus >= 500 && httpStatus !== 501),
  };
}
