// Class 5 of issue 10 on the clients: every numeric option — client, call, retry — is checked when it is
// given: finite and in range (timers take at most 2^31-1 ms; Node runs a longer one after 1 ms), else a
// ValidationError naming it. Unknown option keys (a typo such as `timeout`) are refused, not ignored.
import { ValidationError } from '@instancekit/core';
import { describe, expect, it } from 'vitest';
import { ROADS } from './support/clients.js';

const NOT_A_TIMER = [Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 2 ** 31, 1.5, Number('not set')];

function refusal(make: () => unknown): ValidationError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('accepted');
}

async function callRefusal(call: () => Promise<unknown>): Promise<ValidationError> {
  const error = await call().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

const neverFetch = async (): Promise<Response> => {
  throw new Error('nothing may be sent');
};

for (const road of ROADS) {
  describe(`${road.name}: options`, () => {
    for (const value of NOT_A_TIMER) {
      it(`client timeoutMs ${value}: refused when the client is made`, () => {
        expect(refusal(() => road.connect('http://127.0.0.1:9', { timeoutMs: value })).field).toBe(
          'timeoutMs',
        );
      });

      it(`call timeoutMs ${value}: refused before anything is sent`, async () => {
        const client = road.connect('http://127.0.0.1:9', { fetch: neverFetch });
        expect((await callRefusal(() => client.read({ timeoutMs: value }))).field).toBe('options.timeoutMs');
      });
    }

    for (const [name, value] of [
      ['maxAttempts', Number.NaN],
      ['maxAttempts', 0],
      ['maxAttempts', 1e6],
      ['baseDelayMs', -5],
      ['baseDelayMs', Number.POSITIVE_INFINITY],
      ['maxDelayMs', 2 ** 31],
    ] as const) {
      it(`retry.${name} ${value}: refused on the client and on a call`, async () => {
        expect(refusal(() => road.connect('http://127.0.0.1:9', { retry: { [name]: value } })).field).toBe(
          `retry.${name}`,
        );
        const client = road.connect('http://127.0.0.1:9', { fetch: neverFetch });
        expect((await callRefusal(() => client.read({ retry: { [name]: value } }))).field).toBe(
          `options.retry.${name}`,
        );
      });
    }

    it('maxResponseBytes must be a positive integer', async () => {
      for (const value of [0, -1, Number.NaN, 1.5, Number.POSITIVE_INFINITY])
        expect(refusal(() => road.connect('http://127.0.0.1:9', { maxResponseBytes: value })).field).toBe(
          'maxResponseBytes',
        );
    });

    it('unknown option keys are refused: a typo is not a silent default', async () => {
      expect(refusal(() => road.connect('http://127.0.0.1:9', { timeout: 5 } as never)).field).toBe(
        'timeout',
      );
      const client = road.connect('http://127.0.0.1:9', { fetch: neverFetch });
      expect((await callRefusal(() => client.read({ timeout: 5 } as never))).field).toBe('options.timeout');
      expect((await callRefusal(() => client.read({ signal: 'abort' } as never))).field).toBe(
        'options.signal',
      );
      expect((await callRefusal(() => client.read(null as never))).rule).toBe('type');
    });

    it('the largest timer and the smallest are accepted', async () => {
      expect(() => road.connect('http://127.0.0.1:9', { timeoutMs: 2 ** 31 - 1 })).not.toThrow();
      expect(() =>
        road.connect('http://127.0.0.1:9', { timeoutMs: 1, retry: { maxAttempts: 1 } }),
      ).not.toThrow();
    });
  });
}
