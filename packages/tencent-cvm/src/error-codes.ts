import type { ErrorCode } from '@instancekit/core/internal';
import { errorCodes, retryableErrorCodes } from './generated/error-codes.js';

/**
 * Tencent error code → provider-neutral code. Every code the specs name comes from the generated table (each
 * error example's `x-instancekit-code`, the common codes of api3.yaml's `x-instancekit.errorCodes`); other codes
 * take the longest matching dotted prefix below, so a new sub-code (`ResourcesSoldOut.Xyz`) lands with its family.
 * docs/errors.md renders the spec's codes.
 */
export const TENCENT_EXACT_CODES: Readonly<Record<string, ErrorCode>> = errorCodes;

/** Families by prefix (the part before the first dot, or a longer dotted prefix). */
export const TENCENT_PREFIX_CODES: ReadonlyArray<readonly [string, ErrorCode]> = [
  ['UnsupportedOperation.InstanceState', 'InvalidState'],
  ['UnsupportedOperation.InvalidInstanceNotSupportedProtectedInstance', 'InvalidState'],
  ['RequestLimitExceeded', 'RateLimited'],
  ['AuthFailure', 'AuthFailure'],
  ['UnauthorizedOperation', 'AuthFailure'],
  ['ResourcesSoldOut', 'SoldOut'],
  ['ResourceInsufficient', 'SoldOut'],
  ['ResourceNotFound', 'NotFound'],
  ['InvalidInstanceId', 'InvalidParameter'],
  ['InvalidInstanceType', 'InvalidParameter'],
  ['InvalidImageId', 'InvalidParameter'],
  ['InvalidKeyPairId', 'InvalidParameter'],
  ['InvalidHostId', 'InvalidParameter'],
  ['InvalidParameterValue', 'InvalidParameter'],
  ['InvalidFilter', 'InvalidParameter'],
  ['InvalidParameter', 'InvalidParameter'],
  ['MissingParameter', 'InvalidParameter'],
  ['UnknownParameter', 'InvalidParameter'],
  ['InvalidAccount', 'InsufficientBalance'],
  ['OperationDenied', 'InvalidState'],
  ['MutexOperation', 'InvalidState'],
  ['UnsupportedOperation', 'Unsupported'],
  ['InvalidInstance', 'Unsupported'],
  ['InternalError', 'Internal'],
  ['InternalServerError', 'Internal'],
  ['FailedOperation', 'Internal'],
  ['ResourceUnavailable', 'Unavailable'],
  ['InvalidAction', 'Unsupported'],
];

export function normalizeTencentCode(code: string): ErrorCode {
  const exact = Object.hasOwn(TENCENT_EXACT_CODES, code) ? TENCENT_EXACT_CODES[code] : undefined;
  if (exact) return exact;
  let best: readonly [string, ErrorCode] | undefined;
  for (const entry of TENCENT_PREFIX_CODES) {
    const [prefix] = entry;
    // Plain startsWith on purpose: `InvalidFilterValue.LimitExceeded` belongs to the `InvalidFilter` family.
    if (code.startsWith(prefix) && prefix.length > (best?.[0].length ?? 0)) best = entry;
  }
  return best?.[1] ?? 'Internal';
}

/** Families after whose codes a read may be sent again (`RequestLimitExceeded.UinLimitExceeded`, …). */
const TRANSIENT_FAMILIES =
  /^(InternalError|InternalServerError|ServiceUnavailable|ResourceUnavailable|RequestLimitExceeded)/;

/** Codes after which a read may be sent again: the service was busy or failed internally. */
export function isTransientTencentCode(code: string): boolean {
  return retryableErrorCodes.has(code) || TRANSIENT_FAMILIES.test(code);
}
