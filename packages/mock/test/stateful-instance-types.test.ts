// Type listings on the stateful mock (the operations' x-instancekit.offers facts): Tencent's
// DescribeInstancesModification, Zenlayer's DescribeZoneInstanceConfigInfos and JD's describeInstanceTypes answer with
// the fixture's types and their sale status (which POST /__instancekit/stock changes at run time),
// a resize to a type the fixture marks sold out is refused, and the answers pass the spec's response schema (the
// mock answers 500 when one does not). Signed wire requests with verification on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockError, type RunningMocks, startMocks } from '../src/index';
import { jdcloud, KEYS, tencent, tencentLegacy, zenlayer } from './signed';

const TID = 'ins-stop0001';
const JID = 'i-6za0ovr24v';
const ZID = '1660545330971680835';
let mocks: RunningMocks;
let zec: string;
let api3: string;
let legacy: string;
let vm: string;

beforeAll(async () => {
  mocks = await startMocks({
    providers: ['tencent-cvm-api3', 'tencent-cvm-legacy', 'jdcloud-vm', 'zenlayer-zec'],
    credentials: { tencent: KEYS.tencent, jdcloud: KEYS.jdcloud, zenlayer: KEYS.zenlayer },
    stateful: {
      transitionMs: 300,
      instanceTypes: [
        { provider: 'tencent', instanceType: 'S5.LARGE8' },
        { provider: 'tencent', instanceType: 'S5.4XLARGE64', soldOut: true },
        { provider: 'jdcloud', instanceType: 'g.n2.large' },
        { provider: 'jdcloud', instanceType: 'g.n2.xlarge', soldOut: true },
        { provider: 'zenlayer', instanceType: 'z2a.cpu.4' },
        { provider: 'zenlayer', instanceType: 'z2a.cpu.8', soldOut: true },
        { provider: 'zenlayer', instanceType: 'z2a.cpu.16' },
      ],
      // The older form still counts, and adds its type to the listing.
      soldOut: [{ provider: 'tencent', instanceType: 'S5.8XLARGE128' }],
      instances: [
        {
          provider: 'tencent',
          instanceId: TID,
          state: 'STOPPED',
          instanceType: 'S5.MEDIUM4',
          region: 'ap-guangzhou',
        },
        {
          provider: 'jdcloud',
          instanceId: JID,
          state: 'stopped',
          instanceType: 'g.n2.medium',
          region: 'cn-north-1',
        },
        { provider: 'zenlayer', instanceId: ZID, state: 'STOPPED', instanceType: 'z2a.cpu.2' },
      ],
    },
  });
  zec = mocks.urls['zenlayer-zec']!;
  api3 = mocks.urls['tencent-cvm-api3']!;
  legacy = mocks.urls['tencent-cvm-legacy']!;
  vm = mocks.urls['jdcloud-vm']!;
});
afterAll(() => mocks.close());

// biome-ignore lint/suspicious/noExplicitAny: provider JSON read by path
const tencentTypes = (set: any[]) =>
  set.map((entry) => [entry.InstanceTypeConfig.InstanceType, entry.Status]);

describe('Tencent DescribeInstancesModification, stateful', () => {
  it('lists the fixture’s types with SELL or SOLD_OUT, the example’s other fields kept', async () => {
    const answer = await tencent(api3, 'DescribeInstancesModification', { InstanceIds: [TID] });
    expect(answer.status).toBe(200);
    const response = answer.body.Response;
    expect(tencentTypes(response.InstanceTypeConfigStatusSet)).toEqual([
      ['S5.LARGE8', 'SELL'],
      ['S5.4XLARGE64', 'SOLD_OUT'],
      ['S5.8XLARGE128', 'SOLD_OUT'],
    ]);
    expect(response.TotalCount).toBe(3);
    expect(response.InstanceTypeConfigStatusSet[0].InstanceTypeConfig.Zone).toBe('ap-guangzhou-3');
    // A fresh request id in Tencent's form, not the example's.
    expect(response.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(response.RequestId).not.toBe('0f3c5e7a-1b2d-4c6e-8f9a-2b4d6f8a0c1e');
  });

  it('answers InvalidInstanceId.NotFound for an unknown id or one in another region', async () => {
    const unknown = await tencent(api3, 'DescribeInstancesModification', { InstanceIds: ['ins-nobody01'] });
    expect(unknown.status).toBe(200);
    expect(unknown.body.Response.Error.Code).toBe('InvalidInstanceId.NotFound');
    const elsewhere = await tencent(
      api3,
      'DescribeInstancesModification',
      { InstanceIds: [TID] },
      { region: 'ap-shanghai' },
    );
    expect(elsewhere.body.Response.Error.Code).toBe('InvalidInstanceId.NotFound');
  });

  it('refuses a resize to a type marked soldOut in instanceTypes, accepts one on sale', async () => {
    const refused = await tencent(api3, 'ResetInstancesType', {
      InstanceIds: [TID],
      InstanceType: 'S5.4XLARGE64',
    });
    expect(refused.body.Response.Error.Code).toBe('ResourcesSoldOut.SpecifiedInstanceType');
    const accepted = await tencent(api3, 'ResetInstancesType', {
      InstanceIds: [TID],
      InstanceType: 'S5.LARGE8',
    });
    expect(accepted.body.Response.Error).toBeUndefined();
    expect(accepted.body.Response.RequestId).toBeTypeOf('string');
  });

  it('answers the same on the legacy gateway (InstanceIds.N)', async () => {
    const answer = await tencentLegacy(legacy, 'DescribeInstancesModification', { 'InstanceIds.1': TID });
    expect(answer.status).toBe(200);
    expect(tencentTypes(answer.body.Response.InstanceTypeConfigStatusSet)).toEqual([
      ['S5.LARGE8', 'SELL'],
      ['S5.4XLARGE64', 'SOLD_OUT'],
      ['S5.8XLARGE128', 'SOLD_OUT'],
    ]);
  });
});

describe('JD describeInstanceTypes, stateful', () => {
  const path = '/v1/regions/cn-north-1/instanceTypes';

  it('lists the fixture’s types with inStock in every zone', async () => {
    const answer = await jdcloud(vm, 'GET', path);
    expect(answer.status).toBe(200);
    const { instanceTypes, totalCount } = answer.body.result;
    // biome-ignore lint/suspicious/noExplicitAny: provider JSON read by path
    const shown = instanceTypes.map((type: any) => [
      type.instanceType,
      // biome-ignore lint/suspicious/noExplicitAny: provider JSON read by path
      type.state.map((zone: any) => zone.inStock),
    ]);
    expect(shown).toEqual([
      ['g.n2.large', [true, true]],
      ['g.n2.xlarge', [false, false]],
    ]);
    expect(totalCount).toBe(2);
    expect(instanceTypes[1].state[0]).toEqual({ az: 'cn-north-1a', inStock: false, availableCount: 0 });
  });

  it('keeps only the types the instanceTypes filter names', async () => {
    const answer = await jdcloud(vm, 'GET', path, undefined, {
      query: { 'filters.1.name': 'instanceTypes', 'filters.1.values.1': 'g.n2.xlarge' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.result.instanceTypes.map((t: { instanceType: string }) => t.instanceType)).toEqual([
      'g.n2.xlarge',
    ]);
    expect(answer.body.result.totalCount).toBe(1);
  });

  it('refuses a resize to the sold-out type with FAILED_PRECONDITION', async () => {
    const refused = await jdcloud(vm, 'POST', `/v1/regions/cn-north-1/instances/${JID}%3AresizeInstance`, {
      instanceType: 'g.n2.xlarge',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.status).toBe('FAILED_PRECONDITION');
  });
});

describe('Zenlayer DescribeZoneInstanceConfigInfos, stateful', () => {
  // biome-ignore lint/suspicious/noExplicitAny: provider JSON read by path
  const shown = (set: any[]) => set.map((entry) => [entry.instanceType, entry.withStock]);

  it('lists the fixture’s types with withStock, the example’s other fields kept', async () => {
    const answer = await zenlayer(zec, 'DescribeZoneInstanceConfigInfos', {});
    expect(answer.status).toBe(200);
    const { instanceTypeQuotaSet } = answer.body.response;
    expect(shown(instanceTypeQuotaSet)).toEqual([
      ['z2a.cpu.4', true],
      ['z2a.cpu.8', false],
      ['z2a.cpu.16', true],
    ]);
    expect(instanceTypeQuotaSet[0].zoneId).toBe('asia-east-1a');
    expect(answer.body.requestId).not.toBe('T2AC6C0A0-4871-4106-BE90-651552D6185C');
  });

  it('refuses a resize to the sold-out type with STOCK_INSUFFICIENT', async () => {
    const refused = await zenlayer(zec, 'ModifyInstanceType', { instanceId: ZID, instanceType: 'z2a.cpu.8' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('STOCK_INSUFFICIENT');
  });

  it('POST /__instancekit/stock sells a type out at run time (listing and resize), until a reset', async () => {
    const set = (query: string) => fetch(`${zec}/__instancekit/stock?${query}`, { method: 'POST' });
    expect((await set('instanceType=z2a.cpu.16&soldOut=true')).status).toBe(200);
    const listed = await zenlayer(zec, 'DescribeZoneInstanceConfigInfos', {});
    expect(shown(listed.body.response.instanceTypeQuotaSet)).toContainEqual(['z2a.cpu.16', false]);
    const refused = await zenlayer(zec, 'ModifyInstanceType', {
      instanceId: ZID,
      instanceType: 'z2a.cpu.16',
    });
    expect(refused.body.code).toBe('STOCK_INSUFFICIENT');
    expect((await set('instanceType=z2a.cpu.16')).status).toBe(400);
    expect((await set('soldOut=true')).status).toBe(400);
    await fetch(`${zec}/__instancekit/reset`, { method: 'POST' });
    const again = await zenlayer(zec, 'DescribeZoneInstanceConfigInfos', {});
    expect(shown(again.body.response.instanceTypeQuotaSet)).toContainEqual(['z2a.cpu.16', true]);
  });
});

describe('type listings without fixture types', () => {
  it('answer with the example, as without stateful', async () => {
    const plain = await startMocks({
      providers: ['tencent-cvm-api3'],
      stateful: {
        instances: [{ provider: 'tencent', instanceId: TID, state: 'STOPPED', instanceType: 'S5.MEDIUM4' }],
      },
    });
    try {
      const answer = await tencent(plain.urls['tencent-cvm-api3']!, 'DescribeInstancesModification', {
        InstanceIds: ['ins-nobody01'],
      });
      expect(tencentTypes(answer.body.Response.InstanceTypeConfigStatusSet)).toEqual([
        ['S5.LARGE8', 'SELL'],
        ['S5.2XLARGE16', 'SOLD_OUT'],
      ]);
    } finally {
      await plain.close();
    }
  });

  it('refuses a malformed instanceTypes entry before any server listens', async () => {
    const start = (instanceTypes: unknown) =>
      startMocks({
        providers: ['tencent-cvm-api3'],
        stateful: { instances: [], instanceTypes } as never,
      });
    await expect(start({})).rejects.toThrow(new MockError('stateful.instanceTypes must be a list'));
    await expect(start([{ provider: 'tencent' }])).rejects.toThrow(
      'stateful.instanceTypes entry {"provider":"tencent"}: instanceType must be a non-empty string',
    );
    await expect(start([{ provider: 'tencent', instanceType: 'S5.LARGE8', soldOut: 'yes' }])).rejects.toThrow(
      /soldOut must be true or false/,
    );
  });
});
