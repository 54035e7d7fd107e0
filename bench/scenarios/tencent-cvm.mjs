import { createTencentCvmClient } from '@instancekit/tencent-cvm';
import { TENCENT } from './_fixtures.mjs';

export function create({ endpoint, fetch }) {
  const client = createTencentCvmClient({
    region: TENCENT.region,
    credentials: TENCENT.credentials,
    endpoint,
    ...(fetch ? { fetch } : {}),
  });
  return () =>
    client.ResetInstancesType({ InstanceIds: [TENCENT.instanceId], InstanceType: TENCENT.instanceType });
}
