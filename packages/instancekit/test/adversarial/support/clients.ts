// The four wire roads of the typed clients — Tencent API 3.0, the Tencent legacy gateway, Zenlayer and JD
// Cloud (the VM service's `:verb` mutations) — each with one mutation, one mutation that carries a password
// and user data, and one read, so a hostile-server test can run every road the same way.
import type { CallOptions, Logger } from '@instancekit/core';
import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { createTencentCvmLegacyClient } from '@instancekit/tencent-cvm/legacy';
import { createZenlayerZecClient } from '@instancekit/zenlayer-zec';

// 8–16 characters of the set Zenlayer allows, so it is valid on every provider.
export const PASSWORD = 'Echo+Pw0rd-7731';
/** Base64 of `#!/bin/sh\necho provisioned-secret-token\n`. */
export const USER_DATA = 'IyEvYmluL3NoCmVjaG8gcHJvdmlzaW9uZWQtc2VjcmV0LXRva2VuCg==';
export const USER_DATA_LINE = 'echo provisioned-secret-token';
export const SECRET_KEY = 'SECRETkey-0d9c8b7a6f5e4d3c';
export const SESSION_TOKEN = 'SESSIONtoken-1a2b3c4d5e6f7a8b';

export interface ClientOptions {
  /** Leave the credentials out, so the client reads its environment variables. */
  fromEnv?: boolean;
  timeoutMs?: number;
  retry?: false | { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  maxResponseBytes?: number;
  logger?: Logger;
  fetch?: (request: Request) => Promise<Response>;
}

export interface Road {
  name: 'tencent-api3' | 'tencent-legacy' | 'zenlayer' | 'jdcloud';
  /** A success answer in the provider's envelope. */
  success(requestId: string): unknown;
  /** The provider's throttling answer: HTTP status and body. */
  throttled(requestId: string): { status: number; body: unknown };
  /** The provider's internal-error answer: HTTP status and body. */
  failed(requestId: string): { status: number; body: unknown };
  /** The environment variables its credentials fall back to. */
  env: Record<string, string>;
  connect(
    endpoint: string,
    options?: ClientOptions,
  ): {
    mutate(call?: CallOptions): Promise<unknown>;
    mutateWithSecrets(call?: CallOptions): Promise<unknown>;
    read(call?: CallOptions): Promise<unknown>;
  };
}

const tencent = (transport: 'api3' | 'legacy'): Road => ({
  name: transport === 'api3' ? 'tencent-api3' : 'tencent-legacy',
  success: (requestId) => ({ Response: { RequestId: requestId, InstanceStatusSet: [], TotalCount: 0 } }),
  throttled: (requestId) => ({
    status: 200,
    body: {
      Response: { RequestId: requestId, Error: { Code: 'RequestLimitExceeded', Message: 'slow down' } },
    },
  }),
  failed: (requestId) => ({
    status: 200,
    body: { Response: { RequestId: requestId, Error: { Code: 'InternalError', Message: 'oops' } } },
  }),
  env: { TENCENTCLOUD_SECRET_ID: 'AKIDfromenv', TENCENTCLOUD_SECRET_KEY: 'env-secret-key-1' },
  connect(endpoint, { fromEnv, ...options } = {}) {
    const create = transport === 'legacy' ? createTencentCvmLegacyClient : createTencentCvmClient;
    const client = create({
      region: 'ap-guangzhou',
      endpoint,
      ...(fromEnv
        ? {}
        : { credentials: { secretId: 'AKIDadversarial0001', secretKey: SECRET_KEY, token: SESSION_TOKEN } }),
      ...options,
    });
    return {
      mutate: (call) =>
        client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8' }, call),
      mutateWithSecrets: (call) =>
        client.ResetInstance(
          {
            InstanceId: 'ins-r8hr2upy',
            ImageId: 'img-pmqg1cw7',
            LoginSettings: { Password: PASSWORD },
            UserData: USER_DATA,
          },
          call,
        ),
      read: (call) => client.DescribeInstancesStatus({ InstanceIds: ['ins-r8hr2upy'] }, call),
    };
  },
});

const zenlayer: Road = {
  name: 'zenlayer',
  success: (requestId) => ({ requestId, response: { requestId, dataSet: [], totalCount: 0 } }),
  throttled: (requestId) => ({
    status: 429,
    body: { requestId, code: 'REQUEST_LIMIT_EXCEEDED', message: 'slow' },
  }),
  failed: (requestId) => ({
    status: 500,
    body: { requestId, code: 'INTERNAL_SERVER_ERROR', message: 'oops' },
  }),
  env: { ZENLAYER_ACCESS_KEY_ID: 'ZLfromenv', ZENLAYER_ACCESS_KEY_PASSWORD: 'env-password-1' },
  connect(endpoint, { fromEnv, ...options } = {}) {
    const client = createZenlayerZecClient({
      endpoint,
      ...(fromEnv
        ? {}
        : { credentials: { accessKeyId: 'ZLadversarial0001', accessKeyPassword: SECRET_KEY } }),
      ...options,
    });
    return {
      mutate: (call) =>
        client.ModifyInstanceType({ instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' }, call),
      mutateWithSecrets: (call) =>
        client.ResetInstance(
          {
            instanceId: '1660545330971680835',
            imageId: 'ubuntu2404_20240712',
            password: PASSWORD,
            userData: USER_DATA,
          } as never,
          call,
        ),
      read: (call) => client.DescribeInstancesStatus({ instanceIds: ['1660545330971680835'] }, call),
    };
  },
};

const jdcloud: Road = {
  name: 'jdcloud',
  success: (requestId) => ({ requestId, result: {} }),
  throttled: (requestId) => ({
    status: 429,
    body: { requestId, error: { code: 429, status: 'RATE_LIMIT', message: 'slow' } },
  }),
  failed: (requestId) => ({
    status: 500,
    body: { requestId, error: { code: 500, status: 'INTERNAL', message: 'oops' } },
  }),
  env: { JDCLOUD_ACCESS_KEY: 'JDfromenv', JDCLOUD_SECRET_KEY: 'env-secret-1' },
  connect(endpoint, { fromEnv, ...options } = {}) {
    const client = createJdcloudVmClient({
      region: 'cn-north-1',
      endpoint,
      billingEndpoint: endpoint,
      ...(fromEnv ? {} : { credentials: { accessKey: 'JDadversarial0001', secretKey: SECRET_KEY } }),
      ...options,
    });
    return {
      mutate: (call) =>
        client.resizeInstance({ instanceId: 'i-6za0ovr24v', instanceType: 'g.n2.medium' }, call),
      mutateWithSecrets: (call) =>
        client.rebuildInstance(
          {
            instanceId: 'i-6za0ovr24v',
            imageId: 'img-m5s0t0y2mp',
            password: PASSWORD,
            userdata: [{ key: 'launch-script', value: USER_DATA }],
          } as never,
          call,
        ),
      read: (call) => client.describeInstance({ instanceId: 'i-6za0ovr24v' }, call),
    };
  },
};

export const ROADS: readonly Road[] = [tencent('api3'), tencent('legacy'), zenlayer, jdcloud];

/** Every string a leak check looks for: the secrets as given and the forms a gateway could echo. */
export const SECRET_NEEDLES = [
  PASSWORD,
  USER_DATA,
  USER_DATA_LINE,
  SECRET_KEY,
  SESSION_TOKEN,
  encodeURIComponent(PASSWORD),
];

/**
 * Every road over both transports a client has on Node: its default one (node:http under the `node` export
 * condition, which tests resolve) and the fetch transport (a `fetch` passed in, as browsers and workers always
 * use). The wire suites run on all eight, so both keep every promise.
 */
export const WIRE_ROADS: ReadonlyArray<Omit<Road, 'name'> & { name: string }> = ROADS.flatMap((road) => [
  { ...road, name: `${road.name} over node:http` },
  {
    ...road,
    name: `${road.name} over fetch`,
    connect: (endpoint: string, options: ClientOptions = {}) =>
      road.connect(endpoint, { fetch: (request) => globalThis.fetch(request), ...options }),
  },
]);
