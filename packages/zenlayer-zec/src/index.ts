// Every provider package exports the same shape: the factory and its types, the error classes (all of
// @instancekit/core's public root, so `instanceof ApiError` needs no second import), the error tables and
// classifier, the operation tables, the signer, and the generated schema types.
export * from '@instancekit/core';
export * from './client.js';
export * from './generated/error-codes.js';
export * from './generated/operations.js';
export type { components as ZecComponents, operations as ZecOperations } from './generated/zec-schema.js';
export { signZc2, type Zc2Input, type Zc2Signature } from './signing/zc2.js';
export { API_VERSION, CONTENT_TYPE, zc2Signer } from './zc2-transport.js';
