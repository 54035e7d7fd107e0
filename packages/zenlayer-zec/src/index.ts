// Everything of @instancekit/core's public root (error classes, option and metadata types), so
// `instanceof ApiError` needs no second import.
export * from '@instancekit/core';
export {
  createZenlayerZecClient,
  DEFAULT_ENDPOINT,
  type ZecActionName,
  type ZecInput,
  type ZecResult,
  type ZenlayerCredentials,
  type ZenlayerZecClient,
  type ZenlayerZecClientOptions,
  type ZenlayerZecMethods,
} from './client.js';
export {
  isTransientZenlayerCode,
  normalizeZenlayerCode,
  ZENLAYER_CODE_FAMILIES,
  ZENLAYER_ERROR_CODES,
} from './error-codes.js';
export { zecOperationFacts, zecOperations } from './generated/operations.js';
export type { components as ZecComponents, operations as ZecOperations } from './generated/zec-schema.js';
export { signZc2, type Zc2Input, type Zc2Signature } from './signing/zc2.js';
export { API_VERSION, CONTENT_TYPE } from './zc2-transport.js';
