/**
 * Every vm and billing operation through the typed client against the Prism mocks of the specs
 * (@instancekit/mock), over real HTTP with signed requests: the success example of each and every named error
 * example, selected with `Prefer: example=<STATUS>`. The examples come from the spec YAML; the hard-coded
 * lists below make sure the test cannot pass by finding nothing.
 */
import { ApiError, type ErrorCode, RateLimitError, ResponseFormatError } from '@instancekit/core';
import { type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  billingOperations,
  createJdcloudVmClient,
  type JdcloudInput,
  type JdcloudOperationName,
  type JdcloudVmClient,
  vmOperations,
} from '../src/index';
import { readSpecOperations, SPEC_FILES, type SpecExample } from './spec-examples';

const INSTANCE = 'i-6za0ovr24v';

/** A valid input per operation (the type checks that every operation has one). */
const INPUTS: { [A in JdcloudOperationName]: JdcloudInput<A> } = {
  resizeInstance: { instanceId: INSTANCE, instanceType: 'g.n2.medium', force: false },
  rebuildInstance: {
    instanceId: INSTANCE,
    imageId: 'img-m5s0t0y2mp',
    password: 'Ab3$kq9!Zt',
    hostname: 'web-01',
    keyNames: ['ops-key'],
    metadata: [{ key: 'role', value: 'web' }],
    userdata: [{ key: 'launch-script', value: 'IyEvYmluL2Jhc2gKZWNobyBoZWxsbwo=' }],
    passWordAuth: 'yes',
    imageInherit: 'no',
  },
  stopInstance: { instanceId: INSTANCE, chargeOnStopped: 'keepCharging' },
  startInstance: { instanceId: INSTANCE },
  describeInstance: { instanceId: INSTANCE },
  describeInstanceStatus: {
    pageNumber: 1,
    pageSize: 10,
    filters: [
      { name: 'instanceId', values: [INSTANCE, 'i-p3yh27xd3s'] },
      { name: 'status', values: ['running', 'resizing'], operator: 'eq' },
    ],
  },
  describeInstanceTypes: {
    serviceName: 'vm',
    filters: [{ name: 'instanceTypes', values: ['g.n2.medium', 'g.n2.large'] }],
  },
  calculateTotalPrice: {
    cmd: 3,
    packageCount: 1,
    orderList: [
      {
        resourceId: INSTANCE,
        appCode: 'jcloud',
        serviceCode: 'vm',
        site: 0,
        region: 'cn-north-1',
        billingType: 3,
        networkOperator: 0,
        count: 1,
        formula: [{ key: 'g.n2.large', value: 1 }],
      },
    ],
  },
};

/** The operations the specs must hold, and the error examples each must have at least. */
const COMMON_ERRORS = [
  'INVALID_ARGUMENT',
  'OUT_OF_RANGE',
  'UNAUTHENTICATED',
  'HTTP_FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMIT',
  'INTERNAL',
  'UNKNOWN',
  'UNAVAILABLE',
];
const MUTATION_ERRORS = [...COMMON_ERRORS, 'FAILED_PRECONDITION', 'ABORTED'];
const MINIMUM_ERRORS: Record<JdcloudOperationName, string[]> = {
  resizeInstance: [...MUTATION_ERRORS, 'QUOTA_EXCEEDED'],
  rebuildInstance: [...MUTATION_ERRORS, 'QUOTA_EXCEEDED'],
  stopInstance: MUTATION_ERRORS,
  startInstance: MUTATION_ERRORS,
  describeInstance: COMMON_ERRORS,
  describeInstanceStatus: COMMON_ERRORS,
  describeInstanceTypes: COMMON_ERRORS,
  calculateTotalPrice: COMMON_ERRORS,
};

/** What each documented status string must become (written out here, not read from the client's table). */
const EXPECTED_CODES: Record<string, ErrorCode> = {
  INVALID_ARGUMENT: 'InvalidParameter',
  OUT_OF_RANGE: 'InvalidParameter',
  FAILED_PRECONDITION: 'InvalidState',
  ABORTED: 'InvalidState',
  UNAUTHENTICATED: 'AuthFailure',
  HTTP_FORBIDDEN: 'AuthFailure',
  NOT_FOUND: 'NotFound',
  RATE_LIMIT: 'RateLimited',
  QUOTA_EXCEEDED: 'InvalidState',
  INTERNAL: 'Internal',
  UNKNOWN: 'Internal',
  UNAVAILABLE: 'Unavailable',
};

const SPEC = [...readSpecOperations(SPEC_FILES.vm), ...readSpecOperations(SPEC_FILES.billing)];
const ERROR_CASES = SPEC.flatMap((operation) =>
  operation.errors.map((example) => [operation.operationId as JdcloudOperationName, example] as const),
);

let mocks: RunningMocks;
let client: JdcloudVmClient;
/** The named example the next request asks for, and every request the client sent, as sent. */
let prefer: string | undefined;
let sent: Request[] = [];

beforeAll(async () => {
  mocks = await startMocks({ providers: ['jdcloud-vm', 'jdcloud-billing'] });
  client = createJdcloudVmClient({
    credentials: { accessKey: 'contract-ak', secretKey: 'contract-sk' },
    region: 'cn-north-1',
    endpoint: mocks.urls['jdcloud-vm'],
    billingEndpoint: mocks.urls['jdcloud-billing'],
    fetch: async (request) => {
      if (prefer) request.headers.set('Prefer', `example=${prefer}`);
      sent.push(request.clone());
      return fetch(request);
    },
  });
}, 60_000);

afterAll(async () => {
  await mocks?.close();
});

function call(operationId: JdcloudOperationName, retry?: false): Promise<unknown> {
  const method = client[operationId] as (input: unknown, options?: { retry?: false }) => Promise<unknown>;
  return method(INPUTS[operationId], retry === false ? { retry } : {});
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected an error, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('the specs and the client cover the same operations', () => {
  it('lists every operation of both specs, each with its minimum of named error examples', () => {
    const fromSpecs = SPEC.map((operation) => operation.operationId).sort();
    expect(fromSpecs).toEqual(Object.keys(MINIMUM_ERRORS).sort());
    expect([...Object.keys(vmOperations), ...Object.keys(billingOperations)].sort()).toEqual(fromSpecs);
    for (const operation of SPEC) {
      expect(operation.errors.map((example) => example.name)).toEqual(
        expect.arrayContaining(MINIMUM_ERRORS[operation.operationId as JdcloudOperationName]),
      );
      for (const name of operation.errors.map((example) => example.name))
        expect(EXPECTED_CODES).toHaveProperty(name);
    }
    const minimum = Object.values(MINIMUM_ERRORS).reduce((sum, names) => sum + names.length, 0);
    expect(minimum).toBe(82);
    expect(ERROR_CASES.length).toBeGreaterThanOrEqual(minimum);
  });
});

describe.each(SPEC.map((operation) => [operation.operationId, operation.success] as const))(
  '%s: success example',
  (operationId, example) => {
    it('returns the example’s result, from a signed request on the %3A path', async () => {
      prefer = undefined;
      sent = [];
      const result = await call(operationId as JdcloudOperationName);
      expect(result).toEqual(example.value.result);
      expect(sent).toHaveLength(1);
      const request = sent[0]!;
      const path = new URL(request.url).pathname;
      expect(path).not.toContain(':');
      if (operationId.endsWith('Instance') && request.method === 'POST')
        expect(path).toMatch(/%3A[a-z]+Instance$/);
      expect(path).toContain('/v1/regions/cn-north-1/');
      const service = operationId === 'calculateTotalPrice' ? 'billing' : 'vm';
      expect(request.headers.get('authorization')).toMatch(
        new RegExp(
          `^JDCLOUD2-HMAC-SHA256 Credential=contract-ak/\\d{8}/cn-north-1/${service}/jdcloud2_request, ` +
            'SignedHeaders=[a-z;-]*host;x-jdcloud-date;x-jdcloud-nonce, Signature=[0-9a-f]{64}$',
        ),
      );
    });
  },
);

describe('typed results of the success examples', () => {
  it('resizeInstance, rebuildInstance and stopInstance answer {}', async () => {
    prefer = undefined;
    expect(await client.resizeInstance({ instanceId: INSTANCE, instanceType: 'g.n2.medium' })).toEqual({});
    expect(await client.rebuildInstance({ instanceId: INSTANCE, password: 'Ab3$kq9!Zt' })).toEqual({});
    expect(await client.stopInstance({ instanceId: INSTANCE })).toEqual({});
  });

  it('describeInstance: status, instanceType and imageId', async () => {
    const { instance } = await client.describeInstance({ instanceId: INSTANCE });
    expect(instance?.instanceId).toBe(INSTANCE);
    expect(instance?.status).toBe('running');
    expect(instance?.instanceType).toBe('g.n2.medium');
    expect(instance?.imageId).toBe('img-m5s0t0y2mp');
  });

  it('describeInstanceStatus with filters: instanceStatuses and totalCount', async () => {
    sent = [];
    const page = await client.describeInstanceStatus({
      filters: [{ name: 'instanceId', values: [INSTANCE, 'i-p3yh27xd3s'] }],
    });
    expect(page.instanceStatuses?.map((s) => [s.instanceId, s.status])).toEqual([
      [INSTANCE, 'resizing'],
      ['i-p3yh27xd3s', 'running'],
    ]);
    expect(page.totalCount).toBe(2);
    expect(new URL(sent[0]!.url).search).toBe(
      '?filters.1.name=instanceId&filters.1.values.1=i-6za0ovr24v&filters.1.values.2=i-p3yh27xd3s',
    );
  });

  it('describeInstanceTypes: the type, its size and its stock per zone', async () => {
    const types = await client.describeInstanceTypes();
    const type = types.instanceTypes?.[0];
    expect(type?.instanceType).toBe('g.n2.medium');
    expect([type?.cpu, type?.memoryMB]).toEqual([1, 4096]);
    expect(type?.state?.map((s) => [s.az, s.inStock])).toEqual([
      ['cn-north-1a', true],
      ['cn-north-1b', false],
    ]);
  });

  it('calculateTotalPrice: totals and the priced line', async () => {
    const quote = await client.calculateTotalPrice(INPUTS.calculateTotalPrice);
    expect(quote.totalPrice).toBe(58.5);
    expect(quote.discountedTotalPrice).toBe(58.5);
    expect(quote.list?.[0]?.resourceId).toBe(INSTANCE);
    expect(quote.list?.[0]?.processType).toBe(1);
    expect(quote.list?.[0]?.formula?.[0]?.key).toBe('g.n2.large');
  });
});

describe.each(ERROR_CASES.map(([operationId, example]) => [operationId, example.name, example] as const))(
  '%s: error example %s',
  (operationId, name, example: SpecExample) => {
    it(`throws a typed error with the status string, HTTP ${example.status} and the request id`, async () => {
      prefer = name;
      sent = [];
      try {
        const error = await failure(call(operationId, false));
        expect(error).toBeInstanceOf(name === 'RATE_LIMIT' ? RateLimitError : ApiError);
        if (name !== 'RATE_LIMIT') expect(error).not.toBeInstanceOf(RateLimitError);
        expect(error).toMatchObject({
          provider: 'jdcloud',
          action: operationId,
          code: EXPECTED_CODES[name],
          providerCode: name,
          requestId: example.value.requestId,
          httpStatus: example.status,
          attempts: 1,
          requestIds: [example.value.requestId],
        });
        expect((error as Error).message).toContain(example.value.error!.message!);
        expect(sent).toHaveLength(1);
      } finally {
        prefer = undefined;
      }
    });
  },
);

describe('the mock validates what the client sends', () => {
  it('answers 401 to a request whose Authorization was removed, which the client reports as AuthFailure', async () => {
    const unsigned = createJdcloudVmClient({
      credentials: { accessKey: 'ak', secretKey: 'sk' },
      region: 'cn-north-1',
      endpoint: mocks.urls['jdcloud-vm'],
      retry: false,
      fetch: async (request) => {
        request.headers.delete('authorization');
        return fetch(request);
      },
    });
    const error = await failure(unsigned.describeInstance({ instanceId: INSTANCE }));
    expect(error).toMatchObject({ httpStatus: 401, code: 'AuthFailure' });
  });

  it('answers 422 when the wire request breaks the spec (an instance id the client would refuse)', async () => {
    const tampering = createJdcloudVmClient({
      credentials: { accessKey: 'ak', secretKey: 'sk' },
      region: 'cn-north-1',
      endpoint: mocks.urls['jdcloud-vm'],
      retry: false,
      fetch: async (request) => fetch(new Request(request.url.replace(INSTANCE, 'i-NOT_VALID'), request)),
    });
    const error = await failure(
      tampering.resizeInstance({ instanceId: INSTANCE, instanceType: 'g.n2.medium' }),
    );
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error).toMatchObject({ httpStatus: 422, code: 'InvalidParameter' });
  });
});
