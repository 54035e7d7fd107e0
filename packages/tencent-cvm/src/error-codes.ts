import { type Classified, classifyProviderCode, type ErrorCode } from '@instancekit/core/internal';
import { errorCodes, errorFamilies, retryableErrorCodes } from './generated/error-codes.js';

/**
 * Tencent error code → provider-neutral code, all from the specs (src/generated/error-codes.ts): the exact codes
 * (each error example's `x-instancekit-code`, api3.yaml's common `x-instancekit.errorCodes`) and the families of
 * api3.yaml's `x-instancekit.errorFamilies` (dotted prefixes, so a new sub-code such as `ResourcesSoldOut.Xyz`
 * lands with its family). docs/errors.md renders the spec's codes.
 */
export const TENCENT_EXACT_CODES: Readonly<Record<string, ErrorCode>> = errorCodes;

/** Families by prefix, first match wins (a longer dotted prefix is listed before the one it extends). */
export const TENCENT_PREFIX_CODES = errorFamilies;

const tables = { errorCodes, retryableErrorCodes, errorFamilies };
/** Tencent answers every API error with HTTP 200: a code no table knows says nothing more. */
const unknown = (): Classified => ({ code: 'Internal', retryable: false });

export const normalizeTencentCode = (code: string): ErrorCode =>
  classifyProviderCode(code, 200, tables, unknown).code;

/** Codes after which a read may be sent again: the service was busy or failed internally. */
export const isTransientTencentCode = (code: string): boolean =>
  classifyProviderCode(code, 200, tables, unknown).retryable;
