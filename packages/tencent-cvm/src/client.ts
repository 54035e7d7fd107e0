import {
  type ClientOptionRules,
  createProviderClient,
  type OperationTable,
  type ServiceAdapter,
  type TransportOptions,
  ValidationError,
} from '@instancekit/core/internal';
import { api3Adapter } from './api3-transport.js';
import type { Api3Input, Api3Methods, Api3OperationId, Api3Result } from './generated/methods.js';
import { api3Operations } from './generated/operations.js';
import {
  type CredentialSourceOptions,
  type Credentials,
  defaultEndpoints,
  providerFacts,
} from './generated/provider.js';

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

export interface TencentCvmClientOptions extends TransportOptions, CredentialSourceOptions {
  /** Falls back to TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SESSION_TOKEN. */
  credentials?: Partial<TencentCredentials>;
  /** e.g. `ap-guangzhou`; sent as X-TC-Region (API 3.0) or Region (legacy). */
  region: string;
  /**
   * `api3`, the only value here: POST JSON + TC3-HMAC-SHA256. The legacy cvm.api.qcloud.com gateway (GET + v1
   * signature) is `createTencentCvmLegacyClient` from `@instancekit/tencent-cvm/legacy`, so API 3.0 users do not
   * bundle it.
   */
  transport?: 'api3';
  /** Base URL; defaults to https://cvm.tencentcloudapi.com (https://cvm.api.qcloud.com for the legacy client). */
  endpoint?: string;
  /** API 3.0 only: language of error messages. */
  language?: 'zh-CN' | 'en-US';
  /** Clock in milliseconds; inject to pin timestamps in tests. */
  now?: () => number;
}

type Fields = {
  readonly provider: 'tencent';
  readonly region: string;
  readonly transport: 'api3' | 'legacy';
};
export type TencentCvmClient = TencentCvmMethods & Fields;

/** One road to CVM (API 3.0 here, the legacy gateway in legacy.ts): its own options, its table, its adapter. */
export interface TencentRoad<Options> {
  readonly name: 'api3' | 'legacy';
  readonly options: ClientOptionRules;
  // Both roads validate with API 3.0's rules: the input object is the same, only its wire form differs.
  readonly operations: OperationTable;
  adapter(options: Options): ServiceAdapter<TencentCredentials>;
}

/** A Tencent client on one road; each entry point has its own factory over it. */
export function tencentClient<Options extends { region: string; endpoint?: string }>(
  road: TencentRoad<Options>,
  given: Options,
): TencentCvmClient {
  return createProviderClient<TencentCvmMethods, Fields, Options & TransportOptions, TencentCredentials>(
    { ...providerFacts, options: road.options },
    given,
    (options) => {
      const { region, endpoint = defaultEndpoints[road.name] } = options;
      const transport = road.name;
      return {
        services: [{ adapter: road.adapter(options), operations: road.operations, endpoint }],
        fields: { provider: 'tencent', region, transport },
        summary: { kind: 'TencentCvmClient', region, transport, endpoint },
      };
    },
  );
}

const API3: TencentRoad<TencentCvmClientOptions> = {
  name: 'api3',
  options: { properties: { transport: { enum: ['api3'] }, language: { enum: ['zh-CN', 'en-US'] } } },
  operations: api3Operations,
  adapter: api3Adapter,
};

/**
 * A typed, signed Tencent Cloud CVM client (API 3.0): one method per action of the spec, e.g.
 * `client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S1.LARGE4' }, { signal })`.
 */
export function createTencentCvmClient(given: TencentCvmClientOptions): TencentCvmClient {
  // Read without invoking a getter (core's check refuses those): only to point at the entry that has it.
  const transport =
    typeof given === 'object' && given !== null && Object.getOwnPropertyDescriptor(given, 'transport');
  if (transport && transport.value === 'legacy')
    throw new ValidationError(
      "transport 'legacy' is createTencentCvmLegacyClient from '@instancekit/tencent-cvm/legacy'",
      { field: 'transport', rule: 'enum', provider: 'tencent' },
    );
  return tencentClient(API3, given);
}
