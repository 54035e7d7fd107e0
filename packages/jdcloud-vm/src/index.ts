// Every provider package exports the same shape: the factory and its types, the error classes (all of
// @instancekit/core's public root, so `instanceof ApiError` needs no second import), the error tables and
// classifier, the operation tables, the signer, and the generated schema types.
export * from '@instancekit/core';
export * from './client.js';
export type {
  components as JdcloudBillingComponents,
  operations as JdcloudBillingOperations,
} from './generated/billing-schema.js';
export * from './generated/error-codes.js';
export * from './generated/operations.js';
export type {
  components as JdcloudVmComponents,
  operations as JdcloudVmOperations,
} from './generated/vm-schema.js';
export { type Jdcloud2Input, type Jdcloud2Signature, signJdcloud2 } from './signing/jdcloud2.js';
export { type JdcloudSignerSettings, jdcloudSigner } from './transport.js';
