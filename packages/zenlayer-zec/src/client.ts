import {
  type ClientDeclaration,
  createProviderClient,
  type TransportOptions,
} from '@instancekit/core/internal';
import type { ZecInput, ZecMethods, ZecOperationId, ZecResult } from './generated/methods.js';
import { zecOperations } from './generated/operations.js';
import { type Credentials, defaultEndpoints, providerFacts } from './generated/provider.js';
import { API_VERSION, zc2Adapter } from './zc2-transport.js';

export type { ZecInput, ZecResult };
export type ZecActionName = ZecOperationId;
export type ZenlayerCredentials = Credentials;

/** One documented method per action (the spec's summary, description and docs link show on hover). */
export type ZenlayerZecMethods = ZecMethods<
  { [A in ZecActionName]: ZecInput<A> },
  { [A in ZecActionName]: ZecResult<A> }
>;

export interface ZenlayerZecClientOptions extends TransportOptions {
  /** Falls back to ZENLAYER_ACCESS_KEY_ID and ZENLAYER_ACCESS_KEY_PASSWORD. */
  credentials?: Partial<ZenlayerCredentials>;
  /** Base URL, without the `/api/v2/zec` path; defaults to https://console.zenlayer.com. */
  endpoint?: string;
  /** Clock in milliseconds, read per attempt for X-ZC-Timestamp; inject to pin it in tests. */
  now?: () => number;
}

/** `apiVersion`: the ZEC API version sent as X-ZC-Version. */
type Fields = { readonly provider: 'zenlayer'; readonly apiVersion: string };
export type ZenlayerZecClient = ZenlayerZecMethods & Fields;

/** The spec's server (`servers[0].url`). */
export const DEFAULT_ENDPOINT = defaultEndpoints.zec;

// Zenlayer has no region: its one endpoint serves every zone.
const DECLARATION: ClientDeclaration = providerFacts;

/**
 * A typed, signed Zenlayer ZEC client: one method per action of the spec, e.g.
 * `client.ModifyInstanceType({ instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' }, { signal })`.
 * Credentials are checked here, before any request; each method validates its input against the spec's rules
 * before sending and resolves to the action's `response` object, or rejects with a typed error.
 */
export function createZenlayerZecClient(given: ZenlayerZecClientOptions = {}): ZenlayerZecClient {
  return createProviderClient<ZenlayerZecMethods, Fields, ZenlayerZecClientOptions, ZenlayerCredentials>(
    DECLARATION,
    given,
    (options) => {
      const endpoint = options.endpoint ?? DEFAULT_ENDPOINT;
      return {
        services: [{ adapter: zc2Adapter(options), operations: zecOperations, endpoint }],
        fields: { provider: 'zenlayer', apiVersion: API_VERSION },
        summary: { kind: 'ZenlayerZecClient', endpoint, apiVersion: API_VERSION },
      };
    },
  );
}
