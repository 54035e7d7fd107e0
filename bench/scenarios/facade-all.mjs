import { createInstanceKit } from 'instancekit';
import { JDCLOUD, TENCENT, ZENLAYER } from './_fixtures.mjs';

/** All three providers constructed (so none can be shaken out); the timed call is Tencent's resize. */
export function create({ endpoint, fetch }) {
  const common = { endpoint, ...(fetch ? { fetch } : {}) };
  const kits = {
    tencent: createInstanceKit({
      provider: 'tencent',
      region: TENCENT.region,
      credentials: TENCENT.credentials,
      ...common,
    }),
    zenlayer: createInstanceKit({ provider: 'zenlayer', credentials: ZENLAYER.credentials, ...common }),
    jdcloud: createInstanceKit({
      provider: 'jdcloud',
      region: JDCLOUD.region,
      credentials: JDCLOUD.credentials,
      ...common,
    }),
  };
  globalThis.__benchKits = kits;
  return () => kits.tencent.resize({ instanceId: TENCENT.instanceId, instanceType: TENCENT.instanceType });
}
