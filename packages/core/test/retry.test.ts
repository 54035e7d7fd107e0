import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, RateLimitError, TimeoutError } from '../src/errors';
import { backoffDelay, DEFAULT_RETRY, mayRetry, parseRetryAfter, sleep } from '../src/retry';

const meta = { provider: 'test', action: 'A' };

describe('mayRetry: a mutation is sent again only when it did not run', () => {
  const cases = [
    ['throttled', new RateLimitError('x', { ...meta, code: 'RateLimited' }), true, true],
    [
      'refused before sending',
      new NetworkError('x', { ...meta, code: 'Network', mayHaveBeenSent: false }),
      true,
      true,
    ],
    [
      'reset after sending',
      new NetworkError('x', { ...meta, code: 'Network', mayHaveBeenSent: true }),
      true,
      false,
    ],
    ['timed out', new TimeoutError('x', { ...meta, code: 'Timeout' }), true, false],
    ['5xx', new ApiError('x', { ...meta, code: 'Unavailable', retryable: true }), true, false],
    ['bad input', new ApiError('x', { ...meta, code: 'InvalidParameter' }), false, false],
  ] as const;
  for (const [what, error, read, mutation] of cases) {
    it(`${what}: read ${read ? 'retried' : 'not retried'}, mutation ${mutation ? 'retried' : 'not retried'}`, () => {
      expect(mayRetry(error, 'read')).toBe(read);
      expect(mayRetry(error, 'quote')).toBe(read);
      expect(mayRetry(error, 'mutation')).toBe(mutation);
    });
  }
});

describe('backoffDelay', () => {
  it('stays within half to all of the doubling step, capped', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const step = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (attempt - 1));
      const delay = backoffDelay(attempt, DEFAULT_RETRY);
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
    }
  });

  it('waits at least the Retry-After, but never past the cap', () => {
    expect(backoffDelay(1, DEFAULT_RETRY, 5_000)).toBe(5_000);
    expect(backoffDelay(1, DEFAULT_RETRY, 10 * 60_000)).toBe(DEFAULT_RETRY.maxDelayMs);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates, ignores the rest', () => {
    expect(parseRetryAfter('3')).toBe(3_000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(10_000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:29:00 GMT')),
    ).toBe(0);
    for (const junk of [null, '', 'soon', '-1', '1.5']) expect(parseRetryAfter(junk)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects with the signal’s reason as soon as it aborts', async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await expect(sleep(10_000, controller.signal)).rejects.toThrow('stop');
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
