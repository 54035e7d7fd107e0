import { ApiError, type ErrorDetails } from '@instancekit/core/internal';

/**
 * The waited-for instance is no longer in the provider's status list (deleted, or never in this region or
 * account). Thrown after a few consecutive "not listed" answers instead of polling until the deadline.
 */
export class InstanceNotFoundError extends ApiError {
  readonly instanceId: string;
  constructor(message: string, details: Omit<ErrorDetails, 'code'> & { instanceId: string }) {
    super(message, { ...details, code: 'NotFound' });
    this.instanceId = details.instanceId;
  }
}
