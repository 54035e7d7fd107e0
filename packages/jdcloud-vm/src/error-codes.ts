import {
  type Classified,
  classifyProviderCode,
  codeForHttpStatus,
  type ErrorCode,
} from '@instancekit/core/internal';
import * as tables from './generated/error-codes.js';

/** The code an HTTP status implies when JD sends a status string we do not know, or no envelope at all. */
export { codeForHttpStatus };

/** Normalized code and retryability of a JD error: by its status string, else by its HTTP status. */
export const normalizeJdcloudStatus = (status: string, httpStatus: number): Classified =>
  classifyProviderCode(status, httpStatus, tables);

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
  Object.entries(tables.errorHttpStatuses).map(([status, httpStatus]) => [
    status,
    { httpStatus, ...normalizeJdcloudStatus(status, httpStatus) },
  ]),
);
