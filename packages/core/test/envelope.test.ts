import { describe, expect, it } from 'vitest';
import { type EnvelopeLocator, readEnvelope } from '../src/envelope';
import { ApiError, RateLimitError, ResponseFormatError } from '../src/errors';

/** A provider whose envelope is `{ id, ok: {...} }` or `{ id, fail: { code, text } }`. */
const locator: EnvelopeLocator = {
  provider: 'test',
  envelope: 'a test envelope',
  requestIdHeader: 'x-request-id',
  locate: (body) =>
    body?.fail && typeof body.fail === 'object'
      ? {
          errorCode: (body.fail as { code: string }).code,
          errorMessage: (body.fail as { text: string }).text,
          requestId: body.id,
        }
      : { result: (body?.ok as Record<string, unknown>) ?? undefined, requestId: body?.id },
  classify: (code) => ({
    code: code === 'SLOW_DOWN' ? 'RateLimited' : 'InvalidParameter',
    retryable: code === 'SLOW_DOWN',
  }),
};

const answer = (text: string, status = 200, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  text,
});

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}

describe('readEnvelope: the one reader and error factory', () => {
  it('returns the result and the request id (a number written out, else the header)', () => {
    expect(readEnvelope(answer('{"id":"r-1","ok":{"a":1}}'), 'A', locator)).toEqual({
      result: { a: 1 },
      requestId: 'r-1',
    });
    expect(readEnvelope(answer('{"id":42,"ok":{}}'), 'A', locator).requestId).toBe('42');
    expect(readEnvelope(answer('{"ok":{}}', 200, { 'x-request-id': 'h-1' }), 'A', locator).requestId).toBe(
      'h-1',
    );
  });

  it('makes the provider error typed once: class, code, retryability, Retry-After, request id', () => {
    const error = thrown(() =>
      readEnvelope(
        answer('{"id":"r-2","fail":{"code":"SLOW_DOWN","text":"later"}}', 400, { 'retry-after': '2' }),
        'A',
        locator,
      ),
    ) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      code: 'RateLimited',
      providerCode: 'SLOW_DOWN',
      retryable: true,
      retryAfterMs: 2_000,
      requestId: 'r-2',
      httpStatus: 400,
    });
    expect(error.message).toBe('A: SLOW_DOWN: later');
    const other = thrown(() => readEnvelope(answer('{"fail":{"code":"BAD"}}', 400), 'A', locator));
    expect(other).toBeInstanceOf(ApiError);
    expect(other).not.toBeInstanceOf(RateLimitError);
  });

  it('a bare 429 is throttling; anything else that is not the envelope is a ResponseFormatError', () => {
    expect(thrown(() => readEnvelope(answer('<html>slow down</html>', 429), 'A', locator))).toBeInstanceOf(
      RateLimitError,
    );
    for (const [text, status, code, retryable] of [
      ['', 200, 'Internal', true],
      ['<html>bad gateway</html>', 502, 'Unavailable', true],
      ['[1,2]', 403, 'AuthFailure', false],
      ['null', 501, 'Unsupported', false],
    ] as const) {
      const error = thrown(() => readEnvelope(answer(text, status), 'A', locator)) as ResponseFormatError;
      expect(error).toBeInstanceOf(ResponseFormatError);
      expect(error).toMatchObject({ code, retryable, httpStatus: status, bodySnippet: text.slice(0, 200) });
      expect(error.message).toContain('not a test envelope');
    }
  });
});
