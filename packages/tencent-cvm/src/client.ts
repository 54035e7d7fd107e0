import {
  type ClientDeclaration,
  finishClient,
  type JsonRequestBody,
  type JsonSuccess,
  startClient,
  type TransportOptions,
} from '@instancekit/core/internal';
import { api3Adapter } from './api3-transport.js';
import type { operations as Api3Operations } from './generated/api3-schema.js';
import type { Api3Methods } from './generated/methods.js';
import { api3Operations, legacyRoutes, regionPattern } from './generated/operations.js';
import { credentialFields, defaultEndpoints } from './generated/provider.js';
import { legacyAdapter } from './legacy-transport.js';

type Api3 = Api3Operations;
export type TencentActionName = keyof typeof api3Operations & keyof Api3;

/** The typed input of an action: its API 3.0 request body (the legacy transport flattens the same object). */
export type TencentInput<A extends TencentActionName> = JsonRequestBody<Api3[A]>;

/** The action's `Response` object on success (the error branch of the envelope becomes a thrown error). */
export type TencentResult<A extends TencentActionName> =
  JsonSuccess<Api3[A]> extends { Response: infer R } ? Exclude<R, { Error: unknown }> : never;

/** One documented method per action (the spec's summary, description and docs link show on hover). */
export type TencentCvmMethods = Api3Methods<
  { [A in TencentActionName]: TencentInput<A> },
  { [A in TencentActionName]: TencentResult<A> }
>;

export interface TencentCredentials {
  secretId: string;
  secretKey: string;
  /** STS session token, for temporary credentials. */
  token?: string;
}

export interface TencentCvmClientOptions extends TransportOptions {
  /** Falls back to TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SESSION_TOKEN. */
  credentials?: Partial<TencentCredentials>;
  /** e.g. `ap-guangzhou`; sent as X-TC-Region (API 3.0) or Region (legacy). */
  region: string;
  /** `api3` (default): POST JSON + TC3-HMAC-SHA256. `legacy`: the cvm.api.qcloud.com gateway, GET + v1 signature. */
  transport?: 'api3' | 'legacy';
  /** Base URL; defaults to https://cvm.tencentcloudapi.com or https://cvm.api.qcloud.com. */
  endpoint?: string;
  /** Legacy transport only. Default HmacSHA256. */
  signatureMethod?: 'HmacSHA256' | 'HmacSHA1';
  /** API 3.0 only: language of error messages. */
  language?: 'zh-CN' | 'en-US';
  /** Clock in milliseconds; inject to pin timestamps in tests. */
  now?: () => number;
  /** Nonce source for the legacy signature; inject to pin it in tests. */
  nonce?: () => number;
}

export type TencentCvmClient = TencentCvmMethods & {
  readonly provider: 'tencent';
  readonly region: string;
  readonly transport: 'api3' | 'legacy';
};

function randomNonce(): number {
  return (crypto.getRandomValues(new Uint32Array(1))[0]! % 2_147_483_646) + 1;
}

const DECLARATION: ClientDeclaration = {
  provider: 'tencent',
  label: 'Tencent Cloud',
  credentials: credentialFields,
  regionPattern,
  options: {
    required: ['region'],
    properties: {
      credentials: { type: 'object' },
      region: { type: 'string', minLength: 1 },
      transport: { enum: ['api3', 'legacy'] },
      signatureMethod: { enum: ['HmacSHA256', 'HmacSHA1'] },
      language: { enum: ['zh-CN', 'en-US'] },
      nonce: { type: 'function' },
    },
  },
};

/**
 * A typed, signed Tencent Cloud CVM client: one method per action of the spec, e.g.
 * `client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S1.LARGE4' }, { signal })`.
 */
export function createTencentCvmClient(given: TencentCvmClientOptions): TencentCvmClient {
  const { options, credentials } = startClient<TencentCvmClientOptions, TencentCredentials>(
    DECLARATION,
    given,
  );
  const { region, transport = 'api3', now = Date.now } = options;
  const adapter =
    transport === 'legacy'
      ? legacyAdapter({
          credentials,
          region,
          now,
          nonce: options.nonce ?? randomNonce,
          signatureMethod: options.signatureMethod ?? 'HmacSHA256',
        })
      : api3Adapter({
          credentials,
          region,
          now,
          ...(options.language ? { language: options.language } : {}),
        });
  // Both transports validate with API 3.0's rules: the input object is the same, only its wire form differs.
  const operations = transport === 'legacy' ? legacyRoutes : api3Operations;
  const endpoint = options.endpoint ?? defaultEndpoints[transport];
  return finishClient<
    TencentCvmMethods,
    { provider: 'tencent'; region: string; transport: typeof transport }
  >(
    [{ adapter, operations, endpoint }],
    options,
    { provider: 'tencent', region, transport },
    { kind: 'TencentCvmClient', region, transport, endpoint },
  );
}
