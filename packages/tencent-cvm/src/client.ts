import {
  type ClientDeclaration,
  createProviderClient,
  type TransportOptions,
} from '@instancekit/core/internal';
import { api3Adapter } from './api3-transport.js';
import type { Api3Input, Api3Methods, Api3OperationId, Api3Result } from './generated/methods.js';
import { api3Operations, legacyRoutes } from './generated/operations.js';
import { type Credentials, defaultEndpoints, providerFacts } from './generated/provider.js';
import { legacyAdapter } from './legacy-transport.js';

export type TencentActionName = Api3OperationId;
export type TencentCredentials = Credentials;
/** The typed input of an action: its API 3.0 request body (the legacy transport flattens the same object). */
export type TencentInput<A extends TencentActionName> = Api3Input<A>;
/** The action's `Response` object on success (the error branch of the envelope becomes a thrown error). */
export type TencentResult<A extends TencentActionName> = Api3Result<A>;

/** One documented method per action (the spec's summary, description and docs link show on hover). */
export type TencentCvmMethods = Api3Methods<
  { [A in TencentActionName]: Api3Input<A> },
  { [A in TencentActionName]: Api3Result<A> }
>;

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

type Fields = {
  readonly provider: 'tencent';
  readonly region: string;
  readonly transport: 'api3' | 'legacy';
};
export type TencentCvmClient = TencentCvmMethods & Fields;

const DECLARATION: ClientDeclaration = {
  ...providerFacts,
  options: {
    properties: {
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
  return createProviderClient<TencentCvmMethods, Fields, TencentCvmClientOptions, TencentCredentials>(
    DECLARATION,
    given,
    (options, credentials) => {
      const { region, transport = 'api3' } = options;
      const legacy = transport === 'legacy';
      const adapter = legacy ? legacyAdapter(options, credentials) : api3Adapter(options, credentials);
      // Both transports validate with API 3.0's rules: the input object is the same, only its wire form differs.
      const operations = legacy ? legacyRoutes : api3Operations;
      const endpoint = options.endpoint ?? defaultEndpoints[transport];
      return {
        services: [{ adapter, operations, endpoint }],
        fields: { provider: 'tencent', region, transport },
        summary: { kind: 'TencentCvmClient', region, transport, endpoint },
      };
    },
  );
}
