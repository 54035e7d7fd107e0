// Pacing per provider, region and action: a token bucket that holds one token (a burst of one), refilled at the
// spec's documented rate times the share this run may use. A bigger bucket would let a burst plus a full second of
// refills through in the first second — over the documented limit — so a call is simply scheduled one interval
// after the previous one. Reservations are made synchronously, so concurrent jobs never take the same slot.
import { sleep } from '@instancekit/core/internal';

/** The share of a documented limit a fleet run uses by default: other callers share the account's quota. */
export const DEFAULT_RATE_SHARE = 0.8;

export interface RateLimiter {
  /** Waits for this key's next slot; `perSecond` is the documented limit (the share is applied here). */
  take(key: string, perSecond: number, signal?: AbortSignal): Promise<void>;
}

export function rateLimiter(share = DEFAULT_RATE_SHARE, now: () => number = Date.now): RateLimiter {
  const next = new Map<string, number>();
  return {
    async take(key, perSecond, signal) {
      const interval = 1000 / (perSecond * share);
      const at = Math.max(now(), next.get(key) ?? 0);
      next.set(key, at + interval);
      const wait = at - now();
      // No abort listener per waiting call (hundreds may wait at once): the wait is short, checked after it.
      if (wait > 0) await sleep(wait);
      signal?.throwIfAborted();
    },
  };
}
