// Every action of both Tencent transports through the typed client, signed, over real HTTP, against the
// Prism mocks started from specs/tencent-cvm: the success example and every named error example.
import { fileURLToPath } from 'node:url';
import { ApiError, RateLimitError } from '@instancekit/core';
import { type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDereferenced } from '../../../tools/generate/load-spec.js';
import { legacyOperations, type TencentCvmClient } from '../src/index.js';
import { makeTencentClient } from './clients.js';

const spec = loadDereferenced(
  fileURLToPath(new URL('../../../specs/tencent-cvm/api3.yaml', import.meta.url)),
) as any;

/** action → { example name → example } from the spec's 200 response. */
const examplesByAction = new Map<string, Record<string, { value: any }>>();
for (const item of Object.values(spec.paths as Record<string, any>)) {
  const op = item.post;
  examplesByAction.set(op.operationId, op.responses['200'].content['application/json'].examples);
}

const ACTIONS = [
  'ResetInstancesType',
  'InquiryPriceResetInstancesType',
  'ResetInstance',
  'InquiryPriceResetInstance',
  'DescribeInstances',
  'DescribeInstancesStatus',
  'StopInstances',
  'StartInstances',
  'DescribeInstancesModification',
] as const;

const INPUTS: Record<(typeof ACTIONS)[number], any> = {
  ResetInstancesType: { InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S1.LARGE4' },
  InquiryPriceResetInstancesType: { InstanceIds: ['ins-2zvpghhc'], InstanceType: 'S1.SMALL4' },
  ResetInstance: {
    InstanceId: 'ins-r8hr2upy',
    ImageId: 'img-pmqg1cw7',
    SystemDisk: { DiskSize: 60 },
    LoginSettings: { Password: 'Qcloud@TestApi123++' },
    EnhancedService: { SecurityService: { Enabled: true }, MonitorService: { Enabled: true } },
  },
  InquiryPriceResetInstance: { InstanceId: 'ins-2zvpghhc', SystemDisk: { DiskSize: 50 } },
  DescribeInstances: { InstanceIds: ['ins-r8hr2upy'] },
  DescribeInstancesStatus: { InstanceIds: ['ins-r8hr2upy'] },
  StopInstances: { InstanceIds: ['ins-r8hr2upy'], StopType: 'SOFT_FIRST' },
  StartInstances: { InstanceIds: ['ins-r8hr2upy'] },
  DescribeInstancesModification: { InstanceIds: ['ins-r8hr2upy'] },
};

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ providers: ['tencent-cvm-api3', 'tencent-cvm-legacy'] });
}, 60_000);
afterAll(() => mocks?.close());

function client(transport: 'api3' | 'legacy', example?: string): TencentCvmClient {
  return makeTencentClient({
    credentials: { secretId: 'AKIDexample', secretKey: 'example-secret-key' },
    region: 'ap-guangzhou',
    transport,
    endpoint: mocks.urls[transport === 'api3' ? 'tencent-cvm-api3' : 'tencent-cvm-legacy']!,
    retry: false,
    fetch: (request) => {
      if (example) request.headers.set('Prefer', `example=${example}`);
      return fetch(request);
    },
  });
}

it('the spec lists every action this suite covers, each with error examples', () => {
  expect([...examplesByAction.keys()].sort()).toEqual([...ACTIONS].sort());
  for (const action of ACTIONS) expect(Object.keys(examplesByAction.get(action)!).length).toBeGreaterThan(5);
});

for (const transport of ['api3', 'legacy'] as const) {
  describe(`${transport} transport`, () => {
    // The legacy gateway's spec lists the actions it has; API 3.0 has them all.
    const actions = ACTIONS.filter((action) => transport === 'api3' || action in legacyOperations);
    for (const action of actions) {
      it(`${action}: success example comes back as the typed Response`, async () => {
        const result = await (client(transport)[action] as any)(INPUTS[action]);
        const expected = examplesByAction.get(action)!.success!.value.Response;
        expect(result).toEqual(expected);
        expect(result.RequestId).toMatch(/^[0-9a-f-]{36}$/);
      });

      it(`${action}: every named error example becomes a typed error`, async () => {
        const errors = Object.entries(examplesByAction.get(action)!).filter(([name]) => name !== 'success');
        for (const [name, example] of errors) {
          const failure = await (client(transport, name)[action] as any)(INPUTS[action]).catch(
            (e: unknown) => e,
          );
          expect(failure, name).toBeInstanceOf(ApiError);
          expect(failure.providerCode).toBe(example.value.Response.Error.Code);
          expect(failure.requestId).toBe(example.value.Response.RequestId);
          expect(failure.provider).toBe('tencent');
          expect(failure.action).toBe(action);
          expect(failure.httpStatus).toBe(200);
          if (name.startsWith('RequestLimitExceeded')) expect(failure).toBeInstanceOf(RateLimitError);
        }
      });
    }
  });
}
