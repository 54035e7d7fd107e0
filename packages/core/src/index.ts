/**
 * @instancekit/core — what users of the clients need: the error classes (for `instanceof` and `code`), the
 * option, call, log and metadata types, and the helpers for people who bring their own HTTP client or use
 * openapi-fetch's `createClient` over the generated `paths`. The plumbing the packages share lives in
 * `@instancekit/core/internal`, which makes no semver promise.
 */
export * from './errors.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  type FetchLike,
  type RawAnswer,
  requestBody,
} from './fetch-transport.js';
export { fragmentActionMiddleware } from './fragment-action.js';
export {
  type CallOptions,
  DEFAULT_TIMEOUT_MS,
  type LogEvent,
  type Logger,
  type ResponseMetadata,
  type TransportOptions,
} from './operation-client.js';
export { MAX_TIMER_MS } from './options.js';
export { REDACTED } from './redact.js';
export { DEFAULT_RETRY, type OperationKind, type RetryOptions } from './retry.js';
export type { JsonRequestBody, JsonSuccess } from './typed-methods.js';
export { type RequestSigner, signerMiddleware, type WireRequest } from './wire-request.js';
