import { type InstanceKitError, NetworkError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. 1 turns retries off. Default 3. */
  maxAttempts?: number;
  /** First backoff step; doubles each retry. Default 250 ms. */
  baseDelayMs?: number;
  /** Cap on one backoff step and on an honoured Retry-After. Default 20 s. */
  maxDelayMs?: number;
}

export type OperationKind = 'mutation' | 'quote' | 'read';

export const DEFAULT_RETRY: Required<RetryOptions> = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 20_000 };

/**
 * Whether a failed attempt may be sent again. Reads and quotes change nothing, so they are retried on
 * throttling, 5xx, timeouts and connection errors. A mutation (resize, reinstall, stop) is retried only when
 * the provider says it did not run it (throttling) or the connection failed before the request left —
 * never after a timeout, a reset or a 5xx, when it may already have executed.
 */
export function mayRetry(error: InstanceKitError, kind: OperationKind): boolean {
  if (error.code === 'RateLimited') return true;
  if (error instanceof NetworkError && !error.mayHaveBeenSent) return true;
  if (kind === 'mutation') return false;
  return error.retryable || error.code === 'Timeout' || error.code === 'Network';
}

/** Exponential backoff with full jitter, at least the server's Retry-After when it gave one. */
export function backoffDelay(
  attempt: number,
  options: Required<RetryOptions>,
  retryAfterMs?: number,
): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const jittered = step / 2 + Math.random() * (step / 2);
  return Math.min(options.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  // Only an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`): Date.parse also reads `-1` or `1.5` as dates.
  if (!/^[A-Za-z]{3}, /.test(value.trim())) return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
