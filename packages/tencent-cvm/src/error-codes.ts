import type { ErrorCode } from '@instancekit/core/internal';

/**
 * Tencent error code → provider-neutral code. Exact codes first, then the longest matching dotted prefix, so a
 * new sub-code (`ResourcesSoldOut.Xyz`) lands with its family. docs/errors.md renders this table.
 */
export const TENCENT_EXACT_CODES: Readonly<Record<string, ErrorCode>> = {
  'InvalidInstanceId.NotFound': 'NotFound',
  'InvalidImageId.NotFound': 'NotFound',
  'InvalidParameterValue.InstanceTypeNotFound': 'NotFound',
  ResourceNotFound: 'NotFound',
  'InvalidAccount.InsufficientBalance': 'InsufficientBalance',
  'InvalidAccount.UnpaidOrder': 'InsufficientBalance',
  'OperationDenied.InstanceOperationInProgress': 'InvalidState',
  'MutexOperation.TaskRunning': 'InvalidState',
  'InvalidInstance.NotSupported': 'Unsupported',
  'InvalidParameterValue.InvalidImageState': 'InvalidState',
  'FailedOperation.InquiryPriceFailed': 'Internal',
  'FailedOperation.InquiryRefundPriceFailed': 'Internal',
  InvalidPermission: 'AuthFailure',
  UnauthorizedOperation: 'AuthFailure',
  InternalServerError: 'Internal',
  ServiceUnavailable: 'Unavailable',
  ResourceUnavailable: 'Unavailable',
  LimitExceeded: 'InvalidParameter',
  DryRunOperation: 'InvalidParameter',
  ResourceInUse: 'InvalidState',
  UnsupportedRegion: 'Unsupported',
  UnsupportedProtocol: 'Unsupported',
  ActionOffline: 'Unsupported',
  NoSuchProduct: 'Unsupported',
  NoSuchVersion: 'Unsupported',
  InvalidAction: 'Unsupported',
  IpInBlacklist: 'AuthFailure',
  IpNotInWhitelist: 'AuthFailure',
  RequestSizeLimitExceeded: 'InvalidParameter',
  ResponseSizeLimitExceeded: 'Internal',
  InvalidRequest: 'InvalidParameter',
};

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
  const exact = TENCENT_EXACT_CODES[code];
  if (exact) return exact;
  let best: readonly [string, ErrorCode] | undefined;
  for (const entry of TENCENT_PREFIX_CODES) {
    const [prefix] = entry;
    // Plain startsWith on purpose: `InvalidFilterValue.LimitExceeded` belongs to the `InvalidFilter` family.
    if (code.startsWith(prefix) && prefix.length > (best?.[0].length ?? 0)) best = entry;
  }
  return best?.[1] ?? 'Internal';
}

/** Codes after which a read may be sent again: the service was busy or failed internally. */
export function isTransientTencentCode(code: string): boolean {
  return /^(InternalError|InternalServerError|ServiceUnavailable|ResourceUnavailable|RequestLimitExceeded)/.test(
    code,
  );
}
