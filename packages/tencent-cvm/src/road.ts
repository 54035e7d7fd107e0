// A Tencent client on one of its roads: API 3.0 (client.ts) or the legacy gateway (legacy.ts). Not exported by
// the package's entries: each entry has its own factory.
import {
  type ClientOptionRules,
  createProviderClient,
  type OperationTable,
  type ServiceAdapter,
  type TransportOptions,
} from '@instancekit/core/internal';
import type {
  Fields,
  TencentCredentials,
  TencentCvmClient,
  TencentCvmClientOptions,
  TencentCvmMethods,
} from './client.js';
import { defaultEndpoints, providerFacts } from './generated/provider.js';

/** One road to CVM: its name, the options that are its own, its operation table and its adapter. */
export interface TencentRoad<Options> {
  readonly name: 'api3' | 'legacy';
  readonly options: ClientOptionRules;
  // Both roads validate with API 3.0's rules: the input object is the same, only its wire form differs.
  readonly operations: OperationTable;
  adapter(options: Options): ServiceAdapter<TencentCredentials>;
}

/** A Tencent client on one road (API 3.0 here, the legacy gateway in `./legacy.ts`). */
export function tencentClient<Options extends TencentCvmClientOptions | object>(
  road: TencentRoad<Options>,
  given: Options,
): TencentCvmClient {
  return createProviderClient<TencentCvmMethods, Fields, Options & TransportOptions, TencentCredentials>(
    { ...providerFacts, options: road.options },
    given,
    (options) => {
      const { region } = options as { region: string };
      const endpoint = (options as { endpoint?: string }).endpoint ?? defaultEndpoints[road.name];
      const transport = road.name;
      return {
        services: [{ adapter: road.adapter(options), operations: road.operations, endpoint }],
        fields: { provider: 'tencent', region, transport },
        summary: { kind: 'TencentCvmClient', region, transport, endpoint },
      };
    },
  );
}
