// The facade's waitFor for every provider against @instancekit/mock's stateful mode, with signature verification
// on: after resize() the instance still has its old type; waitFor returns only once the transition is over, and
// then the new type shows. The mock's log proves the resize was sent exactly once.
import { type RunningMocks, startMocks } from '@instancekit/mock';
import { createInstanceKit, type ProviderName } from 'instancekit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const TRANSITION_MS = 400;
const KEYS = {
  tencent: { secretId: 'AKIDstatefulwait0001', secretKey: 'tencent-stateful-secret' },
  zenlayer: { accessKeyId: 'zl-stateful-wait', accessKeyPassword: 'zenlayer-stateful-secret' },
  jdcloud: { accessKey: 'JDSTATEFULWAIT0001', secretKey: 'jdcloud-stateful-secret' },
};

const CASES: Array<{
  provider: ProviderName;
  mock: string;
  region?: string;
  instanceId: string;
  from: string;
  to: string;
  endState: string;
}> = [
  {
    provider: 'tencent',
    mock: 'tencent-cvm-api3',
    region: 'ap-guangzhou',
    instanceId: 'ins-wait0001',
    from: 'S5.MEDIUM4',
    to: 'S5.LARGE8',
    endState: 'SUCCESS',
  },
  {
    provider: 'zenlayer',
    mock: 'zenlayer-zec',
    instanceId: '1478001766933994003',
    from: 'z2a.cpu.2',
    to: 'z2a.cpu.4',
    endState: 'STOPPED',
  },
  {
    provider: 'jdcloud',
    mock: 'jdcloud-vm',
    region: 'cn-north-1',
    instanceId: 'i-wait000001',
    from: 'g.n2.medium',
    to: 'g.n2.large',
    endState: 'stopped',
  },
];

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({
    providers: CASES.map((c) => c.mock),
    credentials: KEYS,
    stateful: {
      transitionMs: TRANSITION_MS,
      instances: CASES.map((c) => ({
        provider: c.provider,
        instanceId: c.instanceId,
        // Each provider's spelling of "stopped": Zenlayer and JD resize only stopped instances.
        state: c.provider === 'jdcloud' ? 'stopped' : 'STOPPED',
        instanceType: c.from,
      })),
    },
  });
}, 60_000);
afterAll(() => mocks?.close());

// Straight to the mock on 127.0.0.1: the TC3 scope's service comes from the spec, never from the host name.
function endpointFor(c: (typeof CASES)[number]): string {
  return mocks.urls[c.mock]!;
}

async function mockState(mock: string, instanceId: string) {
  const body = (await (await fetch(`${mocks.urls[mock]}/__instancekit/instances`)).json()) as {
    instances: Array<{ instanceId: string; instanceType: string; busy: boolean }>;
  };
  return body.instances.find((instance) => instance.instanceId === instanceId)!;
}

describe.each(CASES)('waitFor on $provider against the stateful mock', (c) => {
  it('returns after the transition, when the new type shows; the resize was sent once', async () => {
    const kit = createInstanceKit({
      provider: c.provider,
      ...(c.region ? { region: c.region } : {}),
      credentials: KEYS[c.provider],
      endpoint: endpointFor(c),
    });
    const started = Date.now();
    const handle = await kit.resize({ instanceId: c.instanceId, instanceType: c.to });
    expect(await mockState(c.mock, c.instanceId)).toMatchObject({ instanceType: c.from, busy: true });
    const result = await kit.waitFor(handle, { intervalMs: 100, maxIntervalMs: 1000, timeoutMs: 15_000 });
    expect(result.state).toBe(c.endState);
    expect(Date.now() - started).toBeGreaterThanOrEqual(TRANSITION_MS);
    expect(await mockState(c.mock, c.instanceId)).toMatchObject({ instanceType: c.to, busy: false });
    const log = (await (await fetch(`${mocks.urls[c.mock]}/__instancekit/log`)).json()) as {
      entries: Array<{ action: string; outcome: string; requestId: string }>;
    };
    expect(log.entries).toEqual([
      expect.objectContaining({ action: handle.action, outcome: 'accepted', requestId: handle.requestId }),
    ]);
  }, 20_000);
});
