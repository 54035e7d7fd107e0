import { fileURLToPath } from 'node:url';
import { MOCK_SPECS, type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, problemType } from './helpers';
import { readSpecOperations, type SpecOperation } from './spec-reader';
import { wireRequest } from './wire';

// The real Tencent specs (specs/tencent-cvm/*.yaml) behind the real mock, driven with raw fetch: API 3.0 as
// `POST /` + X-TC-* headers + Authorization, the legacy gateway as `GET /v2/index.php?Action=…&…&Signature=…`.
// Actions and example names are read from the specs, so a new action or example is covered without editing
// this file; the seven actions instancekit needs are asserted too, so the test cannot pass on an empty list.

const SEVEN_ACTIONS = [
  'ResetInstancesType',
  'InquiryPriceResetInstancesType',
  'ResetInstance',
  'InquiryPriceResetInstance',
  'DescribeInstances',
  'DescribeInstancesStatus',
  'StopInstances',
];

/** Parameters every action carries (common parameters); not the action's own required fields. */
const COMMON = new Set([
  'X-TC-Action',
  'X-TC-Version',
  'X-TC-Timestamp',
  'X-TC-Region',
  'Action',
  'Version',
  'Region',
  'Timestamp',
  'Nonce',
  'SecretId',
  'Signature',
]);

const specFile = (name: 'tencent-cvm-api3' | 'tencent-cvm-legacy') =>
  fileURLToPath(new URL(`../../../specs/${MOCK_SPECS[name]}`, import.meta.url));

const FLAVOURS = [
  {
    mock: 'tencent-cvm-api3',
    spec: specFile('tencent-cvm-api3'),
    actionParam: 'X-TC-Action',
    idParam: undefined,
  },
  {
    mock: 'tencent-cvm-legacy',
    spec: specFile('tencent-cvm-legacy'),
    actionParam: 'Action',
    idParam: 'query',
  },
] as const;

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({ providers: FLAVOURS.map((f) => f.mock) });
});
afterAll(() => mocks?.close());

const base = (mock: string) => mocks.urls[mock]!;

describe.each(FLAVOURS)('$mock', ({ mock, spec, actionParam }) => {
  const operations = readSpecOperations(spec);
  const byAction = new Map(operations.map((op) => [op.action ?? '', op]));
  const allExamples = operations.flatMap((op) => op.examples.map((ex) => ex.value));

  it('describes at least the seven actions instancekit uses, each as /<path>#<Action>', () => {
    expect([...byAction.keys()]).toEqual(expect.arrayContaining(SEVEN_ACTIONS));
    for (const op of operations) {
      expect(op.action, op.pathKey).toBe(op.operationId);
      expect(op.examples[0]?.name, `${op.operationId}: the first example is "success"`).toBe('success');
    }
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: the wire request reaches its own success example',
    async (_id, op) => {
      const request = wireRequest(base(mock), op, spec);
      if (mock === 'tencent-cvm-api3') {
        expect(request.url).toBe(`${base(mock)}/`);
        expect(request.init.method).toBe('POST');
        expect(request.init.headers['x-tc-action']).toBe(op.operationId);
      } else {
        expect(request.url.startsWith(`${base(mock)}/v2/index.php?`)).toBe(true);
        expect(request.init.method).toBe('GET');
        expect(request.query.Action).toBe(op.operationId);
        expect(request.query.Signature).toBeTruthy();
      }
      const answer = await call(request.url, request.init);
      expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(200);
      expect(answer.body).toEqual(op.examples.find((ex) => ex.name === 'success')!.value);
    },
  );

  const named = operations.flatMap((op) =>
    op.examples.filter((ex) => ex.name !== 'success').map((ex) => [op.operationId, ex.name, op, ex] as const),
  );
  it('has named error examples to select', () => {
    // Every one of the seven actions documents at least one error code.
    for (const action of SEVEN_ACTIONS)
      expect(
        named.some(([id]) => id === action),
        action,
      ).toBe(true);
  });

  it.each(named)('%s: Prefer: example=%s returns that example', async (_id, name, op, ex) => {
    const request = wireRequest(base(mock), op, spec);
    const answer = await call(request.url, {
      ...request.init,
      headers: { ...request.init.headers, prefer: `example=${name}` },
    });
    expect(answer.status).toBe(ex.status);
    expect(answer.body).toEqual(ex.value);
  });

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: refuses a request without its signature (401)',
    async (_id, op) => {
      const request =
        mock === 'tencent-cvm-api3'
          ? wireRequest(base(mock), op, spec, { unsigned: true })
          : wireRequest(base(mock), op, spec, { omit: ['Signature'] });
      const answer = await call(request.url, request.init);
      expect(answer.status).toBe(401);
    },
  );

  it.each(operations.map((op) => [op.operationId, op] as const))(
    '%s: refuses a malformed instance id (422)',
    async (_id, op) => {
      let request: ReturnType<typeof wireRequest>;
      if (mock === 'tencent-cvm-api3') {
        const field = op.requestSchema?.properties as Record<string, unknown> | undefined;
        const body =
          field && 'InstanceIds' in field
            ? { InstanceIds: ['ins-NOT-AN-ID'] }
            : { InstanceId: 'ins-NOT-AN-ID' };
        request = wireRequest(base(mock), op, spec, { body });
      } else {
        const name = op.parameters.some((p) => p.name === 'InstanceIds.1') ? 'InstanceIds.1' : 'InstanceId';
        request = wireRequest(base(mock), op, spec, { params: { [name]: 'ins-NOT-AN-ID' } });
      }
      const answer = await call(request.url, request.init);
      expect(answer.status).toBe(422);
      expect(problemType(answer)).toBe('UNPROCESSABLE_ENTITY');
      expect(JSON.stringify(answer.body)).toMatch(/pattern/);
    },
  );

  const withRequired = operations
    .map((op) => {
      const own =
        mock === 'tencent-cvm-api3'
          ? ((op.requestSchema?.required ?? []) as string[])
          : op.parameters.filter((p) => p.required && !COMMON.has(p.name)).map((p) => p.name);
      return [op.operationId, own[0], op] as const;
    })
    .filter(([, field]) => field !== undefined);
  it('checks missing fields on the actions that require some', () => {
    expect(withRequired.map(([id]) => id)).toEqual(
      expect.arrayContaining(['ResetInstancesType', 'ResetInstance', 'StopInstances']),
    );
  });

  it.each(withRequired)('%s: refuses the request without %s (422)', async (_id, field, op) => {
    const request = wireRequest(base(mock), op, spec, { omit: [field!] });
    const answer = await call(request.url, request.init);
    expect(answer.status).toBe(422);
    expect(problemType(answer)).toBe('UNPROCESSABLE_ENTITY');
  });

  it('refuses an action the spec does not describe (404), answering no example', async () => {
    const op = byAction.get('ResetInstancesType')!;
    const request = wireRequest(base(mock), op, spec, { params: { [actionParam]: 'TerminateInstances' } });
    const answer = await call(request.url, request.init);
    expect(answer.status).toBe(404);
    expect(problemType(answer)).toBe('NO_PATH_MATCHED_ERROR');
    expect(allExamples).not.toContainEqual(answer.body);
  });

  it("refuses one action's request sent as another action (4xx), answering no example", async () => {
    // ResetInstancesType's fields sent as ResetInstance, which wants InstanceId instead.
    const op: SpecOperation = byAction.get('ResetInstancesType')!;
    const request = wireRequest(base(mock), op, spec, { params: { [actionParam]: 'ResetInstance' } });
    const answer = await call(request.url, request.init);
    expect(answer.status).toBe(422);
    expect(allExamples).not.toContainEqual(answer.body);
  });

  it('refuses a request that names no action (404)', async () => {
    const op = byAction.get('DescribeInstancesStatus')!;
    const request = wireRequest(base(mock), op, spec, { omit: [actionParam] });
    const answer = await call(request.url, request.init);
    expect(answer.status).toBe(404);
    expect(allExamples).not.toContainEqual(answer.body);
  });
});
