import { createInstanceKit } from 'instancekit';
import { TENCENT } from './_fixtures.mjs';

export function create({ endpoint, fetch }) {
  const kit = createInstanceKit({
    provider: 'tencent',
    region: TENCENT.region,
    credentials: TENCENT.credentials,
    endpoint,
    ...(fetch ? { fetch } : {}),
  });
  return () => kit.resize({ instanceId: TENCENT.instanceId, instanceType: TENCENT.instanceType });
}
