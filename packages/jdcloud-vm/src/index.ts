// The error classes and call types of @instancekit/core, so `instanceof ApiError` needs no second import.
export {
  AbortError,
  ApiError,
  type CallOptions,
  CredentialsError,
  type ErrorCode,
  InstanceKitError,
  NetworkError,
  RateLimitError,
  RedirectError,
  ResponseFormatError,
  type ResponseMetadata,
  ResponseTooLargeError,
  TimeoutError,
  ValidationError,
} from '@instancekit/core/internal';
export {
  createJdcloudVmClient,
  DEFAULT_BILLING_ENDPOINT,
  DEFAULT_VM_ENDPOINT,
  type JdcloudBillingOperationName,
  type JdcloudFilter,
  type JdcloudInput,
  type JdcloudOperationName,
  type JdcloudResult,
  type JdcloudVmClient,
  type JdcloudVmClientOptions,
  type JdcloudVmMethods,
  type JdcloudVmOperationName,
} from './client.js';
export type { JdcloudCredentials } from './credentials.js';
export { codeForHttpStatus, JDCLOUD_ERROR_STATUSES, normalizeJdcloudStatus } from './error-codes.js';
export type {
  components as JdcloudBillingComponents,
  operations as JdcloudBillingOperations,
} from './generated/billing-schema.js';
export {
  billingOperationFacts,
  billingOperations,
  regionPattern as jdcloudRegionPattern,
  vmOperationFacts,
  vmOperations,
} from './generated/operations.js';
export type {
  components as JdcloudVmComponents,
  operations as JdcloudVmOperations,
} from './generated/vm-schema.js';
