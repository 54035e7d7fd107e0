// The official SDKs, signing with the keys the mock was given, against the stateful mock with verification on:
// their requests pass and see the state; a wrong secret fails the way each SDK reports a gateway refusal. The mock's
// verifiers (src/signature/) and these SDKs' signers share no code.
import { Agent } from 'node:http';
import { createRequire } from 'node:module';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMocks, startMocks } from '../src/index';
import { control, KEYS, sleep } from './signed';

const require = createRequire(import.meta.url);
// The SDKs ship no usable types here (JD's none at all): their answers are read by path in the assertions.
// biome-ignore lint/suspicious/noExplicitAny: untyped SDK answers
type SdkAnswer = any;
const tencentSdk = require('tencentcloud-sdk-nodejs-cvm') as {
  cvm: {
    v20170312: { Client: new (config: unknown) => Record<string, (req: unknown) => Promise<SdkAnswer>> };
  };
};
const JDCloudVM = require('jdcloud-sdk-js/src/services/vm.js') as new (
  config: unknown,
) => Record<string, (opts: unknown, regionId?: string) => Promise<SdkAnswer>>;
// jdcloud-sdk-js logs every request with console.log unless the global logger is replaced.
require('jdcloud-sdk-js/src/lib/core.js').config.logger = () => {};

const TRANSITION_MS = 300;
let mocks: RunningMocks;

beforeAll(async () => {
  mocks = await startMocks({
    providers: ['tencent-cvm-api3', 'jdcloud-vm'],
    credentials: { tencent: KEYS.tencent, jdcloud: KEYS.jdcloud },
    stateful: {
      transitionMs: TRANSITION_MS,
      instances: [
        { provider: 'tencent', instanceId: 'ins-sdk00001', state: 'STOPPED', instanceType: 'S5.MEDIUM4' },
        { provider: 'jdcloud', instanceId: 'i-sdk0000001', state: 'running', instanceType: 'g.n2.medium' },
      ],
    },
  });
});
afterAll(() => mocks.close());

/**
 * The Tencent SDK takes the TC3 service from the endpoint's first label, so the endpoint must start with `cvm.`;
 * this agent connects such a name to the mock's loopback address.
 */
const loopback: LookupFunction = (_host, options, callback) => {
  if ((options as { all?: boolean }).all)
    (callback as (e: null, a: object[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};

function tencentClient(secretKey: string) {
  const port = new URL(mocks.urls['tencent-cvm-api3']!).port;
  return new tencentSdk.cvm.v20170312.Client({
    credential: { secretId: KEYS.tencent.secretId, secretKey },
    region: 'ap-guangzhou',
    profile: {
      httpProfile: {
        endpoint: `cvm.mock.invalid:${port}`,
        protocol: 'http://',
        agent: new Agent({ lookup: loopback }),
      },
    },
  });
}

function jdClient(secretAccessKey: string) {
  return new JDCloudVM({
    credentials: { accessKeyId: KEYS.jdcloud.accessKey, secretAccessKey },
    regionId: 'cn-north-1',
    endpoint: { host: new URL(mocks.urls['jdcloud-vm']!).host, protocol: 'http' },
  });
}

describe('tencentcloud-sdk-nodejs-cvm 4.1.316 against the stateful mock', () => {
  it('resizes and reads the new type after the transition (TC3 verified)', async () => {
    const client = tencentClient(KEYS.tencent.secretKey);
    const accepted = await client.ResetInstancesType!({
      InstanceIds: ['ins-sdk00001'],
      InstanceType: 'S5.LARGE8',
    });
    const during = await client.DescribeInstances!({ InstanceIds: ['ins-sdk00001'] });
    expect(during.InstanceSet[0]).toMatchObject({
      LatestOperationRequestId: accepted.RequestId,
      LatestOperationState: 'OPERATING',
      InstanceType: 'S5.MEDIUM4',
    });
    await sleep(TRANSITION_MS + 30);
    const after = await client.DescribeInstances!({ InstanceIds: ['ins-sdk00001'] });
    expect(after.InstanceSet[0]).toMatchObject({
      LatestOperationState: 'SUCCESS',
      InstanceType: 'S5.LARGE8',
    });
  });

  it('rejects with AuthFailure.SignatureFailure when signing with a wrong secret', async () => {
    await expect(tencentClient('not-the-key').DescribeInstances!({})).rejects.toMatchObject({
      code: 'AuthFailure.SignatureFailure',
    });
  });
});

describe('jdcloud-sdk-js 1.2.202 against the stateful mock', () => {
  it('stops and reads the state (JDCLOUD2 verified, the colon sent as %3A)', async () => {
    const client = jdClient(KEYS.jdcloud.secretKey);
    await client.stopInstance!({ instanceId: 'i-sdk0000001' });
    expect((await client.describeInstance!({ instanceId: 'i-sdk0000001' })).result.instance.status).toBe(
      'stopping',
    );
    await sleep(TRANSITION_MS + 30);
    expect((await client.describeInstance!({ instanceId: 'i-sdk0000001' })).result.instance.status).toBe(
      'stopped',
    );
    const log = await control(mocks.urls['jdcloud-vm']!, 'log');
    expect(log.entries).toEqual([expect.objectContaining({ action: 'stopInstance', outcome: 'accepted' })]);
  });

  it('rejects with 401 UNAUTHENTICATED when signing with a wrong secret', async () => {
    await expect(
      jdClient('not-the-key').describeInstance!({ instanceId: 'i-sdk0000001' }),
    ).rejects.toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED' },
    });
  });
});
