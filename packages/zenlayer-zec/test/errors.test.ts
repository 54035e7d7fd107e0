// Zenlayer's own failure answers: envelopes of the wrong shape, throttling under another status, codes beyond the
// table, Cloudflare and 451 blocks, credential messages and the spec's input rules. What every client does alike
// (garbage bodies, Retry-After, aborts, env fallback, redaction) is in packages/instancekit/test/conformance.
import {
  ApiError,
  CredentialsError,
  type InstanceKitError,
  RateLimitError,
  ResponseFormatError,
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
});

describe('input is validated before anything is sent', () => {
  it.each([
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
