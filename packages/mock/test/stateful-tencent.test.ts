// Tencent's lifecycle on the stateful mock, driven by TC3- and v1-signed wire requests with verification on:
// refusals come from the spec's lifecycle facts, describe answers from the state, and the control endpoints see
// every mutation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningMocks, startMocks } from '../src/index';
import { control, KEYS, sleep, tencent, tencentLegacy } from './signed';

// Long enough that a describe sent right after a mutation lands inside the first transitional state, also on a
// loaded 2-core CI machine (the ForceStop sequence splits it in three).
const TRANSITION_MS = 450;
let mocks: RunningMocks;
let api3: string;
let legacy: string;

beforeAll(async () => {
  mocks = await startMocks({
    providers: ['tencent-cvm-api3', 'tencent-cvm-legacy'],
    credentials: { tencent: KEYS.tencent },
    stateful: {
      transitionMs: TRANSITION_MS,
      soldOut: [{ provider: 'tencent', instanceType: 'S5.2XLARGE16' }],
      instances: [
        {
          provider: 'tencent',
          instanceId: 'ins-run00001',
          state: 'RUNNING',
          instanceType: 'S5.MEDIUM4',
          imageId: 'img-pmqg1cw7',
          region: 'ap-guangzhou',
        },
        {
          provider: 'tencent',
          instanceId: 'ins-stop0001',
          state: 'STOPPED',
          instanceType: 'S5.MEDIUM4',
          region: 'ap-guangzhou',
        },
      ],
    },
  });
  api3 = mocks.urls['tencent-cvm-api3']!;
  legacy = mocks.urls['tencent-cvm-legacy']!;
});
afterAll(() => mocks.close());
beforeEach(() => control(api3, 'reset'));

const describeOne = async (id: string) =>
  (await tencent(api3, 'DescribeInstances', { InstanceIds: [id] })).body.Response.InstanceSet[0];

describe('Tencent CVM, stateful', () => {
  it('resizes a stopped instance: OPERATING with the call’s RequestId, then SUCCESS and the new type', async () => {
    const accepted = await tencent(api3, 'ResetInstancesType', {
      InstanceIds: ['ins-stop0001'],
      InstanceType: 'S5.LARGE8',
    });
    expect(accepted.status).toBe(200);
    const requestId = accepted.body.Response.RequestId;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const during = await describeOne('ins-stop0001');
    expect(during).toMatchObject({
      InstanceType: 'S5.MEDIUM4',
      InstanceState: 'STOPPED',
      LatestOperation: 'ResetInstancesType',
      LatestOperationState: 'OPERATING',
      LatestOperationRequestId: requestId,
    });
    // Anything while the operation runs is refused as busy.
    const busy = await tencent(api3, 'StartInstances', { InstanceIds: ['ins-stop0001'] });
    expect(busy.body.Response.Error.Code).toBe('OperationDenied.InstanceOperationInProgress');
    await sleep(TRANSITION_MS + 30);
    expect(await describeOne('ins-stop0001')).toMatchObject({
      InstanceType: 'S5.LARGE8',
      InstanceState: 'STOPPED',
      LatestOperationState: 'SUCCESS',
      LatestOperationRequestId: requestId,
    });
  });

  it('refuses a running instance without ForceStop, and with ForceStop stops, resizes and starts it', async () => {
    const refused = await tencent(api3, 'ResetInstancesType', {
      InstanceIds: ['ins-run00001'],
      InstanceType: 'S5.LARGE8',
    });
    expect(refused.status).toBe(200);
    expect(refused.body.Response.Error.Code).toBe('UnsupportedOperation.InstanceStateRunning');
    const forced = await tencent(api3, 'ResetInstancesType', {
      InstanceIds: ['ins-run00001'],
      InstanceType: 'S5.LARGE8',
      ForceStop: true,
    });
    expect(forced.body.Response.Error).toBeUndefined();
    const states = new Set<string>();
    const deadline = Date.now() + TRANSITION_MS * 4;
    let last: { InstanceState: string; InstanceType: string } | undefined;
    while (Date.now() < deadline) {
      last = await describeOne('ins-run00001');
      states.add(last!.InstanceState);
      if (last!.InstanceType === 'S5.LARGE8') break;
      await sleep(15);
    }
    expect([...states]).toEqual(expect.arrayContaining(['STOPPING', 'RUNNING']));
    expect(last).toMatchObject({ InstanceState: 'RUNNING', InstanceType: 'S5.LARGE8' });
  });

  it('answers a sold-out type, an unknown id and another region with the documented errors', async () => {
    const soldOut = await tencent(api3, 'ResetInstancesType', {
      InstanceIds: ['ins-stop0001'],
      InstanceType: 'S5.2XLARGE16',
    });
    expect(soldOut.body.Response.Error.Code).toBe('ResourcesSoldOut.SpecifiedInstanceType');
    const unknown = await tencent(api3, 'StopInstances', { InstanceIds: ['ins-nothere1'] });
    expect(unknown.body.Response.Error.Code).toBe('InvalidInstanceId.NotFound');
    const elsewhere = await tencent(
      api3,
      'StopInstances',
      { InstanceIds: ['ins-run00001'] },
      { region: 'ap-shanghai' },
    );
    expect(elsewhere.body.Response.Error.Code).toBe('InvalidInstanceId.NotFound');
    const stopStopped = await tencent(api3, 'StopInstances', { InstanceIds: ['ins-stop0001'] });
    expect(stopStopped.body.Response.Error.Code).toBe('UnsupportedOperation.InstanceStateStopped');
  });

  it('stops and starts through STOPPING and STARTING; DescribeInstancesStatus follows', async () => {
    await tencent(api3, 'StopInstances', { InstanceIds: ['ins-run00001'] });
    const status = async () =>
      (await tencent(api3, 'DescribeInstancesStatus', { InstanceIds: ['ins-run00001'] })).body.Response
        .InstanceStatusSet[0].InstanceState;
    expect(await status()).toBe('STOPPING');
    await sleep(TRANSITION_MS + 30);
    expect(await status()).toBe('STOPPED');
    await tencent(api3, 'StartInstances', { InstanceIds: ['ins-run00001'] });
    expect(await status()).toBe('STARTING');
    await sleep(TRANSITION_MS + 30);
    expect(await status()).toBe('RUNNING');
  });

  it('logs every mutation once with its outcome, and reset goes back to the fixture', async () => {
    await tencent(api3, 'ResetInstancesType', { InstanceIds: ['ins-run00001'], InstanceType: 'S5.LARGE8' });
    const ok = await tencent(api3, 'ResetInstancesType', {
      InstanceIds: ['ins-stop0001'],
      InstanceType: 'S5.LARGE8',
    });
    await tencent(api3, 'DescribeInstances', {});
    const { entries } = await control(api3, 'log');
    expect(entries.map((e: { action: string }) => e.action)).toEqual([
      'ResetInstancesType',
      'ResetInstancesType',
    ]);
    expect(entries[0]).toMatchObject({
      instanceIds: ['ins-run00001'],
      outcome: 'error',
      error: 'UnsupportedOperation.InstanceStateRunning',
    });
    expect(entries[1]).toMatchObject({
      instanceIds: ['ins-stop0001'],
      outcome: 'accepted',
      requestId: ok.body.Response.RequestId,
    });
    expect(
      (await control(api3, 'instances')).instances.find(
        (i: { instanceId: string }) => i.instanceId === 'ins-stop0001',
      ).busy,
    ).toBe(true);
    await control(api3, 'reset');
    expect((await control(api3, 'log')).entries).toEqual([]);
    expect(await describeOne('ins-stop0001')).toMatchObject({
      InstanceType: 'S5.MEDIUM4',
      LatestOperationState: null,
    });
  });

  it('verifies TC3: a wrong secret, an old timestamp and an unknown SecretId get the gateway’s 200 answers', async () => {
    const body = { InstanceIds: ['ins-run00001'] };
    expect(
      (await tencent(api3, 'DescribeInstances', body, { secretKey: 'wrong' })).body.Response.Error.Code,
    ).toBe('AuthFailure.SignatureFailure');
    const old = Math.floor(Date.now() / 1000) - 301;
    const expired = await tencent(api3, 'DescribeInstances', body, { timestamp: old });
    expect(expired.status).toBe(200);
    expect(expired.body.Response.Error.Code).toBe('AuthFailure.SignatureExpire');
    expect(
      (await tencent(api3, 'DescribeInstances', body, { secretId: 'AKIDnobody' })).body.Response.Error.Code,
    ).toBe('AuthFailure.SecretIdNotFound');
    const unsigned = await fetch(api3, {
      method: 'POST',
      headers: { 'x-tc-action': 'DescribeInstances' },
      body: '{}',
    });
    expect((await unsigned.json()).Response.Error.Code).toBe('AuthFailure.InvalidAuthorization');
  });

  it('answers the next N mutations of an instance as busy on demand (POST /__instancekit/busy), executing none', async () => {
    const held = await fetch(`${api3}/__instancekit/busy?instanceId=ins-run00001&times=2`, {
      method: 'POST',
    });
    expect(await held.json()).toEqual({ instanceId: 'ins-run00001', busy: 2 });
    for (let i = 0; i < 2; i++) {
      const busy = await tencent(api3, 'StopInstances', { InstanceIds: ['ins-run00001'] });
      expect(busy.body.Response.Error.Code).toBe('OperationDenied.InstanceOperationInProgress');
      expect((await describeOne('ins-run00001')).InstanceState).toBe('RUNNING');
    }
    const accepted = await tencent(api3, 'StopInstances', { InstanceIds: ['ins-run00001'] });
    expect(accepted.body.Response.Error).toBeUndefined();
    expect((await control(api3, 'log')).entries.map((e: { outcome: string }) => e.outcome)).toEqual([
      'error',
      'error',
      'accepted',
    ]);
    const unknown = await fetch(`${api3}/__instancekit/busy?instanceId=ins-nobody1&times=1`, {
      method: 'POST',
    });
    expect(unknown.status).toBe(404);
    const bad = await fetch(`${api3}/__instancekit/busy?instanceId=ins-run00001&times=-1`, {
      method: 'POST',
    });
    expect(bad.status).toBe(400);
  });

  it('serves the same fleet on the legacy gateway with v1 signatures (HmacSHA1 and HmacSHA256)', async () => {
    for (const method of ['HmacSHA1', 'HmacSHA256'] as const) {
      const listed = await tencentLegacy(
        legacy,
        'DescribeInstances',
        { 'InstanceIds.1': 'ins-run00001' },
        { method },
      );
      expect(listed.body.Response.InstanceSet).toEqual([
        expect.objectContaining({ InstanceId: 'ins-run00001', InstanceState: 'RUNNING' }),
      ]);
    }
    const wrong = await tencentLegacy(legacy, 'DescribeInstances', {}, { secretKey: 'wrong' });
    expect(wrong.body.Response.Error.Code).toBe('AuthFailure.SignatureFailure');
    // A stop on the legacy gateway shows on API 3.0: one fleet per provider.
    await tencentLegacy(legacy, 'StopInstances', { 'InstanceIds.1': 'ins-run00001' });
    expect((await describeOne('ins-run00001')).InstanceState).toBe('STOPPING');
  });
});
