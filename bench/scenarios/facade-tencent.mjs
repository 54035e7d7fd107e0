// The one-provider entry: what a Tencent user bundles (the root entry registers every driver).
import { createInstanceKit } from 'instancekit/tencent';
import { TENCENT } from './_fixtures.mjs';

export function create({ endpoint, fetch }) {
  const kit = createInstanceKit({
    region: TENCENT.region,
    credentials: TENCENT.credentials,
    endpoint,
    ...(fetch ? { fetch } : {}),
  });
  return () => kit.resize({ instanceId: TENCENT.instanceId, instanceType: TENCENT.instanceType });
}
