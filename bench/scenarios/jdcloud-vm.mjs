import { createJdcloudVmClient } from '@instancekit/jdcloud-vm';
import { JDCLOUD } from './_fixtures.mjs';

export function create({ endpoint, fetch }) {
  const client = createJdcloudVmClient({
    region: JDCLOUD.region,
    credentials: JDCLOUD.credentials,
    endpoint,
    ...(fetch ? { fetch } : {}),
  });
  return () => client.resizeInstance({ instanceId: JDCLOUD.instanceId, instanceType: JDCLOUD.instanceType });
}
