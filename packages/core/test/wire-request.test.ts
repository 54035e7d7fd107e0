import type { Middleware } from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { applyMiddleware, buildWireRequest, requestBody } from '../src/wire-request';

const signal = new AbortController().signal;

describe('buildWireRequest', () => {
  it('header action: drops the fragment, sets the action header, sends the JSON body', async () => {
    const request = buildWireRequest(
      'https://cvm.tencentcloudapi.com/',
      { method: 'post', path: '/#ResetInstancesType', action: { name: 'X-TC-Action', in: 'header' } },
      { params: { header: { 'X-TC-Region': 'ap-guangzhou' } }, body: { InstanceIds: ['ins-r8hr2upy'] } },
      signal,
    );
    expect(request.method).toBe('POST');
    expect(request.url).toBe('https://cvm.tencentcloudapi.com/');
    expect(Object.fromEntries(request.headers)).toEqual({
      'content-type': 'application/json',
      'x-tc-action': 'ResetInstancesType',
      'x-tc-region': 'ap-guangzhou',
    });
    expect(await request.text()).toBe('{"InstanceIds":["ins-r8hr2upy"]}');
  });

  it('query action: added after the serialized query unless the serializer already wrote it', () => {
    const op = {
      method: 'get',
      path: '/v2/index.php#DescribeInstances',
      action: { name: 'Action', in: 'query' },
    } as const;
    const added = buildWireRequest(
      'https://cvm.api.qcloud.com',
      op,
      { querySerializer: () => 'Region=ap-guangzhou' },
      signal,
    );
    expect(added.url).toBe(
      'https://cvm.api.qcloud.com/v2/index.php?Region=ap-guangzhou&Action=DescribeInstances',
    );
    const given = buildWireRequest(
      'https://cvm.api.qcloud.com',
      op,
      { querySerializer: () => 'Action=X&Region=r' },
      signal,
    );
    expect(given.url).toBe('https://cvm.api.qcloud.com/v2/index.php?Action=X&Region=r');
    expect(given.body).toBeNull();
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
      signal,
    );
    expect(request.url).toBe('https://vm.jdcloud-api.com/v1/regions/cn-north-1/instances/i-a%2Fb?a=1&d=x+y');
  });
});

describe('requestBody', () => {
  it('returns the serialized body of a request it built, and reads any other request', async () => {
    const built = buildWireRequest('https://h', { method: 'post', path: '/' }, { body: { a: '未' } }, signal);
    expect(await requestBody(built)).toBe('{"a":"未"}');
    // Nothing was read from the stream: the request can still be sent.
    expect(built.bodyUsed).toBe(false);
    const foreign = new Request('https://h/', { method: 'POST', body: 'raw bytes' });
    expect(new TextDecoder().decode((await requestBody(foreign)) as Uint8Array)).toBe('raw bytes');
    expect(await foreign.text()).toBe('raw bytes');
    expect(await requestBody(new Request('https://h/'))).toBe('');
  });
});

describe('applyMiddleware', () => {
  it('returns the Request a middleware returns, else the one it was given', async () => {
    const request = new Request('https://h/');
    const replaced = new Request('https://h/signed');
    const replacing: Middleware = { onRequest: () => replaced };
    const mutating: Middleware = {
      onRequest({ request: r }) {
        r.headers.set('authorization', 'x');
      },
    };
    expect(await applyMiddleware(request, '/', replacing)).toBe(replaced);
    expect(await applyMiddleware(request, '/', mutating)).toBe(request);
    expect(request.headers.get('authorization')).toBe('x');
  });
});
