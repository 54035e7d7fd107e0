// Everything of @instancekit/core's public root (error classes, option and metadata types), so
// `instanceof ApiError` needs no second import.
export * from '@instancekit/core';
export {
  createJdcloudVmClient,
  DEFAULT_BILLING_ENDPOINT,
  DEFAULT_VM_ENDPOINT,
  type JdcloudBillingOperationName,
  type JdcloudCredentials,
  type JdcloudFilter,
  type JdcloudInput,
  type JdcloudOperationName,
  type JdcloudResult,
  type JdcloudVmClient,
  type JdcloudVmClientOptions,
  type JdcloudVmMethods,
  type JdcloudVmOperationName,
} from './client.js';
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
