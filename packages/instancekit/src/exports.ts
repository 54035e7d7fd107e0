// What every entry of the facade exports besides its createInstanceKit: the error classes and the types.
export {
  AbortError,
  ApiError,
  CredentialsError,
  type ErrorCode,
  InstanceKitError,
  type LogEvent,
  type Logger,
  NetworkError,
  OperationFailedError,
  RateLimitError,
  ResponseFormatError,
  type RetryOptions,
  TimeoutError,
  UnsupportedOperationError,
  ValidationError,
} from '@instancekit/core/internal';
export type { InstanceKit } from './create.js';
export {
  InstanceNotFoundError,
  JobAbortError,
  JobError,
  type JobFailure,
  JobTimeoutError,
  TargetUnavailableError,
} from './errors.js';
export type * from './types.js';
