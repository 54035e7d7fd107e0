import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/errors';
import { requestBody, sendWithFetch } from '../src/fetch-transport';
import { buildWireRequest, signerMiddleware, WireHeaders } from '../src/wire-request';

describe('buildWireRequest', () => {
  it('header action: drops the fragment, sets the action header, sends the JSON body', async () => {
    const request = buildWireRequest(
      'https://cvm.tencentcloudapi.com/',
      { method: 'post', path: '/#ResetInstancesType', action: { name: 'X-TC-Action', in: 'header' } },
      { params: { header: { 'X-TC-Region': 'ap-guangzhou' } }, body: { InstanceIds: ['ins-r8hr2upy'] } },
    );
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://cvm.tencentcloudapi.com/');
    expect(Object.fromEntries(request.headers)).toEqual({
      'content-type': 'application/json',
      'x-tc-action': 'ResetInstancesType',
      'x-tc-region': 'ap-guangzhou',
    });
    expect(request.body).toBe('{"InstanceIds":["ins-r8hr2upy"]}');
  });

  it('query action: added after the serialized query unless the serializer already wrote it', () => {
    const op = {
      method: 'get',
      path: '/v2/index.php#DescribeInstances',
      action: { name: 'Action', in: 'query' },
    } as const;
    const added = buildWireRequest('https://cvm.api.qcloud.com', op, {
      querySerializer: () => 'Region=ap-guangzhou',
    });
    expect(added.url).toBe(
      'https://cvm.api.qcloud.com/v2/index.php?Region=ap-guangzhou&Action=DescribeInstances',
    );
    const given = buildWireRequest('https://cvm.api.qcloud.com', op, {
      querySerializer: () => 'Action=X&Region=r',
    });
    expect(given.url).toBe('https://cvm.api.qcloud.com/v2/index.php?Action=X&Region=r');
    expect(given.body).toBeUndefined();
  });

  it('fills {path} parameters, encoded, and the default query drops null and undefined', () => {
    const request = buildWireRequest(
      'https://vm.jdcloud-api.com',
      { method: 'get', path: '/v1/regions/{regionId}/instances/{instanceId}' },
      {
        params: {
          path: { regionId: 'cn-north-1', instanceId: 'i-a/b' },
          query: { a: 1, b: undefined, c: null, d: 'x y' },
        },
      },
    );
    expect(request.url).toBe('https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances/i-a%2Fb?a=1&d=x+y');
  });
});

describe("a client's headers, checked once", () => {
  const operation = { method: 'post', path: '/#Act', action: { name: 'X-Action', in: 'header' as const } };
  const client = new WireHeaders({ 'X-Version': '1', 'X-Region': 'r-1' });

  it('give every request its own header set: what a signer adds to one is not on the next', () => {
    const first = buildWireRequest('https://h', operation, { body: {} }, client);
    first.headers.set('Authorization', 'sig-1');
    const second = buildWireRequest('https://h', operation, { body: {} }, client);
    expect(second.headers.has('authorization')).toBe(false);
    expect(client.has('authorization')).toBe(false);
    expect([...second.headers]).toEqual([
      ['x-version', '1'],
      ['x-region', 'r-1'],
      ['x-action', 'Act'],
      ['content-type', 'application/json'],
    ]);
  });

  it("keep a call's own header over the client's, in the client's place, whatever the case", () => {
    const wire = buildWireRequest(
      'https://h',
      operation,
      { body: {}, headers: { 'x-region': 'r-2' } },
      client,
    );
    expect([...wire.headers].slice(0, 2)).toEqual([
      ['x-version', '1'],
      ['x-region', 'r-2'],
    ]);
  });
});

describe('path parameters never change the path', () => {
  const op = { method: 'get', path: '/v1/regions/{regionId}/instances/{instanceId}' };
  for (const regionId of ['..', '.', '']) {
    it(`refuses ${JSON.stringify(regionId)} as a segment, naming the field`, () => {
      const build = () =>
        buildWireRequest('https://vm.jdcloud-api.com', op, {
          params: { path: { regionId, instanceId: 'i-1' } },
        });
      expect(build).toThrow(ValidationError);
      expect(build).toThrow(/regionId/);
    });
  }

  it('keeps `/`, `?`, `#` and encoded dots inside their segment', () => {
    const { url } = buildWireRequest('https://h', op, {
      params: { path: { regionId: '%2e%2e', instanceId: '../?#x' } },
    });
    expect(url).toBe('https://h/v1/regions/%252e%252e/instances/..%2F%3F%23x');
    expect(new URL(url).pathname).toBe('/v1/regions/%252e%252e/instances/..%2F%3F%23x');
  });
});

describe('signerMiddleware', () => {
  it('signs the plain value of an openapi-fetch Request and keeps the Request when the URL is unchanged', async () => {
    const seen: string[] = [];
    const middleware = signerMiddleware((wire) => {
      seen.push(`${wire.method} ${wire.url} ${wire.body}`);
      return { headers: { authorization: 'signed' } };
    });
    const request = new Request('https://h/', { method: 'POST', body: '{"a":1}' });
    const out = await middleware.onRequest!({ request } as never);
    expect(out).toBe(request);
    expect(request.headers.get('authorization')).toBe('signed');
    expect(seen).toEqual(['POST https://h/ {"a":1}']);
    expect(await request.text()).toBe('{"a":1}');
  });

  it('returns a new Request with the same body and signal when the signer changed the URL', async () => {
    const controller = new AbortController();
    const middleware = signerMiddleware((wire) => ({ url: `${wire.url}?Signature=x` }));
    const request = new Request('https://h/', { method: 'POST', body: 'raw', signal: controller.signal });
    const out = (await middleware.onRequest!({ request } as never)) as Request;
    expect(out.url).toBe('https://h/?Signature=x');
    expect(out.redirect).toBe('manual');
    expect(await out.text()).toBe('raw');
    controller.abort();
    expect(out.signal.aborted).toBe(true);
  });
});

describe('requestBody', () => {
  it('returns the body string of a Request the client sent without reading its stream, and reads any other', async () => {
    const seen: Array<string | Uint8Array> = [];
    const sent: Request[] = [];
    await sendWithFetch(
      async (request) => {
        sent.push(request);
        seen.push(await requestBody(request));
        return new Response('{}');
      },
      { method: 'POST', url: 'https://h/', headers: new Headers(), body: '{"a":"未"}' },
      {
        action: 'A',
        provider: 'tencent',
        signal: undefined,
        maxResponseBytes: 100,
        timeoutMs: 1_000,
        timedOut: false,
      },
    );
    expect(seen).toEqual(['{"a":"未"}']);
    expect(sent[0]!.bodyUsed).toBe(false);
    const foreign = new Request('https://h/', { method: 'POST', body: 'raw bytes' });
    expect(new TextDecoder().decode((await requestBody(foreign)) as Uint8Array)).toBe('raw bytes');
    expect(await requestBody(new Request('https://h/'))).toBe('');
  });
});

describe('WireHeaders', () => {
  it('reads and sets by lower-case name, trims values as fetch does, and iterates in insertion order', () => {
    const headers = new WireHeaders({ 'X-TC-Action': ' DescribeInstances ' });
    headers.set('Authorization', 'TC3 x');
    expect(headers.get('x-tc-action')).toBe('DescribeInstances');
    expect(headers.has('AUTHORIZATION')).toBe(true);
    expect([...headers]).toEqual([
      ['x-tc-action', 'DescribeInstances'],
      ['authorization', 'TC3 x'],
    ]);
  });

  it('refuses a value with a line break or a NUL, a non-Latin-1 value and a name that is no token', () => {
    const headers = new WireHeaders();
    expect(() => headers.set('x-a', 'ok\r\nInjected: 1')).toThrow(TypeError);
    expect(() => headers.set('x-a', 'nul\0')).toThrow(TypeError);
    expect(() => headers.set('x-a', '密钥')).toThrow(TypeError);
    expect(() => headers.set('x a', 'v')).toThrow(TypeError);
    expect([...headers]).toEqual([]);
  });

  it('accepts, trims and refuses every short value as trimming first, then checking, would', () => {
    // The rule, written plainly: trim space, tab, CR and LF at both ends, then only tab and printable Latin-1.
    const expected = (value: string) => {
      const trimmed = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
      return /^[\t\x20-\x7e\x80-\xff]*$/.test(trimmed) ? trimmed : TypeError;
    };
    const alphabet = [' ', '\t', '\n', '\r', 'a', '~', '\x7f', '\x80', '\xff', '\x01', '\0', 'é', '密'];
    const values = [''];
    for (let length = 1; length <= 3; length++)
      for (const prefix of values.filter((v) => v.length === length - 1))
        for (const c of alphabet) values.push(prefix + c);
    const headers = new WireHeaders();
    for (const value of values) {
      const want = expected(value);
      if (want === TypeError)
        expect(() => headers.set('X-Value', value), JSON.stringify(value)).toThrow(TypeError);
      else {
        headers.set('X-Value', value);
        expect(headers.get('x-value'), JSON.stringify(value)).toBe(want);
      }
    }
  });

  it('checks a name once per spelling and still refuses a bad one after hundreds of good ones', () => {
    const headers = new WireHeaders();
    for (let i = 0; i < 600; i++) headers.set(`X-Name-${i}`, String(i));
    expect(headers.get('x-name-599')).toBe('599');
    expect(headers.get('X-NAME-0')).toBe('0');
    expect(() => headers.set('x name', 'v')).toThrow(TypeError);
    expect(() => headers.set('x-ünicode', 'v')).toThrow(TypeError);
    headers.set('X-Name-0', 'again');
    expect(headers.get('x-name-0')).toBe('again');
  });

  it("built on a client's checked headers: shares them, never changes them, and keeps a Map's order", () => {
    const client = new WireHeaders({ 'X-Version': '1', 'X-Region': 'r-1' });
    const first = new WireHeaders({ 'X-Region': 'r-2' }, client);
    first.set('Authorization', 'sig');
    // A base name set again stays where it was, with its new value; new names follow, as in a copied Map.
    expect([...first]).toEqual([
      ['x-version', '1'],
      ['x-region', 'r-2'],
      ['authorization', 'sig'],
    ]);
    expect(first.flat()).toEqual(['x-version', '1', 'x-region', 'r-2', 'authorization', 'sig']);
    expect(first.get('X-REGION')).toBe('r-2');
    expect(first.has('x-version')).toBe(true);
    // The client's headers are as they were, and a later change to them reaches no request made before it.
    expect([...client]).toEqual([
      ['x-version', '1'],
      ['x-region', 'r-1'],
    ]);
    client.set('X-Version', '2');
    expect(first.get('x-version')).toBe('1');
    expect(new WireHeaders(undefined, client).get('x-version')).toBe('2');
    // Built on a request that is built on the client: one merged set, then this one's own.
    const second = new WireHeaders({ 'X-Extra': 'e' }, first);
    expect(second.flat()).toEqual([
      'x-version',
      '1',
      'x-region',
      'r-2',
      'authorization',
      'sig',
      'x-extra',
      'e',
    ]);
    expect(first.has('x-extra')).toBe(false);
  });

  it('as built for a request, refuses a bad client header before anything is signed', () => {
    expect(() =>
      buildWireRequest('https://h', { method: 'post', path: '/' }, { headers: { 'x-bad': 'a\nb' } }),
    ).toThrow(TypeError);
  });
});
