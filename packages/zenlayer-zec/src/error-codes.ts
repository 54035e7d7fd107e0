import { type Classified, classifyProviderCode, type ErrorCode } from '@instancekit/core/internal';
import { errorCodes, errorFamilies, retryableErrorCodes } from './generated/error-codes.js';

/**
 * Zenlayer error code → provider-neutral code: every code the spec documents, generated from its named error
 * examples (`x-instancekit-code`) and its `x-instancekit.errorCodes` (the SDKs' network-layer codes among them).
 * test/contract.test.ts fails when the spec gains an error example whose code this table lacks.
 */
export const ZENLAYER_ERROR_CODES: Readonly<Record<string, ErrorCode>> = errorCodes;

/**
 * Families for codes not in the table (zec.yaml's `x-instancekit.errorFamilies`; Zenlayer adds codes per action):
 * the first match wins, so the `_NOT_FOUND` suffix beats the `INVALID_` prefix (`INVALID_ZONE_NOT_FOUND` is NotFound).
 */
export const ZENLAYER_CODE_FAMILIES = errorFamilies;

const tables = { errorCodes, retryableErrorCodes, errorFamilies };

/** By HTTP status, for a code neither the table nor a family knows (403 is a refused state here, not auth). */
const BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'InvalidParameter',
  401: 'AuthFailure',
  403: 'InvalidState',
  404: 'NotFound',
  429: 'RateLimited',
};
const byStatus = (status: number): Classified => ({
  code: BY_STATUS[status] ?? (status > 500 ? 'Unavailable' : 'Internal'),
  retryable: false,
});

/** The neutral code of a Zenlayer code: exact entry, else its family, else what the HTTP status says. */
export const normalizeZenlayerCode = (code: string, httpStatus?: number): ErrorCode =>
  classifyProviderCode(code, httpStatus ?? 0, tables, byStatus).code;

/** Codes after which a read or a quote may be sent again (`x-instancekit-retryable` in the spec). */
export const isTransientZenlayerCode = (code: string): boolean =>
  classifyProviderCode(code, 0, tables, byStatus).retryable;
