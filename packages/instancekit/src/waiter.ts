import { AbortError, InstanceKitError, OperationFailedError, sleep, TimeoutError } from '@instancekit/core';
import type { ProviderDriver } from './driver.js';
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

export async function waitForOperation(
  driver: ProviderDriver,
  handle: OperationHandle,
  options: WaitOptions = {},
): Promise<WaitResult> {
  const started = Date.now();
  const deadline = started + (options.timeoutMs ?? 15 * 60_000);
  const maxInterval = Math.max(options.maxIntervalMs ?? 15_000, driver.minPollIntervalMs);
  let interval = Math.max(options.intervalMs ?? 2_000, driver.minPollIntervalMs);
  let polls = 0;
  let sawProgress = false;
  let successStreak = 0;
  let lastState = 'UNKNOWN';
  const meta = { provider: handle.provider, action: handle.action, requestId: handle.requestId };

  for (;;) {
    if (options.signal?.aborted)
      throw new AbortError(`waiting for ${handle.action} was aborted`, { ...meta, code: 'Aborted' });
    const remaining = deadline - Date.now();
    if (remaining <= 0)
      throw new TimeoutError(
        `${handle.action} on ${handle.instanceId} did not finish in time (last state ${lastState})`,
        {
          ...meta,
          code: 'Timeout',
        },
      );
    try {
      const snapshot = await driver.poll(handle, {
        timeoutMs: Math.min(30_000, remaining),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      polls++;
      lastState = snapshot.state;
      options.onProgress?.({ state: snapshot.state, polls, elapsedMs: Date.now() - started });
      if (snapshot.phase === 'failed') {
        throw new OperationFailedError(
          `${handle.action} on ${handle.instanceId} failed (${snapshot.state})${snapshot.message ? `: ${snapshot.message}` : ''}`,
          { ...meta, code: 'InvalidState', providerCode: snapshot.state, finalState: snapshot.state },
        );
      }
      if (snapshot.phase === 'succeeded') {
        successStreak++;
        if (snapshot.matchesRequest || sawProgress || successStreak >= SETTLED_POLLS) {
          return {
            ...meta,
            instanceId: handle.instanceId,
            state: snapshot.state,
            polls,
            elapsedMs: Date.now() - started,
          };
        }
      } else {
        successStreak = 0;
        if (snapshot.phase === 'inProgress') sawProgress = true;
      }
    } catch (error) {
      if (
        !(error instanceof InstanceKitError) ||
        error instanceof OperationFailedError ||
        PERMANENT.has(error.code)
      )
        throw error;
      // Throttling, 5xx, timeouts and connection errors after the client's own retries: keep waiting.
      polls++;
    }
    try {
      await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), options.signal);
    } catch (reason) {
      throw new AbortError(`waiting for ${handle.action} was aborted`, {
        ...meta,
        code: 'Aborted',
        cause: reason,
      });
    }
    interval = Math.min(maxInterval, Math.round(interval * 1.5));
  }
}
