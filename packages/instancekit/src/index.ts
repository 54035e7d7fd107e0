export {
  AbortError,
  ApiError,
  CredentialsError,
  type ErrorCode,
  InstanceKitError,
  type Logger,
  type LogEvent,
  NetworkError,
  OperationFailedError,
  RateLimitError,
  ResponseFormatError,
  type RetryOptions,
  TimeoutError,
  UnsupportedOperationError,
  ValidationError,
} from '@instancekit/core';
export { createInstanceKit, type InstanceKit } from './create.js';
export type * from './types.js';
