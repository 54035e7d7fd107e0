// Tests that run one case on both roads name the road as `transport`, as the client's own `transport` field does;
// the road decides the factory (the legacy gateway is its own entry, @instancekit/tencent-cvm/legacy).
import { createTencentCvmClient, type TencentCvmClient, type TencentCvmClientOptions } from '../src/index.js';
import { createTencentCvmLegacyClient, type TencentCvmLegacyClientOptions } from '../src/legacy.js';

export type EitherOptions = Omit<TencentCvmClientOptions, 'transport'> &
  Omit<TencentCvmLegacyClientOptions, 'region'> & { transport?: 'api3' | 'legacy' };

export function makeTencentClient({ transport, ...options }: EitherOptions): TencentCvmClient {
  if (transport !== 'legacy') {
    const { signatureMethod: _s, nonce: _n, ...api3 } = options;
    return createTencentCvmClient(api3);
  }
  const { language: _l, ...legacy } = options;
  return createTencentCvmLegacyClient(legacy);
}
