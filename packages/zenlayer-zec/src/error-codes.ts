import type { ErrorCode } from '@instancekit/core/internal';
import { errorCodes, retryableErrorCodes } from './generated/error-codes.js';

/**
 * Zenlayer error code → provider-neutral code: every code the spec documents, generated from its named error
 * examples (`x-instancekit-code`) and its `x-instancekit.errorCodes` (the SDKs' network-layer codes among them).
 * test/contract.test.ts fails when the spec gains an error example whose code this table lacks.
 */
export const ZENLAYER_ERROR_CODES: Readonly<Record<string, ErrorCode>> = errorCodes;

/**
 * Families for codes not in the table (Zenlayer adds codes per action): the first match wins, so the
 * `_NOT_FOUND` suffix beats the `INVALID_` prefix (`INVALID_ZONE_NOT_FOUND` is NotFound).
 */
export const ZENLAYER_CODE_FAMILIES: ReadonlyArray<readonly [RegExp, ErrorCode]> = [
  [/_NOT_FOUND$/, 'NotFound'],
  [/^AUTHFAILURE_/, 'AuthFailure'],
  [/^(MISSING_PARAMETER|INVALID_)/, 'InvalidParameter'],
  [/^OPERATION_DENIED_/, 'InvalidState'],
  [/^UNSUPPORTED_OPERATION_/, 'Unsupported'],
  [/^STOCK_/, 'SoldOut'],
];

/** By HTTP status, for a code neither the table nor a family knows. */
function byStatus(status: number | undefined): ErrorCode {
  if (status === 429) return 'RateLimited';
  if (status === 401) return 'AuthFailure';
  if (status === 403) return 'InvalidState';
  if (status === 404) return 'NotFound';
  if (status === 500) return 'Internal';
  if (status !== undefined && status > 500) return 'Unavailable';
  if (status === 400) return 'InvalidParameter';
  return 'Internal';
}

/** The neutral code of a Zenlayer code: exact entry, else its family, else what the HTTP status says. */
export function normalizeZenlayerCode(code: string, httpStatus?: number): ErrorCode {
  const exact = Object.hasOwn(ZENLAYER_ERROR_CODES, code) ? ZENLAYER_ERROR_CODES[code] : undefined;
  if (exact) return exact;
  return ZENLAYER_CODE_FAMILIES.find(([family]) => family.test(code))?.[1] ?? byStatus(httpStatus);
}

/** Codes after which a read or a quote may be sent again (`x-instancekit-retryable` in the spec). */
export function isTransientZenlayerCode(code: string): boolean {
  return retryableErrorCodes.has(code);
}
