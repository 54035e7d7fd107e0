// @instancekit/tencent-cvm/legacy — the legacy cvm.api.qcloud.com gateway (GET /v2/index.php, signature v1), in an
// entry of its own so that API 3.0 users do not bundle its flattening and v1 signer.
import type { TransportOptions } from '@instancekit/core/internal';
import type { TencentCredentials, TencentCvmClient } from './client.js';
import { legacyRoutes } from './generated/operations.js';
import type { CredentialSourceOptions } from './generated/provider.js';
import { legacyAdapter } from './legacy-transport.js';
import { type TencentRoad, tencentClient } from './road.js';

export { type LegacySignerSettings, legacySigner } from './legacy-transport.js';
export { signV1, type V1Input, type V1Signature, type V1SignatureMethod } from './signing/v1.js';

export interface TencentCvmLegacyClientOptions extends TransportOptions, CredentialSourceOptions {
  /** Falls back to TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and TENCENTCLOUD_SESSION_TOKEN. */
  credentials?: Partial<TencentCredentials>;
  /** e.g. `ap-guangzhou`; sent as the `Region` parameter. */
  region: string;
  /** Base URL; defaults to https://cvm.api.qcloud.com. */
  endpoint?: string;
  /** Default HmacSHA256. */
  signatureMethod?: 'HmacSHA256' | 'HmacSHA1';
  /** Clock in milliseconds; inject to pin timestamps in tests. */
  now?: () => number;
  /** Nonce source (a positive integer per attempt); inject to pin it in tests. */
  nonce?: () => number;
}

const LEGACY: TencentRoad<TencentCvmLegacyClientOptions> = {
  name: 'legacy',
  options: {
    properties: { signatureMethod: { enum: ['HmacSHA256', 'HmacSHA1'] }, nonce: { type: 'function' } },
  },
  operations: legacyRoutes,
  adapter: legacyAdapter,
};

/**
 * A typed, signed client of the legacy gateway, with the same methods and inputs as `createTencentCvmClient`
 * (each input is flattened into the query: `InstanceIds.1`, booleans as TRUE/FALSE), e.g.
 * `client.ResetInstancesType({ InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S1.LARGE4' })`.
 */
export function createTencentCvmLegacyClient(given: TencentCvmLegacyClientOptions): TencentCvmClient {
  return tencentClient(LEGACY, given);
}
