import { inspect } from 'node:util';
import {
  AbortError,
  ApiError,
  CredentialsError,
  type InstanceKitError,
  type LogEvent,
  RateLimitError,
  ResponseFormatError,
  TimeoutError,
  ValidationError,
} from '@instancekit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createZenlayerZecClient, type ZenlayerZecClientOptions } from '../src/index';

const credentials = { accessKeyId: 'ZLEXAMPLEKEYID0001', accessKeyPassword: 'TESTPASSWORDexample0000000' };
const resize = { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' };

/** A client whose fetch answers every request with `answer()` and counts the calls. */
function answering(answer: () => Response, options: Partial<ZenlayerZecClientOptions> = {}) {
  const fetch = vi.fn(async (_request: Request) => answer());
  const client = createZenlayerZecClient({ credentials, fetch, retry: false, ...options });
  return { client, fetch };
}

const text =
  (status: number, body: string, headers: Record<string, string> = {}) =>
  () =>
    new Response(body, { status, headers });
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  text(status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });

async function failure(promise: Promise<unknown>): Promise<InstanceKitError> {
  return promise.then(
    () => expect.unreachable('expected an error'),
    (error: InstanceKitError) => error,
  );
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('answers that are not Zenlayer envelopes', () => {
  const html = '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';

  it('HTML from a gateway → ResponseFormatError with the status and the start of the body', async () => {
    const { client } = answering(text(502, html, { 'content-type': 'text/html' }));
    const error = await failure(client.ModifyInstanceType(resize));
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({
      provider: 'zenlayer',
      action: 'ModifyInstanceType',
      httpStatus: 502,
      code: 'Unavailable',
    });
    expect((error as ResponseFormatError).bodySnippet).toBe(html);
    expect(error.message).toContain('not JSON');
  });

  it('HTML with HTTP 200 → ResponseFormatError, the body start kept (at most 200 characters)', async () => {
    const page = `<!doctype html>${'x'.repeat(500)}`;
    const { client } = answering(text(200, page));
    const error = (await failure(client.DescribeInstancesStatus())) as ResponseFormatError;
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error.httpStatus).toBe(200);
    expect(error.bodySnippet).toBe(page.slice(0, 200));
  });

  it('a read is retried on a 5xx page, a mutation is not', async () => {
    const fast = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 };
    const read = answering(text(503, html), { retry: fast });
    expect((await failure(read.client.DescribeInstancesStatus())).attempts).toBe(3);
    expect(read.fetch).toHaveBeenCalledTimes(3);
    const write = answering(text(503, html), { retry: fast });
    expect((await failure(write.client.ModifyInstanceType(resize))).attempts).toBe(1);
    expect(write.fetch).toHaveBeenCalledTimes(1);
  });

  it.each([200, 500])('an empty body with HTTP %i → ResponseFormatError', async (status) => {
    const { client } = answering(text(status, ''));
    const error = (await failure(client.ModifyInstanceType(resize))) as ResponseFormatError;
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error.httpStatus).toBe(status);
    expect(error.bodySnippet).toBe('');
    expect(error.message).toContain('empty body');
  });

  it.each([
    ['200 without response', 200, { requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3', data: {} }],
    ['200 with response null', 200, { requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3', response: null }],
    ['200 with an array response', 200, { requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3', response: [] }],
    ['200 with a JSON array', 200, []],
    ['400 without code', 400, { requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3', error: 'bad' }],
    ['404 with a nested error', 404, { error: { code: 'INVALID_INSTANCE_NOT_FOUND' } }],
    [
      '200 with an error body',
      200,
      { requestId: 'T05992D0C-7E8B-4047-B0C0-780F2CD549D3', code: 'X', message: 'y' },
    ],
  ])('wrong-shape JSON (%s) → ResponseFormatError', async (_label, status, body) => {
    const { client } = answering(json(status, body));
    const error = (await failure(client.ModifyInstanceType(resize))) as ResponseFormatError;
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error.httpStatus).toBe(status);
    expect(error.bodySnippet).toBe(JSON.stringify(body).slice(0, 200));
    expect(error.message).toContain('another shape');
    const id = (body as { requestId?: string }).requestId;
    expect(error.requestId).toBe(id);
  });
});

describe('throttling', () => {
  it('429 with Retry-After → RateLimitError carrying the wait', async () => {
    const body = {
      requestId: 'T0A5F6193-3B74-4A2D-94C6-8D1E0F5B973F',
      code: 'REQUEST_LIMIT_EXCEEDED',
      message: 'Slow down.',
    };
    const { client } = answering(json(429, body, { 'retry-after': '2' }));
    const error = await failure(client.ModifyInstanceType(resize));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      code: 'RateLimited',
      providerCode: 'REQUEST_LIMIT_EXCEEDED',
      requestId: 'T0A5F6193-3B74-4A2D-94C6-8D1E0F5B973F',
      httpStatus: 429,
      retryable: true,
      retryAfterMs: 2000,
    });
  });

  it('Retry-After is waited for before the next attempt', async () => {
    let calls = 0;
    const started = Date.now();
    const { client, fetch } = answering(
      () =>
        ++calls === 1
          ? json(429, { requestId: 'T1', code: 'REQUEST_LIMIT_EXCEEDED' }, { 'retry-after': '1' })()
          : json(200, { requestId: 'T2', response: { requestId: 'T2' } })(),
      { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5000 } },
    );
    await expect(client.ModifyInstanceType(resize)).resolves.toEqual({ requestId: 'T2' });
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('429 without a Zenlayer body is still a RateLimitError', async () => {
    const { client } = answering(text(429, 'Too Many Requests'));
    const error = await failure(client.DescribeInstancesStatus());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'RateLimited', providerCode: 'HTTP 429', httpStatus: 429 });
  });

  it('REQUEST_LIMIT_EXCEEDED under another status is a RateLimitError too', async () => {
    const { client } = answering(
      json(400, { requestId: 'T1', code: 'REQUEST_LIMIT_EXCEEDED', message: 'x' }),
    );
    const error = await failure(client.ModifyInstanceType(resize));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'RateLimited', httpStatus: 400, retryable: true });
  });
});

describe('error codes beyond the table', () => {
  it.each([
    [404, 'INVALID_ZONE_NOT_FOUND', 'NotFound'],
    [400, 'INVALID_PARAMETER_SOMETHING_NEW', 'InvalidParameter'],
    [403, 'OPERATION_DENIED_SOMETHING_NEW', 'InvalidState'],
    [400, 'UNSUPPORTED_OPERATION_SOMETHING_NEW', 'Unsupported'],
    [401, 'AUTHFAILURE_SOMETHING_NEW', 'AuthFailure'],
    [403, 'SOMETHING_NEW', 'InvalidState'],
    [503, 'SOMETHING_NEW', 'Unavailable'],
    [500, 'SOMETHING_NEW', 'Internal'],
  ])('HTTP %i %s → %s', async (status, providerCode, code) => {
    const { client } = answering(json(status, { requestId: 'T1', code: providerCode, message: 'm' }));
    const error = await failure(client.ModifyInstanceType(resize));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code, providerCode, httpStatus: status, requestId: 'T1' });
    expect(error.message).toBe(`ModifyInstanceType: ${providerCode}: m`);
  });

  it('a Cloudflare challenge (403, cf-mitigated: challenge) → SECURITY_CHALLENGE, as the official SDKs name it', async () => {
    const { client } = answering(text(403, '<html>Just a moment...</html>', { 'cf-mitigated': 'challenge' }));
    const error = await failure(client.DescribeInstancesStatus());
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'AuthFailure', providerCode: 'SECURITY_CHALLENGE', httpStatus: 403 });
  });

  it('HTTP 451 → REQUEST_BLOCKED; a plain 403 page stays a ResponseFormatError', async () => {
    const blocked = answering(text(451, 'blocked'));
    expect(await failure(blocked.client.DescribeInstancesStatus())).toMatchObject({
      providerCode: 'REQUEST_BLOCKED',
      httpStatus: 451,
    });
    const forbidden = answering(text(403, '<html>Forbidden</html>'));
    expect(await failure(forbidden.client.DescribeInstancesStatus())).toBeInstanceOf(ResponseFormatError);
  });
});

describe('credentials', () => {
  it('missing credentials throw CredentialsError before any request', () => {
    vi.stubEnv('ZENLAYER_ACCESS_KEY_ID', '');
    vi.stubEnv('ZENLAYER_ACCESS_KEY_PASSWORD', '');
    const fetch = vi.fn();
    expect(() => createZenlayerZecClient({ fetch })).toThrow(CredentialsError);
    expect(() =>
      createZenlayerZecClient({ fetch, credentials: { accessKeyId: 'ZLEXAMPLEKEYID0001' } }),
    ).toThrow(
      /accessKeyPassword is missing: pass credentials\.accessKeyPassword too, or pass no credentials and set ZENLAYER_ACCESS_KEY_PASSWORD/,
    );
    expect(() => createZenlayerZecClient({ fetch, credentials: { accessKeyPassword: 'p' } })).toThrow(
      /accessKeyId is missing.*ZENLAYER_ACCESS_KEY_ID/,
    );
    try {
      createZenlayerZecClient({ fetch });
    } catch (error) {
      expect(error).toMatchObject({ provider: 'zenlayer', code: 'AuthFailure', attempts: 0 });
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it('fall back to ZENLAYER_ACCESS_KEY_ID and ZENLAYER_ACCESS_KEY_PASSWORD', async () => {
    vi.stubEnv('ZENLAYER_ACCESS_KEY_ID', 'ZLFROMENVIRONMENT01');
    vi.stubEnv('ZENLAYER_ACCESS_KEY_PASSWORD', 'env-password');
    const seen: string[] = [];
    const client = createZenlayerZecClient({
      fetch: async (request) => {
        seen.push(request.headers.get('authorization') ?? '');
        return json(200, { requestId: 'T1', response: { requestId: 'T1' } })();
      },
    });
    await client.ModifyInstanceType(resize);
    expect(seen[0]).toMatch(
      /^ZC2-HMAC-SHA256 Credential=ZLFROMENVIRONMENT01, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
  });

  it('inspect, JSON and logs of the client and its errors show no secret', async () => {
    const events: LogEvent[] = [];
    const { client } = answering(
      json(404, { requestId: 'T1', code: 'INVALID_INSTANCE_NOT_FOUND', message: 'm' }),
      {
        logger: (event) => events.push(event),
      },
    );
    const shown = [inspect(client, { depth: 10, showHidden: true }), JSON.stringify(client)].join('\n');
    expect(shown).toContain('ZenlayerZecClient');
    expect(shown).not.toContain(credentials.accessKeyPassword);
    expect(shown).not.toContain(credentials.accessKeyId);
    const error = await failure(
      client.ResetInstance({
        instanceId: '1660545330971680835',
        password: 'Example+123',
        userData: 'c2VjcmV0',
      }),
    );
    const logged = [JSON.stringify(events), JSON.stringify(error), inspect(error)].join('\n');
    expect(events.map((e) => e.type)).toEqual(['request', 'response', 'error']);
    for (const secret of [credentials.accessKeyPassword, 'Example+123', 'c2VjcmV0', 'Signature=']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('input is validated before anything is sent', () => {
  it.each([
    ['ModifyInstanceType', 'instanceType', 'required', { instanceId: '1660545330971680835' }],
    ['ModifyInstanceType', 'zoneId', 'additionalProperties', { ...resize, zoneId: 'HKG-A' }],
    ['ModifyInstanceType', 'instanceType', 'minLength', { ...resize, instanceType: '' }],
    [
      'ResetInstance',
      'input',
      'exclusive',
      { instanceId: '1', password: 'Example+123', keyId: 'key-YWD2QFOl' },
    ],
    ['ResetInstance', 'password', 'minLength', { instanceId: '1', password: 'short' }],
    ['ResetInstance', 'password', 'minCharacterClasses', { instanceId: '1', password: 'examplepass1' }],
    ['ResetInstance', 'instanceName', 'pattern', { instanceId: '1', instanceName: 'web_01' }],
    ['ResetInstance', 'enableAgent', 'type', { instanceId: '1', enableAgent: 'true' }],
    ['StopInstances', 'instanceIds', 'minItems', { instanceIds: [] }],
    [
      'StopInstances',
      'instanceIds',
      'maxItems',
      { instanceIds: Array.from({ length: 101 }, (_, i) => String(i)) },
    ],
    ['DescribeInstancesStatus', 'pageSize', 'maximum', { pageSize: 1001 }],
    ['DescribeInstancesStatus', 'instanceIds[1]', 'minLength', { instanceIds: ['1', ''] }],
  ])('%s → ValidationError on %s (%s)', async (action, field, rule, input) => {
    const { client, fetch } = answering(json(200, { requestId: 'T1', response: { requestId: 'T1' } }));
    const method = client[action as 'ModifyInstanceType'] as (input: unknown) => Promise<unknown>;
    const error = (await failure(method(input))) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, rule, provider: 'zenlayer', action, code: 'InvalidParameter' });
    expect(error.message).toContain(field);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('timeouts and aborts', () => {
  const hang = (request: Request) =>
    new Promise<Response>((_resolve, reject) => {
      if (request.signal.aborted) return reject(request.signal.reason);
      request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
    });

  it('an attempt that hangs → TimeoutError after timeoutMs', async () => {
    const client = createZenlayerZecClient({ credentials, fetch: hang, timeoutMs: 30, retry: false });
    const error = await failure(client.ModifyInstanceType(resize));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: 'Timeout', action: 'ModifyInstanceType' });
  });

  it('the caller’s signal aborts the call', async () => {
    const client = createZenlayerZecClient({ credentials, fetch: hang, retry: false });
    const controller = new AbortController();
    const pending = failure(client.DescribeInstancesStatus({}, { signal: controller.signal }));
    controller.abort();
    expect(await pending).toBeInstanceOf(AbortError);
  });
});
