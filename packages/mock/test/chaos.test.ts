// Seeded faults: the same seed gives the same faults for the same requests (also after a reset), another seed
// other faults; each fault is the provider's own answer and is in the log; a faulted mutation never runs.
import { afterEach, describe, expect, it } from 'vitest';
import { type ChaosOptions, type RunningMocks, startMocks } from '../src/index';
import { control, zenlayer } from './signed';

const running: RunningMocks[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((mocks) => mocks.close()));
});

async function zenlayerWithChaos(chaos: ChaosOptions) {
  const mocks = await startMocks({
    providers: ['zenlayer-zec'],
    chaos,
    stateful: {
      transitionMs: 50,
      instances: [
        {
          provider: 'zenlayer',
          instanceId: '1660545330971680835',
          state: 'STOPPED',
          instanceType: 'z2a.cpu.2',
        },
      ],
    },
  });
  running.push(mocks);
  return mocks.urls['zenlayer-zec']!;
}

/** What 40 status reads get: the HTTP status and code of each (200 or the fault's code). */
async function outcomes(url: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 40; i++) {
    const answer = await zenlayer(url, 'DescribeInstancesStatus', {});
    seen.push(answer.status === 200 ? '200' : `${answer.status} ${answer.body.code}`);
  }
  return seen;
}

describe('seeded chaos', () => {
  const chaos = { seed: 42, throttle: 0.2, serverError: 0.1 };

  it('repeats the same faults for the same seed, also after a reset, and others for another seed', async () => {
    const first = await outcomes(await zenlayerWithChaos(chaos));
    const url = await zenlayerWithChaos(chaos);
    const second = await outcomes(url);
    expect(second).toEqual(first);
    expect(first).toContain('429 REQUEST_LIMIT_EXCEEDED');
    expect(first).toContain('500 INTERNAL_SERVER_ERROR');
    expect(first.filter((o) => o === '200').length).toBeGreaterThan(20);
    await control(url, 'reset');
    expect(await outcomes(url)).toEqual(first);
    const other = await outcomes(await zenlayerWithChaos({ ...chaos, seed: 7 }));
    expect(other).not.toEqual(first);
  });

  it('logs every injected fault, and a throttled resize leaves the instance alone', async () => {
    const url = await zenlayerWithChaos({ seed: 1, throttle: 1 });
    const resize = await zenlayer(url, 'ModifyInstanceType', {
      instanceId: '1660545330971680835',
      instanceType: 'z2a.cpu.4',
    });
    expect([resize.status, resize.body.code]).toEqual([429, 'REQUEST_LIMIT_EXCEEDED']);
    expect((await control(url, 'instances')).instances[0]).toMatchObject({ state: 'STOPPED', busy: false });
    expect((await control(url, 'log')).entries).toEqual([
      expect.objectContaining({
        action: 'ModifyInstanceType',
        instanceIds: ['1660545330971680835'],
        fault: 'throttle',
        outcome: 'error',
        error: 'REQUEST_LIMIT_EXCEEDED',
        status: 429,
      }),
    ]);
  });

  it('adds latency within the range', async () => {
    const url = await zenlayerWithChaos({ seed: 3, latencyMs: [60, 80] });
    const started = performance.now();
    await zenlayer(url, 'DescribeInstancesStatus', {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});
