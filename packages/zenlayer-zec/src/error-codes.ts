import type { ErrorCode } from '@instancekit/core/internal';

/**
 * Zenlayer error code → provider-neutral code: every code the spec documents (its named error examples:
 * the common error codes, throttling, and the codes of ModifyInstanceType, ResetInstance and StopInstances).
 * test/contract.test.ts fails when the spec gains an error example whose code this table lacks.
 */
export const ZENLAYER_ERROR_CODES: Readonly<Record<string, ErrorCode>> = {
  // Common codes (docs "Common Error Codes"; settled-questions §2).
  MISSING_PARAMETER: 'InvalidParameter',
  INVALID_PARAMETER_TYPE: 'InvalidParameter',
  INVALID_PARAMETER_EXCEED_MAXIMUM: 'InvalidParameter',
  INVALID_PARAMETER_LESS_MINIMUM: 'InvalidParameter',
  INVALID_PARAMETER_EXCEED_LENGTH: 'InvalidParameter',
  INVALID_PARAMETER_LESS_LENGTH: 'InvalidParameter',
  INVALID_PARAMETER_PATTERN_ERROR: 'InvalidParameter',
  INVALID_PARAMETER_DATE_FORMAT_ERROR: 'InvalidParameter',
  INVALID_PARAMETER_VALUE: 'InvalidParameter',
  AUTHFAILURE_INVALID_AUTHORIZATION: 'AuthFailure',
  AUTHFAILURE_SIGNATURE_FAILURE: 'AuthFailure',
  AUTHFAILURE_UNAUTHORIZED_OPERATION: 'AuthFailure',
  AUTHFAILURE_SIGNATURE_EXPIRED: 'AuthFailure',
  OPERATION_FAILED_FOR_RECYCLE_RESOURCE: 'InvalidState',
  OPERATION_FAILED_RESOURCE_GROUP_NOT_FOUND: 'NotFound',
  OPERATION_FAILED_RESOURCE_NOT_FOUND: 'NotFound',
  REQUEST_LIMIT_EXCEEDED: 'RateLimited',
  INTERNAL_SERVER_ERROR: 'Internal',
  SERVICE_TEMPORARY_UNAVAILABLE: 'Unavailable',
  REQUEST_TIMED_OUT: 'Unavailable',
  // Action codes (ModifyInstanceType, and by inference InquiryPriceModifyInstanceType).
  INVALID_INSTANCE_NOT_FOUND: 'NotFound',
  INVALID_INSTANCE_TYPE_NOT_FOUND: 'NotFound',
  INVALID_PRODUCT_NOT_FOUND: 'NotFound',
  // The target type is the current one: the request asks for nothing.
  INVALID_INSTANCE_TYPE_NOT_CHANGED: 'InvalidParameter',
  OPERATION_FAILED_INSTANCE_TYPE_UNSUPPORTED: 'Unsupported',
  OPERATION_DENIED_GPU_INSTANCE_NOT_SUPPORT: 'Unsupported',
  OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT: 'InvalidState',
  OPERATION_DENIED_INSTANCE_EXIST_PLAN: 'InvalidState',
  OPERATION_DENIED_INSTANCE_PLAN_PROCESSING: 'InvalidState',
  UNSUPPORTED_OPERATION_ZONE_NOT_SUPPORT: 'Unsupported',
  // The instance is in the recycle bin: a state it can leave (restore), not a missing feature.
  UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE: 'InvalidState',
  STOCK_INSUFFICIENT: 'SoldOut',
  // ResetInstance.
  INVALID_IMAGE_NOT_FOUND: 'NotFound',
  INVALID_PASSWORD_MALFORMED: 'InvalidParameter',
  // StopInstances.
  OPERATION_DENIED_INSTANCE_RECYCLED: 'InvalidState',
  OPERATION_DENIED_INSTANCE_NOT_RUNNING: 'InvalidState',
  // Not server codes: the official Python and Java SDKs assign them to network-layer blocks (an HTTP 403 with
  // `cf-mitigated: challenge`, an HTTP 451). The envelope reader does the same when such an answer has no
  // Zenlayer error body.
  SECURITY_CHALLENGE: 'AuthFailure',
  REQUEST_BLOCKED: 'AuthFailure',
};

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
  const exact = ZENLAYER_ERROR_CODES[code];
  if (exact) return exact;
  return ZENLAYER_CODE_FAMILIES.find(([family]) => family.test(code))?.[1] ?? byStatus(httpStatus);
}

/** Codes after which a read or a quote may be sent again: the service was busy, slow or failed internally. */
const TRANSIENT_CODES = new Set([
  'REQUEST_LIMIT_EXCEEDED',
  'INTERNAL_SERVER_ERROR',
  'SERVICE_TEMPORARY_UNAVAILABLE',
  'REQUEST_TIMED_OUT',
]);

export function isTransientZenlayerCode(code: string): boolean {
  return TRANSIENT_CODES.has(code);
}
