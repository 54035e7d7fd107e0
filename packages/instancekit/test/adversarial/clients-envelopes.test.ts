// Class 10 of issue 10: request ids and envelopes. A result carries `$metadata` (request id, HTTP status,
// attempts); a numeric request id is kept as its string, a missing inner id falls back to the outer one and is
// never the string "undefined"; a Tencent `Response.Error` of any shape is an error, never a success.
import { ApiError, type InstanceKitError, type ResponseMetadata } from '@instancekit/core';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';
import { describe, expect, it } from 'vitest';

const answering =
  (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  async () =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

const metadataOf = (result: unknown) => (result as { $metadata: ResponseMetadata }).$metadata;

const tencent = (body: unknown) =>
  createTencentCvmClient({
    region: 'ap-guangzhou',
    credentials: { secretId: 'AKIDx', secretKey: 'k' },
    fetch: answering(body),
    retry: false,
  });
const zenlayer = (body: unknown) =>
  createZenlayerZecClient({
    credentials: { accessKeyId: 'i', accessKeyPassword: 'p' },
    fetch: answering(body),
    retry: false,
  });
const jdcloud = (body: unknown, headers?: Record<string, string>) =>
  createJdcloudVmClient({
    region: 'cn-north-1',
    credentials: { accessKey: 'a', secretKey: 's' },
    fetch: answering(body, 200, headers),
    retry: false,
  });

describe('$metadata on every result', () => {
  it('Tencent: the RequestId, the status and the attempts; not enumerable, so JSON stays the envelope', async () => {
    const result = await tencent({ Response: { RequestId: 'tc-1' } }).ResetInstancesType({
      InstanceIds: ['ins-r8hr2upy'],
      InstanceType: 'S5.LARGE8',
    });
    expect(metadataOf(result)).toEqual({ requestId: 'tc-1', httpStatus: 200, attempts: 1 });
    expect(JSON.stringify(result)).toBe('{"RequestId":"tc-1"}');
  });

  it('Zenlayer: the outer id when the inner one is missing, never "undefined"', async () => {
    const result = await zenlayer({ requestId: 'zl-outer', response: {} }).ModifyInstanceType({
      instanceId: '1660545330971680835',
      instanceType: 'z2a.cpu.4',
    });
    expect(metadataOf(result).requestId).toBe('zl-outer');
    const inner = await zenlayer({ response: { requestId: 'zl-inner' } }).DescribeInstancesStatus({});
    expect(metadataOf(inner).requestId).toBe('zl-inner');
  });

  it('JD Cloud: a numeric requestId is kept as its string; the header when the body has none', async () => {
    const numeric = await jdcloud({ requestId: 1234567890, result: {} }).resizeInstance({
      instanceId: 'i-6za0ovr24v',
      instanceType: 'g.n2.medium',
    });
    expect(metadataOf(numeric).requestId).toBe('1234567890');
    const header = await jdcloud({ result: {} }, { 'x-jdcloud-request-id': 'jd-header' }).describeInstance({
      instanceId: 'i-6za0ovr24v',
    });
    expect(metadataOf(header).requestId).toBe('jd-header');
  });
});

describe('a Tencent Response.Error of any shape is an error', () => {
  for (const error of ['InvalidParameter', ['x'], 42, true, {}]) {
    it(`Error: ${JSON.stringify(error)} → a typed error, not a successful resize`, async () => {
      const caught = await tencent({ Response: { RequestId: 'tc-2', Error: error } })
        .ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8' })
        .catch((e: unknown) => e);
      expect(caught).toBeInstanceOf(ApiError);
      expect((caught as ApiError).requestId).toBe('tc-2');
    });
  }

  it('a numeric RequestId is kept on the error too', async () => {
    const caught = await tencent({
      Response: { RequestId: 77, Error: { Code: 'AuthFailure', Message: 'no' } },
    })
      .DescribeInstancesStatus({})
      .catch((e: unknown) => e);
    expect((caught as InstanceKitError).requestId).toBe('77');
  });
});
