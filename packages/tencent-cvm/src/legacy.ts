// @instancekit/tencent-cvm/legacy — the legacy cvm.api.qcloud.com gateway (GET /v2/index.php, signature v1), in an
// entry of its own so that API 3.0 users do not bundle its flattening and v1 signer.
import {
  type TencentCvmClient,
  type TencentCvmClientOptions,
  type TencentRoad,
  tencentClient,
} from './client.js';
import { legacyRoutes } from './generated/operations.js';
import { type LegacySignerSettings, legacyAdapter } from './legacy-transport.js';

export { type LegacySignerSettings, legacySigner } from './legacy-transport.js';
export { signV1, type V1Input, type V1Signature, type V1SignatureMethod } from './signing/v1.js';

/** The API 3.0 client's options but `transport` and `language`, and the v1 signer's settings. */
export interface TencentCvmLegacyClientOptions
  extends Omit<TencentCvmClientOptions, 'transport' | 'language'>,
    LegacySignerSettings {}

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
