import { ApiError, type ErrorCode, RateLimitError, ResponseFormatError } from '@instancekit/core';
import { type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createZenlayerZecClient,
  errorCodes,
  type ZecActionName,
  type ZecInput,
  type ZenlayerZecClientOptions,
  zecOperations,
} from '../src/index';
import { type NamedExample, responseExamples } from './spec-examples';

/**
 * Every operation of specs/zenlayer-zec/zec.yaml through the client against the Prism mock of that spec, over
 * real HTTP with signed requests. Prism validates each request (headers, body, Authorization present) before
 * answering with the example chosen by `Prefer: example=<name>`, so a request the spec refuses fails here.
 */

let mocks: RunningMocks;
let endpoint: string;

beforeAll(async () => {
  mocks = await startMocks({ providers: ['zenlayer-zec'] });
  endpoint = mocks.urls['zenlayer-zec']!;
});

afterAll(async () => {
  await mocks?.close();
});

const credentials = { accessKeyId: 'ZLEXAMPLEKEYID0001', accessKeyPassword: 'TESTPASSWORDexample0000000' };

/** A client whose fetch adds `Prefer: example=<name>` and counts the requests it sends. */
function clientFor(example: string, options: Partial<ZenlayerZecClientOptions> = {}) {
  const sent: Request[] = [];
  const client = createZenlayerZecClient({
    credentials,
    endpoint,
    retry: false,
    fetch: (request) => {
      request.headers.set('Prefer', `example=${example}`);
      sent.push(request);
      return fetch(request);
    },
    ...options,
  });
  return { client, sent };
}

/** A valid input per action; typed, so a new action in the spec fails to compile until it is added here. */
const INPUTS: { [A in ZecActionName]: ZecInput<A> } = {
  ModifyInstanceType: { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' },
  InquiryPriceModifyInstanceType: { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' },
  ResetInstance: {
    instanceId: '1660545330971680835',
    imageId: 'ubuntu2404_20240712',
    password: 'Example+123',
    timezone: 'America/Los_Angeles',
    enableAgent: true,
    instanceName: 'web-01',
    userData: 'IyEvYmluL3NoCmVjaG8gaGk=',
  },
  DescribeInstancesStatus: { instanceIds: ['1660545330971680835', '1478001766933994003'] },
  StopInstances: { instanceIds: ['1660545330971680835', '1478001766933994003'], forceShutdown: false },
  StartInstances: { instanceIds: ['1660545330971680835', '1478001766933994003'] },
  DescribeInstances: { instanceIds: ['1660545330971680835'], pageSize: 20, pageNum: 1 },
  DescribeZoneInstanceConfigInfos: { zoneId: 'asia-east-1a', instanceType: 'z2a.cpu.4' },
};

function call(client: ReturnType<typeof clientFor>['client'], action: ZecActionName): Promise<unknown> {
  return (client[action] as (input: unknown) => Promise<unknown>)(INPUTS[action]);
}

const EXAMPLES = responseExamples();
const ACTIONS = Object.keys(zecOperations) as ZecActionName[];

/**
 * The codes the reference documents per action (zenlayer-zec-and-jdcloud-vm.md A4, settled-questions §2–§3),
 * so the test cannot pass vacuously if the spec loses examples or the YAML reading breaks.
 */
const COMMON = [
  'MISSING_PARAMETER',
  'AUTHFAILURE_SIGNATURE_FAILURE',
  'REQUEST_LIMIT_EXCEEDED',
  'INTERNAL_SERVER_ERROR',
];
const MODIFY_CODES = [
  'INVALID_INSTANCE_NOT_FOUND',
  'INVALID_INSTANCE_TYPE_NOT_FOUND',
  'INVALID_INSTANCE_TYPE_NOT_CHANGED',
  'OPERATION_FAILED_INSTANCE_TYPE_UNSUPPORTED',
  'OPERATION_DENIED_GPU_INSTANCE_NOT_SUPPORT',
  'OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT',
  'OPERATION_DENIED_INSTANCE_EXIST_PLAN',
  'OPERATION_DENIED_INSTANCE_PLAN_PROCESSING',
  'UNSUPPORTED_OPERATION_ZONE_NOT_SUPPORT',
  'UNSUPPORTED_OPERATION_INSTANCE_BEING_RECYCLE',
  'INVALID_PRODUCT_NOT_FOUND',
  'STOCK_INSUFFICIENT',
];
const MINIMUM_ERRORS: Record<ZecActionName, string[]> = {
  ModifyInstanceType: [...COMMON, ...MODIFY_CODES],
  InquiryPriceModifyInstanceType: [...COMMON, ...MODIFY_CODES],
  ResetInstance: [
    ...COMMON,
    'INVALID_INSTANCE_NOT_FOUND',
    'INVALID_IMAGE_NOT_FOUND',
    'INVALID_PASSWORD_MALFORMED',
  ],
  DescribeInstancesStatus: [...COMMON, 'OPERATION_FAILED_RESOURCE_GROUP_NOT_FOUND'],
  StopInstances: [
    ...COMMON,
    'INVALID_INSTANCE_NOT_FOUND',
    'OPERATION_DENIED_INSTANCE_RECYCLED',
    'OPERATION_DENIED_INSTANCE_NOT_RUNNING',
  ],
  StartInstances: [
    ...COMMON,
    'INVALID_INSTANCE_NOT_FOUND',
    'OPERATION_DENIED_INSTANCE_RECYCLED',
    'OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT',
  ],
  DescribeInstances: COMMON,
  // Documented for the old VM API's action of the same name (the ZEC one has no docs page).
  DescribeZoneInstanceConfigInfos: [...COMMON, 'INVALID_ZONE_NOT_FOUND'],
};

/** Normalized codes pinned here, independently of the table, for a sample of every family. */
const PINNED: Record<string, ErrorCode> = {
  INVALID_INSTANCE_NOT_FOUND: 'NotFound',
  INVALID_IMAGE_NOT_FOUND: 'NotFound',
  OPERATION_FAILED_RESOURCE_GROUP_NOT_FOUND: 'NotFound',
  MISSING_PARAMETER: 'InvalidParameter',
  INVALID_PASSWORD_MALFORMED: 'InvalidParameter',
  OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT: 'InvalidState',
  OPERATION_DENIED_INSTANCE_NOT_RUNNING: 'InvalidState',
  STOCK_INSUFFICIENT: 'SoldOut',
  OPERATION_DENIED_GPU_INSTANCE_NOT_SUPPORT: 'Unsupported',
  UNSUPPORTED_OPERATION_ZONE_NOT_SUPPORT: 'Unsupported',
  AUTHFAILURE_SIGNATURE_EXPIRED: 'AuthFailure',
  REQUEST_LIMIT_EXCEEDED: 'RateLimited',
  SERVICE_TEMPORARY_UNAVAILABLE: 'Unavailable',
  REQUEST_TIMED_OUT: 'Unavailable',
  INTERNAL_SERVER_ERROR: 'Internal',
};

describe('the spec and the operations table agree', () => {
  it('has the same eight actions in the spec, the generated table and the inputs', () => {
    expect([...EXAMPLES.keys()].sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(INPUTS).sort()).toEqual([...ACTIONS].sort());
    expect(ACTIONS).toHaveLength(8);
  });

  it.each(ACTIONS)('%s has a success example and at least the documented error examples', (action) => {
    const examples = EXAMPLES.get(action)!;
    expect(examples.find((e) => e.status === 200 && e.name === 'success')).toBeDefined();
    const errorNames = examples.filter((e) => e.status !== 200).map((e) => e.name);
    expect(errorNames).toEqual(expect.arrayContaining(MINIMUM_ERRORS[action]));
  });
});

describe.each(ACTIONS)('%s against the mock', (action) => {
  const successes = EXAMPLES.get(action)!.filter((e) => e.status === 200);
  const errors = EXAMPLES.get(action)!.filter((e) => e.status !== 200);

  it.each(successes.map((e) => [e.name, e] as const))(
    '200 %s → the response object',
    async (_name, example) => {
      const { client, sent } = clientFor(example.name);
      const result = await call(client, action);
      expect(result).toEqual(example.value.response);
      expect(sent).toHaveLength(1);
    },
  );

  it.each(errors.map((e) => [e.name, e] as const))(
    '%s → typed error',
    async (_name, example: NamedExample) => {
      const { client, sent } = clientFor(example.name);
      const error = await call(client, action).then(
        () => expect.unreachable('expected an error'),
        (caught: unknown) => caught,
      );
      const providerCode = example.value.code as string;
      expect(providerCode).toBe(example.name);
      const throttled = example.status === 429 || providerCode === 'REQUEST_LIMIT_EXCEEDED';
      expect(error).toBeInstanceOf(throttled ? RateLimitError : ApiError);
      if (!throttled) expect(error).not.toBeInstanceOf(RateLimitError);
      const documented: Record<string, string> = errorCodes;
      expect(documented[providerCode], `${providerCode} is missing from errorCodes`).toBeDefined();
      expect(error).toMatchObject({
        provider: 'zenlayer',
        action,
        code: PINNED[providerCode] ?? documented[providerCode],
        providerCode,
        requestId: example.value.requestId,
        httpStatus: example.status,
        retryable: example.status >= 500 || example.status === 429,
        attempts: 1,
      });
      expect(sent).toHaveLength(1);
    },
  );
});

describe('typed success fields', () => {
  it('ModifyInstanceType returns the accepted request id', async () => {
    const result = await clientFor('success').client.ModifyInstanceType(INPUTS.ModifyInstanceType);
    expect(result.requestId).toBe('T05992D0C-7E8B-4047-B0C0-780F2CD549D3');
  });

  it('InquiryPriceModifyInstanceType returns price items', async () => {
    const result = await clientFor('success').client.InquiryPriceModifyInstanceType(
      INPUTS.InquiryPriceModifyInstanceType,
    );
    expect(result.specPrice?.unitPrice).toBe(0.0556);
    expect(result.specPrice?.chargeUnit).toBe('HOUR');
    expect(result.gpuPrice).toBeNull();
    expect(result.systemDiskPrice?.discountUnitPrice).toBe(0.0028);
  });

  it('DescribeInstancesStatus returns statuses', async () => {
    const result = await clientFor('success').client.DescribeInstancesStatus(INPUTS.DescribeInstancesStatus);
    expect(result.totalCount).toBe(2);
    expect(result.dataSet?.map((item) => [item.instanceId, item.instanceStatus])).toEqual([
      ['1660545330971680835', 'RESIZING'],
      ['1478001766933994003', 'RUNNING'],
    ]);
  });

  it('StopInstances reports the ids that failed', async () => {
    const result = await clientFor('partialFailure').client.StopInstances(INPUTS.StopInstances);
    expect(result.instanceIds).toEqual(['1478001766933994003']);
  });

  it('ResetInstance returns the accepted request id', async () => {
    const result = await clientFor('success').client.ResetInstance(INPUTS.ResetInstance);
    expect(result.requestId).toBe('TC1748D3E-452D-4F74-8485-7AA73718E453');
  });
});

describe('the mock validates what the client sends', () => {
  it('answers 401 to a request without Authorization', async () => {
    const client = createZenlayerZecClient({
      credentials,
      endpoint,
      retry: false,
      fetch: (request) => {
        request.headers.delete('Authorization');
        return fetch(request);
      },
    });
    const error = (await client.DescribeInstancesStatus().catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ httpStatus: 401, code: 'AuthFailure' });
    expect(error.providerCode).toMatch(/^AUTHFAILURE_/);
  });

  it('answers 422 to a body the spec refuses (which the client would not send)', async () => {
    const client = createZenlayerZecClient({
      credentials,
      endpoint,
      retry: false,
      fetch: (request) => fetch(new Request(request, { body: '{"instanceId":"1660545330971680835"}' })),
    });
    const error = (await client
      .ModifyInstanceType(INPUTS.ModifyInstanceType)
      .catch((e: unknown) => e)) as ResponseFormatError;
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error.httpStatus).toBe(422);
    expect(error.bodySnippet).toContain('UNPROCESSABLE_ENTITY');
  });

  it('answers 422 to a wrong X-ZC-Version', async () => {
    const client = createZenlayerZecClient({
      credentials,
      endpoint,
      retry: false,
      fetch: (request) => {
        request.headers.set('X-ZC-Version', '2024-04-01');
        return fetch(request);
      },
    });
    const error = (await client.DescribeInstancesStatus().catch((e: unknown) => e)) as ResponseFormatError;
    expect(error).toBeInstanceOf(ResponseFormatError);
    expect(error.httpStatus).toBe(422);
  });
});
