// The VM client class itself (what `jdcloud-sdk-js/src/services/vm` loads through a dynamic require):
// the smallest import of the official SDK that a bundler can follow.
import JDCloud from 'jdcloud-sdk-js/src/lib/core.js';
import VM from 'jdcloud-sdk-js/src/repo/vm/v1/vm.js';
import { JDCLOUD } from './_fixtures.mjs';

const quiet = () => {};

/** The SDK logs every request (password included) with console.log unless given a logger. It has no agent option. */
export function create({ endpoint }) {
  const url = new URL(endpoint);
  JDCloud.config.update({ logger: quiet });
  const vm = new VM({
    credentials: {
      accessKeyId: JDCLOUD.credentials.accessKey,
      secretAccessKey: JDCLOUD.credentials.secretKey,
    },
    regionId: JDCLOUD.region,
    endpoint: { host: url.host, protocol: url.protocol.replace(':', '') },
    logger: quiet,
  });
  return () => vm.resizeInstance({ instanceId: JDCLOUD.instanceId, instanceType: JDCLOUD.instanceType });
}
