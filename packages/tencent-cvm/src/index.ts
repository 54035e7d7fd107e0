// Everything of @instancekit/core's public root (error classes, option and metadata types), so
// `instanceof ApiError` needs no second import.
export * from '@instancekit/core';
export {
  createTencentCvmClient,
  type TencentActionName,
  type TencentCredentials,
  type TencentCvmClient,
  type TencentCvmClientOptions,
  type TencentCvmMethods,
  type TencentInput,
  type TencentResult,
} from './client.js';
export { normalizeTencentCode, TENCENT_EXACT_CODES, TENCENT_PREFIX_CODES } from './error-codes.js';
export type {
  components as TencentComponents,
  operations as TencentOperations,
} from './generated/api3-schema.js';
export {
  api3OperationFacts,
  api3Operations,
  legacyOperationFacts,
  legacyOperations,
  regionPattern as tencentRegionPattern,
} from './generated/operations.js';
