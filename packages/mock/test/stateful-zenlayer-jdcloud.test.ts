// Zenlayer's and JD Cloud's lifecycles on the stateful mock, driven by ZC2- and JDCLOUD2-signed wire requests with
// verification on: a running instance refuses a resize with the provider's documented error and status, the
// instance type changes only at the end of the transition, and authentication failures get the gateways' answers.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningMocks, startMocks } from '../src/index';
import { control, jdcloud, KEYS, sleep, zenlayer } from './signed';

// Long enough that a describe sent right after a mutation lands inside the transitional state on a loaded CI machine.
const TRANSITION_MS = 300;
const ZID = '1660545330971680835';
const JID = 'i-6za0ovr24v';
let mocks: RunningMocks;
let zec: string;
let vm: string;

beforeAll(async () => {
  mocks = await startMocks({
    providers: ['zenlayer-zec', 'jdcloud-vm'],
    credentials: { zenlayer: KEYS.zenlayer, jdcloud: KEYS.jdcloud },
    stateful: {
      transitionMs: TRANSITION_MS,
      soldOut: [
        { provider: 'zenlayer', instanceType: 'z2a.cpu.64' },
        { provider: 'jdcloud', instanceType: 'g.n2.16xlarge' },
      ],
      instances: [
        { provider: 'zenlayer', instanceId: ZID, state: 'RUNNING', instanceType: 'z2a.cpu.2' },
        {
          provider: 'jdcloud',
          instanceId: JID,
          state: 'running',
          instanceType: 'g.n2.medium',
          region: 'cn-north-1',
        },
      ],
    },
  });
  zec = mocks.urls['zenlayer-zec']!;
  vm = mocks.urls['jdcloud-vm']!;
});
afterAll(() => mocks.close());
beforeEach(async () => {
  await control(zec, 'reset');
  await control(vm, 'reset');
});

describe('Zenlayer ZEC, stateful', () => {
  const status = async () =>
    (await zenlayer(zec, 'DescribeInstancesStatus', { instanceIds: [ZID] })).body.response.dataSet[0]
      .instanceStatus;
  const type = async () =>
    (await zenlayer(zec, 'DescribeInstances', { instanceIds: [ZID] })).body.response.dataSet[0].instanceType;

  it('refuses to resize a running instance, then stop → resize → start goes through the documented states', async () => {
    const refused = await zenlayer(zec, 'ModifyInstanceType', { instanceId: ZID, instanceType: 'z2a.cpu.4' });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT');
    expect((await zenlayer(zec, 'StopInstances', { instanceIds: [ZID] })).status).toBe(200);
    expect(await status()).toBe('STOPPING');
    await sleep(TRANSITION_MS + 30);
    expect(await status()).toBe('STOPPED');
    const accepted = await zenlayer(zec, 'ModifyInstanceType', {
      instanceId: ZID,
      instanceType: 'z2a.cpu.4',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.requestId).toMatch(
      /^T[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/,
    );
    expect(accepted.body.response.requestId).toBe(accepted.body.requestId);
    expect(await status()).toBe('RESIZING');
    expect(await type()).toBe('z2a.cpu.2');
    await sleep(TRANSITION_MS + 30);
    expect(await status()).toBe('STOPPED');
    expect(await type()).toBe('z2a.cpu.4');
    await zenlayer(zec, 'StartInstances', { instanceIds: [ZID] });
    expect(await status()).toBe('BOOTING');
    await sleep(TRANSITION_MS + 30);
    expect(await status()).toBe('RUNNING');
  });

  it('answers an unknown id, a sold-out type and bad signatures with the documented codes and statuses', async () => {
    const unknown = await zenlayer(zec, 'StopInstances', { instanceIds: ['999'] });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'INVALID_INSTANCE_NOT_FOUND']);
    await zenlayer(zec, 'StopInstances', { instanceIds: [ZID] });
    await sleep(TRANSITION_MS + 30);
    const soldOut = await zenlayer(zec, 'ModifyInstanceType', {
      instanceId: ZID,
      instanceType: 'z2a.cpu.64',
    });
    expect([soldOut.status, soldOut.body.code]).toEqual([400, 'STOCK_INSUFFICIENT']);
    const wrong = await zenlayer(zec, 'DescribeInstancesStatus', {}, { accessKeyPassword: 'wrong' });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'AUTHFAILURE_SIGNATURE_FAILURE']);
    const old = await zenlayer(
      zec,
      'DescribeInstancesStatus',
      {},
      { timestamp: Math.floor(Date.now() / 1000) - 400 },
    );
    expect([old.status, old.body.code]).toEqual([401, 'AUTHFAILURE_SIGNATURE_EXPIRED']);
  });
});

describe('JD Cloud VM, stateful', () => {
  const base = `/v1/regions/cn-north-1/instances/${JID}`;
  const describeOne = async () => (await jdcloud(vm, 'GET', base)).body.result.instance;

  it('refuses to resize a running instance (400 FAILED_PRECONDITION), then stop → resize → start', async () => {
    const refused = await jdcloud(vm, 'POST', `${base}%3AresizeInstance`, { instanceType: 'g.n2.large' });
    expect([refused.status, refused.body.error.status]).toEqual([400, 'FAILED_PRECONDITION']);
    await jdcloud(vm, 'POST', `${base}%3AstopInstance`, {});
    expect((await describeOne()).status).toBe('stopping');
    const busy = await jdcloud(vm, 'POST', `${base}%3AstartInstance`);
    expect([busy.status, busy.body.error.status]).toEqual([400, 'FAILED_PRECONDITION']);
    await sleep(TRANSITION_MS + 30);
    const accepted = await jdcloud(vm, 'POST', `${base}%3AresizeInstance`, { instanceType: 'g.n2.large' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.requestId).toMatch(/^[a-z0-9]{32}$/);
    expect(await describeOne()).toMatchObject({ status: 'resizing', instanceType: 'g.n2.medium' });
    const statuses = await jdcloud(vm, 'GET', '/v1/regions/cn-north-1/instanceStatus', undefined, {
      query: { 'filters.1.name': 'instanceId', 'filters.1.values.1': JID },
    });
    expect(statuses.body.result.instanceStatuses).toEqual([{ instanceId: JID, status: 'resizing' }]);
    await sleep(TRANSITION_MS + 30);
    expect(await describeOne()).toMatchObject({ status: 'stopped', instanceType: 'g.n2.large' });
    await jdcloud(vm, 'POST', `${base}%3AstartInstance`);
    await sleep(TRANSITION_MS + 30);
    expect((await describeOne()).status).toBe('running');
    const actions = (await control(vm, 'log')).entries.map(
      (e: { action: string; outcome: string }) => `${e.action}:${e.outcome}`,
    );
    expect(actions).toEqual([
      'resizeInstance:error',
      'stopInstance:accepted',
      'startInstance:error',
      'resizeInstance:accepted',
      'startInstance:accepted',
    ]);
  });

  it('answers an unknown id with 404 NOT_FOUND and bad signatures with 401 UNAUTHENTICATED', async () => {
    const unknown = await jdcloud(vm, 'GET', '/v1/regions/cn-north-1/instances/i-0000000000');
    expect([unknown.status, unknown.body.error.status]).toEqual([404, 'NOT_FOUND']);
    const wrong = await jdcloud(vm, 'GET', base, undefined, { secretKey: 'wrong' });
    expect([wrong.status, wrong.body.error.status]).toEqual([401, 'UNAUTHENTICATED']);
    const old = await jdcloud(vm, 'GET', base, undefined, { timestampMs: Date.now() - 400_000 });
    expect([old.status, old.body.error.status]).toEqual([401, 'UNAUTHENTICATED']);
  });
});
