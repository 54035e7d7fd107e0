import type { WireRequest } from '@instancekit/core/internal';
import { describe, expect, it } from 'vitest';
import { canonicalJdQuery, encodeJdPath, formatJdDate, signJdcloud2 } from '../src/signing/jdcloud2';
import { jdcloudSigner } from '../src/transport';

// Official vector: /work/shared/reference/zenlayer-zec-and-jdcloud-vm.md B2 (jdcloud-sdk-cpp-signer test).
describe('JDCLOUD2-HMAC-SHA256', () => {
  const vector = {
    accessKey: 'ak',
    secretKey: 'sk',
    service: 'vm',
    region: 'cn-north-1',
    method: 'GET',
    host: 'vm.cn-north-1.jdcloud.net',
    path: '/',
    headers: {},
    payload: '',
    timestampMs: 1234567890000,
    nonce: 'uuid',
  };
  const canonicalRequest =
    'GET\n/\n\nhost:vm.cn-north-1.jdcloud.net\nx-jdcloud-date:20090213T233130Z\nx-jdcloud-nonce:uuid\n\n' +
    'host;x-jdcloud-date;x-jdcloud-nonce\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const stringToSign =
    'JDCLOUD2-HMAC-SHA256\n20090213T233130Z\n20090213/cn-north-1/vm/jdcloud2_request\n' +
    '82ec061704243c0a6afa375300e81391dad2ec62bcd3837aa0a29440b6b6596b';
  const authorization =
    'JDCLOUD2-HMAC-SHA256 Credential=ak/20090213/cn-north-1/vm/jdcloud2_request, ' +
    'SignedHeaders=host;x-jdcloud-date;x-jdcloud-nonce, ' +
    'Signature=43a76892222031f847c00c56cac8d4d2dc179a4e75a37868d09a5300435f4054';

  it('reproduces the official vector 43a76892… with the printed canonical request and string to sign', async () => {
    const out = await signJdcloud2(vector);
    expect(out.date).toBe('20090213T233130Z');
    expect(out.canonicalRequest).toBe(canonicalRequest);
    expect(out.stringToSign).toBe(stringToSign);
    expect(out.signedHeaders).toBe('host;x-jdcloud-date;x-jdcloud-nonce');
    expect(out.signature).toBe('43a76892222031f847c00c56cac8d4d2dc179a4e75a37868d09a5300435f4054');
    expect(out.authorization).toBe(authorization);
  });

  it('accepts host, date and nonce in headers too, in any case, when they agree', async () => {
    const out = await signJdcloud2({
      ...vector,
      headers: {
        Host: 'vm.cn-north-1.jdcloud.net',
        'X-Jdcloud-Date': '20090213T233130Z',
        'x-jdcloud-nonce': 'uuid',
      },
    });
    expect(out.authorization).toBe(authorization);
  });

  it('refuses a header that contradicts the signed host, date or nonce', async () => {
    await expect(signJdcloud2({ ...vector, headers: { 'x-jdcloud-nonce': 'other' } })).rejects.toThrow(
      TypeError,
    );
    await expect(signJdcloud2({ ...vector, headers: { host: 'vm.jdcloud-api.com' } })).rejects.toThrow(
      /differs/,
    );
  });

  it('signs further headers sorted by lower-case name, values trimmed and whitespace runs collapsed', async () => {
    const out = await signJdcloud2({
      ...vector,
      method: 'post',
      path: encodeJdPath('/v1/regions/cn-north-1/instances/i-abc:resizeInstance'),
      headers: { 'Content-Type': '  application/json ', 'X-Jdcloud-Security-Token': 'a  b' },
      payload: '{"instanceType":"g.n2.medium"}',
    });
    expect(out.signedHeaders).toBe(
      'content-type;host;x-jdcloud-date;x-jdcloud-nonce;x-jdcloud-security-token',
    );
    expect(out.canonicalRequest.split('\n').slice(0, 8)).toEqual([
      'POST',
      '/v1/regions/cn-north-1/instances/i-abc%3AresizeInstance',
      '',
      'content-type:application/json',
      'host:vm.cn-north-1.jdcloud.net',
      'x-jdcloud-date:20090213T233130Z',
      'x-jdcloud-nonce:uuid',
      'x-jdcloud-security-token:a b',
    ]);
  });

  it('puts the canonical query on the third line', async () => {
    const out = await signJdcloud2({ ...vector, query: { pageSize: '10', 'filters.1.name': 'status' } });
    expect(out.canonicalRequest.split('\n')[2]).toBe('filters.1.name=status&pageSize=10');
    expect(out.signature).not.toBe('43a76892222031f847c00c56cac8d4d2dc179a4e75a37868d09a5300435f4054');
  });
});

describe('formatJdDate', () => {
  it('writes UTC YYYYMMDDTHHMMSSZ and drops milliseconds', () => {
    expect(formatJdDate(1234567890000)).toBe('20090213T233130Z');
    expect(formatJdDate(1234567890999)).toBe('20090213T233130Z');
    expect(formatJdDate(0)).toBe('19700101T000000Z');
  });
});

describe('encodeJdPath', () => {
  it('encodes the action colon as %3A and keeps the slashes', () => {
    expect(encodeJdPath('/v1/regions/cn-north-1/instances/i-abc:resizeInstance')).toBe(
      '/v1/regions/cn-north-1/instances/i-abc%3AresizeInstance',
    );
  });

  it("escapes everything but A-Za-z0-9-._~ in each segment (like the Go SDK), including !'()*", () => {
    expect(encodeJdPath("/v1/a b/x!'()*/é~._-")).toBe('/v1/a%20b/x%21%27%28%29%2A/%C3%A9~._-');
  });
});

describe('canonicalJdQuery', () => {
  it('encodes names and values with RFC 3986 and sorts by name, then value', () => {
    expect(
      canonicalJdQuery([
        ['b', '2'],
        ['a', 'x y'],
        ['a', 'w:v'],
        ['a.b', '1'],
      ]),
    ).toBe('a=w%3Av&a=x%20y&a.b=1&b=2');
  });

  it('is empty without parameters', () => {
    expect(canonicalJdQuery()).toBe('');
    expect(canonicalJdQuery({})).toBe('');
  });
});

/**
 * The client's signer builds the canonical form itself (it skips signJdcloud2's checks and copies on every
 * attempt), so it must agree with signJdcloud2 over the same request: hostile segments, a query, a session
 * token and a content type with whitespace included.
 */
describe('jdcloudSigner against signJdcloud2', () => {
  const credentials = { accessKey: 'ak', secretKey: 'sk', sessionToken: 'token with spaces' };
  const settings = { region: 'cn-north-1', now: () => 1234567890000, nonce: () => 'uuid' };
  const request = (url: string, contentType?: string): WireRequest => ({
    method: 'POST',
    url,
    headers: new Headers(contentType ? { 'content-type': contentType } : {}),
    body: '{"instanceType":"g.n2.medium"}',
  });

  it.each([
    [
      '/v1/regions/cn-north-1/instances/i-abc%3AresizeInstance',
      '/v1/regions/cn-north-1/instances/i-abc%3AresizeInstance',
    ],
    ["/v1/a!b(c)*'d/x%2Fy%3Az", '/v1/a%21b%28c%29%2A%27d/x%2Fy%3Az'],
    ['/v1/%zz/%C3%A9/%41', '/v1/%25zz/%C3%A9/A'],
    ['/v1/x!y/(z)/*', '/v1/x%21y/%28z%29/%2A'],
    ['/v1/a[b]^c/d$e&f+g,h;i=j@k|l/%3a', '/v1/a%5Bb%5D%5Ec/d%24e%26f%2Bg%2Ch%3Bi%3Dj%40k%7Cl/%3A'],
  ])('signs and sends %s as %s', async (sent, canonical) => {
    const sign = jdcloudSigner(credentials, 'vm', settings);
    const added = await sign(
      request(`https://vm.jdcloud-api.com${sent}?b=2&a=x%20y`, 'application/json;  charset=utf-8'),
    );
    const expected = await signJdcloud2({
      ...credentials,
      service: 'vm',
      region: 'cn-north-1',
      method: 'POST',
      host: 'vm.jdcloud-api.com',
      path: canonical,
      query: [
        ['b', '2'],
        ['a', 'x y'],
      ],
      headers: {
        'Content-Type': 'application/json;  charset=utf-8',
        'x-jdcloud-security-token': btoa(credentials.sessionToken),
      },
      payload: '{"instanceType":"g.n2.medium"}',
      timestampMs: 1234567890000,
      nonce: 'uuid',
    });
    expect(added.url).toBe(`https://vm.jdcloud-api.com${canonical}?a=x%20y&b=2`);
    expect(added.headers).toEqual({
      'x-jdcloud-date': '20090213T233130Z',
      'x-jdcloud-nonce': 'uuid',
      'x-jdcloud-security-token': btoa(credentials.sessionToken),
      Authorization: expected.authorization,
    });
  });

  it('signs a nonce with whitespace as signJdcloud2 does, and with the credentials of the attempt', async () => {
    const sign = jdcloudSigner(credentials, 'vm', { ...settings, nonce: () => ' uuid ' });
    const rotated = { accessKey: 'ak', secretKey: 'sk' };
    const get = { ...request('https://vm.cn-north-1.jdcloud.net/'), method: 'GET', body: undefined };
    const added = await sign(get, rotated);
    expect(added.headers?.Authorization).toBe(
      'JDCLOUD2-HMAC-SHA256 Credential=ak/20090213/cn-north-1/vm/jdcloud2_request, ' +
        'SignedHeaders=host;x-jdcloud-date;x-jdcloud-nonce, ' +
        'Signature=43a76892222031f847c00c56cac8d4d2dc179a4e75a37868d09a5300435f4054',
    );
  });

  it('signs no content-type and no token when the request has neither', async () => {
    const sign = jdcloudSigner({ accessKey: 'ak', secretKey: 'sk' }, 'vm', settings);
    const added = await sign({
      ...request('https://vm.cn-north-1.jdcloud.net/'),
      method: 'GET',
      body: undefined,
    });
    expect(added.headers?.Authorization).toBe(
      'JDCLOUD2-HMAC-SHA256 Credential=ak/20090213/cn-north-1/vm/jdcloud2_request, ' +
        'SignedHeaders=host;x-jdcloud-date;x-jdcloud-nonce, ' +
        'Signature=43a76892222031f847c00c56cac8d4d2dc179a4e75a37868d09a5300435f4054',
    );
  });
});
