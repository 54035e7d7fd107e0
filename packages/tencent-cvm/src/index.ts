// Every provider package exports the same shape: the factory and its types, the error classes (all of
// @instancekit/core's public root, so `instanceof ApiError` needs no second import), the error tables and
// classifier, the operation tables, the signers, and the generated schema types.
export * from '@instancekit/core';
export { API_VERSION, api3Signer } from './api3-transport.js';
export * from './client.js';
export type {
  components as TencentComponents,
  operations as TencentOperations,
} from './generated/api3-schema.js';
export * from './generated/error-codes.js';
export * from './generated/operations.js';
export { signTc3, type Tc3Input, type Tc3Signature } from './signing/tc3.js';
