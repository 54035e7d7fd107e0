import {
  type ClientDeclaration,
  finishClient,
  type JsonRequestBody,
  type JsonSuccess,
  startClient,
  type TransportOptions,
} from '@instancekit/core/internal';
import type { ZecMethods } from './generated/methods.js';
import { zecOperations } from './generated/operations.js';
import { credentialFields, defaultEndpoints } from './generated/provider.js';
import type { operations as ZecOperations } from './generated/zec-schema.js';
import { API_VERSION, zc2Adapter } from './zc2-transport.js';

export type ZecActionName = keyof typeof zecOperations & keyof ZecOperations;

/** The typed input of an action: its JSON request body. */
export type ZecInput<A extends ZecActionName> = JsonRequestBody<ZecOperations[A]>;

/** The action's `response` object of the success envelope `{requestId, response}`. */
export type ZecResult<A extends ZecActionName> =
  JsonSuccess<ZecOperations[A]> extends { response: infer R } ? R : never;

/** One documented method per action (the spec's summary, description and docs link show on hover). */
export type ZenlayerZecMethods = ZecMethods<
  { [A in ZecActionName]: ZecInput<A> },
  { [A in ZecActionName]: ZecResult<A> }
>;

export interface ZenlayerCredentials {
  /** The AccessKey ID shown in the Zenlayer console; sent in `Authorization` as `Credential=`. */
  accessKeyId: string;
  /** The AccessKey Password: the HMAC key of ZC2-HMAC-SHA256. Never sent, never logged. */
  accessKeyPassword: string;
}

export interface ZenlayerZecClientOptions extends TransportOptions {
  /** Falls back to ZENLAYER_ACCESS_KEY_ID and ZENLAYER_ACCESS_KEY_PASSWORD. */
  credentials?: Partial<ZenlayerCredentials>;
  /** Base URL, without the `/api/v2/zec` path; defaults to https://console.zenlayer.com. */
  endpoint?: string;
  /** Clock in milliseconds, read per attempt for X-ZC-Timestamp; inject to pin it in tests. */
  now?: () => number;
}

export type ZenlayerZecClient = ZenlayerZecMethods & {
  readonly provider: 'zenlayer';
  /** The ZEC API version sent as X-ZC-Version. */
  readonly apiVersion: string;
};

/** The spec's server (`servers[0].url`). */
export const DEFAULT_ENDPOINT = defaultEndpoints.zec;

// Zenlayer has no region: its one endpoint serves every zone.
const DECLARATION: ClientDeclaration = {
  provider: 'zenlayer',
  label: 'Zenlayer',
  credentials: credentialFields,
  options: { properties: { credentials: { type: 'object' } } },
};

/**
 * A typed, signed Zenlayer ZEC client: one method per action of the spec, e.g.
 * `client.ModifyInstanceType({ instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' }, { signal })`.
 * Credentials are checked here, before any request; each method validates its input against the spec's rules
 * before sending and resolves to the action's `response` object, or rejects with a typed error.
 */
export function createZenlayerZecClient(given: ZenlayerZecClientOptions = {}): ZenlayerZecClient {
  const { options, credentials } = startClient<ZenlayerZecClientOptions, ZenlayerCredentials>(
    DECLARATION,
    given,
  );
  const endpoint = options.endpoint ?? DEFAULT_ENDPOINT;
  return finishClient<ZenlayerZecMethods, { provider: 'zenlayer'; apiVersion: string }>(
    [
      {
        adapter: zc2Adapter({ credentials, now: options.now ?? Date.now }),
        operations: zecOperations,
        endpoint,
      },
    ],
    options,
    { provider: 'zenlayer', apiVersion: API_VERSION },
    { kind: 'ZenlayerZecClient', endpoint, apiVersion: API_VERSION },
  );
}
