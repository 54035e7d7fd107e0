import {
  AbortError,
  deadlineSignal,
  InstanceKitError,
  OperationFailedError,
  ResponseFormatError,
  sleep,
  TimeoutError,
} from '@instancekit/core/internal';
import type { PollSnapshot, ProviderDriver } from './driver.js';
import { InstanceNotFoundError } from './errors.js';
import type { OperationHandle, WaitOptions, WaitResult } from './types.js';

/** Errors that no amount of waiting fixes: stop at once rather than poll until the deadline. */
const PERMANENT = new Set([
  'NotFound',
  'AuthFailure',
  'InvalidParameter',
  'Unsupported',
  'InsufficientBalance',
  'Aborted',
]);

/**
 * A success state seen without ever seeing the operation in progress may be the state from *before* it
 * (Zenlayer's resize goes STOPPED → RESIZING → STOPPED). Unless the provider ties the state to our request
 * (Tencent), accept it only after it holds for this many polls in a row.
 */
const SETTLED_POLLS = 3;

/**
 * An instance missing from this many status answers in a row is gone (deleted, or never in this region or
 * account): an InstanceNotFoundError instead of polling until the deadline. More than one, because a list
 * may briefly miss an instance that was just changed.
 */
export const NOT_LISTED_POLLS = 3;

export const DEFAULT_WAIT_TIMEOUT_MS = 15 * 60_000;

/** Keep polling after this error? Throttling, 5xx, timeouts and connection errors, after the client's retries. */
function isTransient(error: unknown): boolean {
  if (!(error instanceof InstanceKitError) || error instanceof OperationFailedError) return false;
  // An answer we cannot read that says it will read no better next time (a status list of another shape).
  if (error instanceof ResponseFormatError && !error.retryable) return false;
  return !PERMANENT.has(error.code);
}

/**
 * Polls the driver's status call until the operation ends. `options` were checked by the kit (schemas.ts);
 * `attemptTimeoutMs` is the kit's per-attempt timeout, which a poll never exceeds — nor the time left.
 */
export async function waitForOperation(
  driver: ProviderDriver,
  handle: OperationHandle,
  options: WaitOptions,
  attemptTimeoutMs: number,
): Promise<WaitResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
  const deadline = started + timeoutMs;
  // The documented rate-limit floor holds whatever the caller asks; the first interval is capped by the last.
  const maxInterval = Math.max(options.maxIntervalMs ?? 15_000, driver.minPollIntervalMs);
  let interval = Math.min(maxInterval, Math.max(options.intervalMs ?? 2_000, driver.minPollIntervalMs));
  let polls = 0;
  let sawProgress = false;
  let successStreak = 0;
  let notListedStreak = 0;
  let lastState = 'UNKNOWN';
  const meta = { provider: handle.provider, action: handle.action, requestId: handle.requestId };
  // One signal for the whole wait (deadline or the caller's): every poll and sleep gets it, so the deadline
  // ends a hanging status call, the client's retries and their backoff too.
  const wait = deadlineSignal(timeoutMs, options.signal, 'the wait');

  /** The abort of the wait: the caller's (AbortError) or the deadline's (TimeoutError). */
  const ended = (cause?: unknown): InstanceKitError =>
    options.signal?.aborted
      ? new AbortError(`waiting for ${handle.action} was aborted`, { ...meta, code: 'Aborted', cause })
      : new TimeoutError(
          `${handle.action} on ${handle.instanceId} did not finish in ${timeoutMs} ms (last state ${lastState})`,
          { ...meta, code: 'Timeout', cause },
        );

  try {
    for (;;) {
      const remaining = deadline - Date.now();
      if (wait.signal.aborted || remaining <= 0) throw ended();
      let snapshot: PollSnapshot | undefined;
      try {
        snapshot = await driver.poll(handle, {
          timeoutMs: Math.max(1, Math.min(attemptTimeoutMs, remaining)),
          signal: wait.signal,
        });
      } catch (error) {
        if (wait.signal.aborted) throw ended(error);
        if (!isTransient(error)) throw error;
      }
      polls++;
      if (snapshot) {
        const result = settle(snapshot);
        if (result) return result;
      }
      try {
        // A little jitter, so waiters started together do not poll together.
        const pause = interval * (1 + Math.random() * 0.1);
        await sleep(Math.min(pause, Math.max(0, deadline - Date.now())), wait.signal);
      } catch (reason) {
        throw ended(reason);
      }
      interval = Math.min(maxInterval, Math.round(interval * 1.5));
    }
  } finally {
    wait.done();
  }

  /** What one answer means: the result when done, a throw when failed or gone, undefined to keep waiting. */
  function settle(snapshot: PollSnapshot): WaitResult | undefined {
    lastState = snapshot.state;
    options.onProgress?.({ state: snapshot.state, polls, elapsedMs: Date.now() - started });
    notListedStreak = snapshot.phase === 'notListed' ? notListedStreak + 1 : 0;
    if (notListedStreak >= NOT_LISTED_POLLS)
      throw new InstanceNotFoundError(
        `${handle.instanceId} is not in ${driver.capabilities.waitFor.action}'s answer (${NOT_LISTED_POLLS} polls in a row): deleted, or in another region or account`,
        { ...meta, providerCode: 'NotListed', instanceId: handle.instanceId },
      );
    if (snapshot.phase === 'failed') {
      throw new OperationFailedError(
        `${handle.action} on ${handle.instanceId} failed (${snapshot.state})${snapshot.message ? `: ${snapshot.message}` : ''}`,
        { ...meta, code: 'InvalidState', providerCode: snapshot.state, finalState: snapshot.state },
      );
    }
    if (snapshot.phase === 'succeeded') {
      successStreak++;
      if (snapshot.matchesRequest || sawProgress || successStreak >= SETTLED_POLLS)
        return {
          ...meta,
          instanceId: handle.instanceId,
          state: snapshot.state,
          polls,
          elapsedMs: Date.now() - started,
        };
      return undefined;
    }
    successStreak = 0;
    if (snapshot.phase === 'inProgress') sawProgress = true;
    return undefined;
  }
}
