// Pins the exact wire request of one call per transport, with the clock and the nonce pinned. The expected
// signatures are computed here, independently of src/signing, with node:crypto (test-only) from the canonical
// strings of reference/tencent-cvm.md §2.3 (TC3-HMAC-SHA256) and §1.3 (legacy v1): this checks what goes on the
// wire, not a second run of our own signer.

import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ApiError, CredentialsError, ResponseFormatError, ValidationError } from '@instancekit/core/internal';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TencentCvmClientOptions } from '../src/index.js';
import { type EitherOptions, makeTencentClient } from './clients.js';

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE';
const NOW_MS = 1_551_113_065_000; // 2019-02-25T16:44:25Z; Beijing time is already 2019-02-26.
const TIMESTAMP = '1551113065';
const NONCE = 11886;
const REQUEST_ID = '6b7a3e1c-0f4e-4b5a-9d2f-1c2b3a4d5e6f';

interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that records every Request and answers `answer` (a canned Tencent success by default). */
function capturingFetch(answer: () => Response = () => success()) {
  const requests: Captured[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    return answer();
  });
  return { fetch, requests };
}

function success(fields: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ Response: { ...fields, RequestId: REQUEST_ID } }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}

function client(fetch: (request: Request) => Promise<Response>, extra: Partial<EitherOptions> = {}) {
  return makeTencentClient({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    region: 'ap-guangzhou',
    now: () => NOW_MS,
    nonce: () => NONCE,
    retry: false,
    fetch,
    ...extra,
  });
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

/** TC3-HMAC-SHA256 as reference/tencent-cvm.md §2.3 spells it out, step by step. */
function expectedTc3Authorization(action: string, contentType: string, body: string): string {
  const signedHeaders = 'content-type;host;x-tc-action';
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${contentType}\nhost:cvm.tencentcloudapi.com\nx-tc-action:${action.toLowerCase()}\n`,
    signedHeaders,
    sha256Hex(body),
  ].join('\n');
  const date = '2019-02-25'; // the UTC date of TIMESTAMP
  const scope = `${date}/cvm/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${TIMESTAMP}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const signing = hmac(hmac(hmac(`TC3${SECRET_KEY}`, date), 'cvm'), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${SECRET_ID}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** Legacy v1 (reference/tencent-cvm.md §1.3): sorted raw `k=v` pairs, `GET` + host + path + `?`, base64 HMAC. */
function expectedV1Signature(params: Record<string, string>, algorithm: 'sha256' | 'sha1'): string {
  const query = Object.keys(params)
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
  return createHmac(algorithm, SECRET_KEY)
    .update(`GETcvm.api.qcloud.com/v2/index.php?${query}`, 'utf8')
    .digest('base64');
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('API 3.0 wire request', () => {
  it('ResetInstancesType: method, URL, every header and the body bytes', async () => {
    const { fetch, requests } = capturingFetch();
    const result = await client(fetch).ResetInstancesType({
      InstanceIds: ['ins-r8hr2upy'],
      InstanceType: 'S1.LARGE4',
    });
    expect(result).toEqual({ RequestId: REQUEST_ID });
    expect(requests).toHaveLength(1);

    const body = '{"InstanceIds":["ins-r8hr2upy"],"InstanceType":"S1.LARGE4"}';
    expect(requests[0]).toEqual({
      method: 'POST',
      url: 'https://cvm.tencentcloudapi.com/',
      headers: {
        authorization: expectedTc3Authorization('ResetInstancesType', 'application/json', body),
        'content-type': 'application/json',
        'x-tc-action': 'ResetInstancesType',
        'x-tc-region': 'ap-guangzhou',
        'x-tc-timestamp': TIMESTAMP,
        'x-tc-version': '2017-03-12',
      },
      body,
    });
    // The literal value too (computed once with openssl-backed node:crypto), so the test would notice if the
    // helper above and the client drifted together.
    expect(requests[0]!.headers.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host;x-tc-action, ' +
        'Signature=c480c0f38528d0cbb3ddb05e73a8d68321400daf8a08181f28ccf6108028b539',
    );
  });

  it('a session token goes out as X-TC-Token (and the language as X-TC-Language)', async () => {
    const { fetch, requests } = capturingFetch();
    await client(fetch, {
      credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'sts-token-1' },
      language: 'en-US',
    }).DescribeInstancesStatus({ InstanceIds: ['ins-r8hr2upy'] });
    expect(requests[0]!.headers['x-tc-token']).toBe('sts-token-1');
    expect(requests[0]!.headers['x-tc-language']).toBe('en-US');
    // The token is sent, not signed: SignedHeaders stays content-type;host;x-tc-action.
    expect(requests[0]!.headers.authorization).toBe(
      expectedTc3Authorization('DescribeInstancesStatus', 'application/json', requests[0]!.body),
    );
  });
});

describe('legacy wire request', () => {
  const input = {
    InstanceId: 'ins-r8hr2upy',
    ImageId: 'img-pmqg1cw7',
    SystemDisk: { DiskSize: 60 },
    LoginSettings: { Password: 'Qcloud@TestApi123++' },
    EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: false } },
  };
  const raw = {
    Action: 'ResetInstance',
    Version: '2017-03-12',
    Region: 'ap-guangzhou',
    InstanceId: 'ins-r8hr2upy',
    ImageId: 'img-pmqg1cw7',
    'SystemDisk.DiskSize': '60',
    'LoginSettings.Password': 'Qcloud@TestApi123++',
    'EnhancedService.SecurityService.Enabled': 'TRUE',
    'EnhancedService.MonitorService.Enabled': 'FALSE',
    Timestamp: TIMESTAMP,
    Nonce: String(NONCE),
    SecretId: SECRET_ID,
  };
  const query =
    'Action=ResetInstance&Version=2017-03-12&Region=ap-guangzhou&InstanceId=ins-r8hr2upy&ImageId=img-pmqg1cw7' +
    '&SystemDisk.DiskSize=60&LoginSettings.Password=Qcloud%40TestApi123%2B%2B' +
    '&EnhancedService.SecurityService.Enabled=TRUE&EnhancedService.MonitorService.Enabled=FALSE' +
    `&Timestamp=${TIMESTAMP}&Nonce=${NONCE}&SecretId=${SECRET_ID}`;

  for (const [method, algorithm] of [
    ['HmacSHA256', 'sha256'],
    ['HmacSHA1', 'sha1'],
  ] as const) {
    it(`ResetInstance with ${method}: the full URL, GET, no body`, async () => {
      const { fetch, requests } = capturingFetch();
      await client(fetch, { transport: 'legacy', signatureMethod: method }).ResetInstance(input);
      expect(requests).toHaveLength(1);
      const signature = expectedV1Signature({ ...raw, SignatureMethod: method }, algorithm);
      expect(requests[0]).toEqual({
        method: 'GET',
        url: `https://cvm.api.qcloud.com/v2/index.php?${query}&SignatureMethod=${method}&Signature=${encodeURIComponent(signature)}`,
        headers: {},
        body: '',
      });
      // Base64's + / = are percent-encoded on the wire.
      expect(requests[0]!.url.split('Signature=')[1]).not.toMatch(/[+/=]/);
    });
  }

  it('an array is flattened from index 1 (InstanceIds.1) and a token goes out as Token, signed', async () => {
    const { fetch, requests } = capturingFetch();
    await client(fetch, {
      transport: 'legacy',
      credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'sts-token-1' },
    }).ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S1.LARGE4' });
    const url = new URL(requests[0]!.url);
    const params = Object.fromEntries(url.searchParams);
    expect(params['InstanceIds.1']).toBe('ins-r8hr2upy');
    expect(params['InstanceIds.0']).toBeUndefined();
    expect(params.Token).toBe('sts-token-1');
    const { Signature, ...signed } = params;
    expect(Signature).toBe(expectedV1Signature(signed, 'sha256'));
  });
});

describe('credentials', () => {
  it('a missing credential is a CredentialsError before any request', () => {
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', '');
    vi.stubEnv('TENCENTCLOUD_SECRET_KEY', '');
    const { fetch } = capturingFetch();
    // No profile file either (an empty HOME), and no metadata service: nothing is found when the client is made.
    vi.stubEnv('HOME', mkdtempSync(join(tmpdir(), 'instancekit-home-')));
    vi.stubEnv('TENCENTCLOUD_CREDENTIALS_FILE', join(tmpdir(), 'instancekit-no-such-file'));
    const build = (credentials: TencentCvmClientOptions['credentials']) => () =>
      makeTencentClient({ credentials, region: 'ap-guangzhou', fetch, instanceRole: false });
    expect(build({ secretId: SECRET_ID })).toThrow(CredentialsError);
    expect(build({ secretId: SECRET_ID })).toThrow(/secretKey.*TENCENTCLOUD_SECRET_KEY/);
    expect(build({ secretKey: SECRET_KEY })).toThrow(/secretId.*TENCENTCLOUD_SECRET_ID/);
    expect(build(undefined)).toThrow(CredentialsError);
    expect(build(undefined)).toThrow(/none found.*TENCENTCLOUD_SECRET_ID.*profile default in/);
    expect(build({ secretId: '', secretKey: SECRET_KEY })).toThrow(CredentialsError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('falls back to TENCENTCLOUD_SECRET_ID / _SECRET_KEY / _SESSION_TOKEN', async () => {
    vi.stubEnv('TENCENTCLOUD_SECRET_ID', SECRET_ID);
    vi.stubEnv('TENCENTCLOUD_SECRET_KEY', SECRET_KEY);
    vi.stubEnv('TENCENTCLOUD_SESSION_TOKEN', 'env-sts-token');
    const { fetch, requests } = capturingFetch();
    await makeTencentClient({ region: 'ap-guangzhou', now: () => NOW_MS, fetch }).ResetInstancesType({
      InstanceIds: ['ins-r8hr2upy'],
      InstanceType: 'S1.LARGE4',
    });
    expect(requests[0]!.headers['x-tc-token']).toBe('env-sts-token');
    // Signed with the key from the environment.
    expect(requests[0]!.headers.authorization).toBe(
      expectedTc3Authorization('ResetInstancesType', 'application/json', requests[0]!.body),
    );
  });

  it('util.inspect, JSON.stringify and String of the client show no secret', () => {
    const { fetch } = capturingFetch();
    for (const transport of ['api3', 'legacy'] as const) {
      const c = client(fetch, {
        transport,
        credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY, token: 'sts-token-1' },
      });
      for (const shown of [inspect(c, { depth: 10, showHidden: true }), JSON.stringify(c), String(c)]) {
        expect(shown).not.toContain(SECRET_KEY);
        expect(shown).not.toContain('sts-token-1');
      }
      expect(inspect(c)).toContain('TencentCvmClient');
    }
  });
});

describe('bad input: a ValidationError naming the field, nothing sent', () => {
  const cases: Array<[string, (c: ReturnType<typeof client>) => Promise<unknown>, string, string]> = [
    [
      'a malformed instance id',
      (c) => c.ResetInstancesType({ InstanceIds: ['i-123'], InstanceType: 'S1.LARGE4' }),
      'InstanceIds[0]',
      'pattern',
    ],
  ];
  for (const transport of ['api3', 'legacy'] as const) {
    for (const [name, call, field, rule] of cases) {
      it(`${transport}: ${name}`, async () => {
        const { fetch } = capturingFetch();
        const failure = await call(client(fetch, { transport })).catch((e: unknown) => e);
        expect(failure).toBeInstanceOf(ValidationError);
        expect((failure as ValidationError).field).toBe(field);
        expect((failure as ValidationError).rule).toBe(rule);
        expect((failure as ValidationError).message).toContain(field);
        expect(fetch).not.toHaveBeenCalled();
      });
    }
  }
});

describe('answers that are not a Tencent success', () => {
  const call = (answer: () => Response) =>
    client(capturingFetch(answer).fetch)
      .DescribeInstances({ InstanceIds: ['ins-r8hr2upy'] })
      .catch((e: unknown) => e);

  it('JSON of the wrong shape: ResponseFormatError', async () => {
    for (const text of [
      '{"Result":{"TotalCount":1}}',
      '[1,2]',
      'null',
      '{"Response":"yes"}',
      '{"Response":{"TotalCount":1}}',
    ]) {
      const failure = (await call(() => new Response(text, { status: 200 }))) as ResponseFormatError;
      expect(failure, text).toBeInstanceOf(ResponseFormatError);
      expect(failure.httpStatus).toBe(200);
      expect(failure.bodySnippet).toBe(text);
    }
  });

  it('Response.Error on HTTP 200: ApiError with code, message and RequestId', async () => {
    const failure = (await call(
      () =>
        new Response(
          JSON.stringify({
            Response: {
              Error: { Code: 'InvalidInstanceId.NotFound', Message: 'no such instance' },
              RequestId: REQUEST_ID,
            },
          }),
          { status: 200 },
        ),
    )) as ApiError;
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).not.toBeInstanceOf(ResponseFormatError);
    expect(failure.code).toBe('NotFound');
    expect(failure.providerCode).toBe('InvalidInstanceId.NotFound');
    expect(failure.requestId).toBe(REQUEST_ID);
    expect(failure.message).toContain('no such instance');
  });
});
