import {
  AbortError,
  ApiError,
  ERROR_BRAND,
  type ErrorDetails,
  InstanceKitError,
  TimeoutError,
} from '@instancekit/core/internal';
import type { JobStep, JobStepName, NeutralState } from './types.js';

// Every class carries its own brand (`ERROR_BRAND`), so `instanceof` holds across two copies of the facade too.

/**
 * The waited-for instance is no longer in the provider's status list (deleted, or never in this region or
 * account). Thrown after a few consecutive "not listed" answers instead of polling until the deadline.
 */
export class InstanceNotFoundError extends ApiError {
  override get [ERROR_BRAND](): string {
    return 'instancekit/InstanceNotFoundError';
  }
  readonly instanceId: string;
  constructor(message: string, details: Omit<ErrorDetails, 'code'> & { instanceId: string }) {
    super(message, { ...details, code: 'NotFound' });
    this.instanceId = details.instanceId;
  }
}

/** What every failure of a job says besides its cause: the step it failed in and the state it left the instance in. */
export interface JobFailure {
  readonly step: JobStepName;
  /** The instance's neutral state as the job last knew it (after any recovery it tried). */
  readonly stateLeft: NeutralState;
  /** The steps done before, each with its request id, state and timing. */
  readonly steps: readonly JobStep[];
}

type JobDetails = ErrorDetails & { step: JobStepName; stateLeft: NeutralState; steps: JobStep[] };

/** A job step failed (the provider refused, the change failed, the verification did not match); `cause` is why. */
export class JobError extends InstanceKitError implements JobFailure {
  override get [ERROR_BRAND](): string {
    return 'instancekit/JobError';
  }
  readonly step: JobStepName;
  readonly stateLeft: NeutralState;
  readonly steps: readonly JobStep[];
  constructor(message: string, details: JobDetails) {
    super(message, details);
    this.step = details.step;
    this.stateLeft = details.stateLeft;
    this.steps = details.steps;
  }
}

/** The caller's signal aborted a job: nothing more was sent, the instance was left as `stateLeft` says. */
export class JobAbortError extends AbortError implements JobFailure {
  override get [ERROR_BRAND](): string {
    return 'instancekit/JobAbortError';
  }
  readonly step: JobStepName;
  readonly stateLeft: NeutralState;
  readonly steps: readonly JobStep[];
  constructor(message: string, details: JobDetails) {
    super(message, details);
    this.step = details.step;
    this.stateLeft = details.stateLeft;
    this.steps = details.steps;
  }
}

/** A job ran past its `timeoutMs` (every call, retry and wait included). */
export class JobTimeoutError extends TimeoutError implements JobFailure {
  override get [ERROR_BRAND](): string {
    return 'instancekit/JobTimeoutError';
  }
  readonly step: JobStepName;
  readonly stateLeft: NeutralState;
  readonly steps: readonly JobStep[];
  constructor(message: string, details: JobDetails) {
    super(message, details);
    this.step = details.step;
    this.stateLeft = details.stateLeft;
    this.steps = details.steps;
  }
}

/**
 * A resize target the provider's type listing shows as sold out, or does not list for this instance: a price for it
 * could never be bought (quoteResize), and a job refuses it before stopping anything.
 */
export class TargetUnavailableError extends InstanceKitError {
  override get [ERROR_BRAND](): string {
    return 'instancekit/TargetUnavailableError';
  }
  readonly instanceType: string;
  readonly availability: 'soldOut' | 'unavailable' | 'notOffered';
  constructor(
    message: string,
    details: Omit<ErrorDetails, 'code'> & {
      instanceType: string;
      availability: 'soldOut' | 'unavailable' | 'notOffered';
    },
  ) {
    super(message, { ...details, code: details.availability === 'soldOut' ? 'SoldOut' : 'Unsupported' });
    this.instanceType = details.instanceType;
    this.availability = details.availability;
  }
}
