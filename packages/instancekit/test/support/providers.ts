// Per-provider test fixtures: valid neutral inputs, the action names behind each facade call, and the
// provider's own wire envelopes (success, throttling, server errors, auth errors, status answers) for the
// scripted servers of the fault and waiter suites.
import type { ErrorCode } from '@instancekit/core';
import {
  createInstanceKit,
  type InstanceKit,
  type InstanceKitOptions,
  type ProviderName,
  type ReinstallInput,
  type ResizeInput,
} from '../../src/index.js';
import type { Behaviour } from './fault-server.js';

export interface ProviderFixture {
  name: ProviderName;
  region?: string;
  credentials: Record<string, string>;
  resizeInput: ResizeInput & { dryRun?: false };
  reinstallInput: ReinstallInput & { dryRun?: false };
  actions: { resize: string; quoteResize: string; reinstall: string; poll: string; listing: string };
  /** The type listing's answer: one type, on sale or sold out (default: the resize target, on sale). */
  listing(requestId: string, type?: { instanceType?: string; soldOut?: boolean }): Behaviour;
  /** A well-formed success answer for `action` (the listing shows the resize target on sale). */
  success(action: string, requestId: string): Behaviour;
  /** The provider's throttling answer. */
  throttle(requestId: string, headers?: Record<string, string>): Behaviour;
  /** The provider's answer for an internal failure with this HTTP status, and the neutral code it maps to. */
  serverError(status: 500 | 502 | 503, requestId: string): { behaviour: Behaviour; code: ErrorCode };
  /** A permission error (not retryable, permanent). */
  permission(requestId: string): Behaviour;
}

export const SECRETS = {
  tencent: 'tc-SECRET-KEY-9f3a7c1e5b2d',
  zenlayer: 'zl-ACCESS-KEY-PASSWORD-4e8b6d2a',
  jdcloud: 'jd-SECRET-KEY-7c5e3a1f9b0d',
} as const;

const json = (body: unknown, status = 200, headers?: Record<string, string>): Behaviour => ({
  kind: 'json',
  status,
  body,
  ...(headers ? { headers } : {}),
});

export const tencent: ProviderFixture = {
  name: 'tencent',
  region: 'ap-guangzhou',
  credentials: { secretId: 'AKIDtestsecretid0001', secretKey: SECRETS.tencent },
  resizeInput: { instanceId: 'ins-r8hr2upy', instanceType: 'S5.LARGE8' },
  reinstallInput: { instanceId: 'ins-r8hr2upy', imageId: 'img-pmqg1cw7', password: 'Str0ng+Passw0rd' },
  actions: {
    resize: 'ResetInstancesType',
    quoteResize: 'InquiryPriceResetInstancesType',
    reinstall: 'ResetInstance',
    poll: 'DescribeInstances',
    listing: 'DescribeInstancesModification',
  },
  listing: (requestId, { instanceType = 'S5.LARGE8', soldOut = false } = {}) =>
    json({
      Response: {
        TotalCount: 1,
        InstanceTypeConfigStatusSet: [
          { Status: soldOut ? 'SOLD_OUT' : 'SELL', InstanceTypeConfig: { InstanceType: instanceType } },
        ],
        RequestId: requestId,
      },
    }),
  success(action, requestId) {
    if (action === 'DescribeInstancesModification') return this.listing(requestId);
    if (action.startsWith('InquiryPrice'))
      return json({
        Response: {
          Price: { InstancePrice: { OriginalPrice: 120.5, DiscountPrice: 96.4, Discount: 80 } },
          RequestId: requestId,
        },
      });
    if (action === 'DescribeInstances')
      return json({
        Response: {
          TotalCount: 1,
          InstanceSet: [{ InstanceId: 'ins-r8hr2upy', InstanceState: 'STOPPED' }],
          RequestId: requestId,
        },
      });
    return json({ Response: { RequestId: requestId } });
  },
  throttle: (requestId, headers) =>
    json(
      {
        Response: {
          Error: { Code: 'RequestLimitExceeded', Message: 'Your request rate is too high.' },
          RequestId: requestId,
        },
      },
      200,
      headers,
    ),
  serverError(status, requestId) {
    const code = status === 503 ? 'ServiceUnavailable' : 'InternalError';
    return {
      behaviour: json(
        { Response: { Error: { Code: code, Message: 'internal error' }, RequestId: requestId } },
        status,
      ),
      code: status === 503 ? 'Unavailable' : 'Internal',
    };
  },
  permission: (requestId) =>
    json({
      Response: {
        Error: { Code: 'AuthFailure.UnauthorizedOperation', Message: 'The request is not authorized.' },
        RequestId: requestId,
      },
    }),
};

export const zenlayer: ProviderFixture = {
  name: 'zenlayer',
  credentials: { accessKeyId: 'zl-access-key-id-0001', accessKeyPassword: SECRETS.zenlayer },
  resizeInput: { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' },
  reinstallInput: {
    instanceId: '1660545330971680835',
    imageId: 'ubuntu2404_20240712',
    password: 'Str0ng+Pass1',
  },
  actions: {
    resize: 'ModifyInstanceType',
    quoteResize: 'InquiryPriceModifyInstanceType',
    reinstall: 'ResetInstance',
    poll: 'DescribeInstancesStatus',
    listing: 'DescribeZoneInstanceConfigInfos',
  },
  listing: (requestId, { instanceType = 'z2a.cpu.4', soldOut = false } = {}) =>
    json({
      requestId,
      response: {
        requestId,
        instanceTypeQuotaSet: [{ zoneId: 'asia-east-1a', instanceType, withStock: !soldOut }],
      },
    }),
  success(action, requestId) {
    if (action === 'DescribeZoneInstanceConfigInfos') return this.listing(requestId);
    if (action === 'InquiryPriceModifyInstanceType')
      return json({
        requestId,
        response: {
          requestId,
          specPrice: { originalPrice: 50, discountPrice: 45, discount: 90 },
          gpuPrice: null,
          systemDiskPrice: null,
        },
      });
    if (action === 'DescribeInstancesStatus')
      return json({
        requestId,
        response: {
          requestId,
          totalCount: 1,
          dataSet: [{ instanceId: '1660545330971680835', instanceStatus: 'STOPPED' }],
        },
      });
    return json({ requestId, response: { requestId } });
  },
  throttle: (requestId, headers) =>
    json({ requestId, code: 'REQUEST_LIMIT_EXCEEDED', message: 'Request limit exceeded.' }, 429, headers),
  serverError(status, requestId) {
    const code = status === 500 ? 'INTERNAL_SERVER_ERROR' : 'SERVICE_TEMPORARY_UNAVAILABLE';
    return {
      behaviour: json({ requestId, code, message: 'internal error' }, status),
      code: status === 500 ? 'Internal' : 'Unavailable',
    };
  },
  permission: (requestId) =>
    json({ requestId, code: 'AUTHFAILURE_UNAUTHORIZED_OPERATION', message: 'Unauthorized operation.' }, 401),
};

export const jdcloud: ProviderFixture = {
  name: 'jdcloud',
  region: 'cn-north-1',
  credentials: { accessKey: 'JDC_ACCESS_KEY_0001', secretKey: SECRETS.jdcloud },
  resizeInput: { instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' },
  reinstallInput: { instanceId: 'i-6za0ovr24v', imageId: 'img-m5s0biarbf', password: 'Str0ngPassw0rd' },
  actions: {
    resize: 'resizeInstance',
    quoteResize: 'calculateTotalPrice',
    reinstall: 'rebuildInstance',
    poll: 'describeInstance',
    listing: 'describeInstanceTypes',
  },
  listing: (requestId, { instanceType = 'g.n2.medium', soldOut = false } = {}) =>
    json({
      requestId,
      result: {
        instanceTypes: [
          {
            instanceType,
            state: [{ az: 'cn-north-1a', inStock: !soldOut, availableCount: soldOut ? 0 : 12 }],
          },
        ],
        totalCount: 1,
      },
    }),
  success(action, requestId) {
    if (action === 'describeInstanceTypes') return this.listing(requestId);
    if (action === 'calculateTotalPrice')
      return json({
        requestId,
        result: {
          totalPrice: 96.4,
          totalPriceScale4: 96.4,
          discountedTotalPrice: 96.4,
          list: [
            { serviceCode: 'vm', billingType: 3, originalPrice: 120.5, discountedPrice: 96.4, price: 120.5 },
          ],
        },
      });
    if (action === 'describeInstance')
      return json({ requestId, result: { instance: { instanceId: 'i-6za0ovr24v', status: 'stopped' } } });
    return json({ requestId, result: {} });
  },
  throttle: (requestId, headers) =>
    json(
      { requestId, error: { code: 429, status: 'RATE_LIMIT', message: 'Rate limit exceeded' } },
      429,
      headers,
    ),
  serverError(status, requestId) {
    const [statusString, code]: [string, ErrorCode] =
      status === 500
        ? ['INTERNAL', 'Internal']
        : status === 502
          ? ['SOURCE_UNAVAILABLE', 'Unavailable']
          : ['UNAVAILABLE', 'Unavailable'];
    return {
      behaviour: json(
        { requestId, error: { code: status, status: statusString, message: 'internal error' } },
        status,
      ),
      code,
    };
  },
  permission: (requestId) =>
    json({ requestId, error: { code: 403, status: 'HTTP_FORBIDDEN', message: 'Forbidden' } }, 403),
};

export const FIXTURES: readonly ProviderFixture[] = [tencent, zenlayer, jdcloud];

/** The per-attempt timeout of the tests where the server hangs. */
export const HANG_TIMEOUT_MS = 300;

/** A kit for `fixture` pointed at `url` (JD's billing endpoint too), with small delays and a short timeout. */
export function kitFor(
  fixture: ProviderFixture,
  url: string,
  extra: Partial<InstanceKitOptions> = {},
): InstanceKit {
  return createInstanceKit({
    provider: fixture.name,
    ...(fixture.region ? { region: fixture.region } : {}),
    credentials: fixture.credentials,
    endpoint: url,
    ...(fixture.name === 'jdcloud' ? { billingEndpoint: url } : {}),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    // Roomy enough for a loaded 2-core machine running suites in parallel; the hang tests pass HANG_TIMEOUT_MS.
    timeoutMs: 3_000,
    ...extra,
  });
}
