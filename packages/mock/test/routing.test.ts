import { type RunningMocks, startMocks } from '@instancekit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allExampleValues, call, example, FIXTURES, json, problemType } from './helpers';

// Real Prism servers on ephemeral ports, real HTTP, fixture specs that follow docs/spec-conventions.md.
let mocks: RunningMocks;
let url: Record<keyof typeof FIXTURES, string>;

beforeAll(async () => {
  mocks = await startMocks({ specs: FIXTURES });
  url = mocks.urls as typeof url;
});
afterAll(() => mocks?.close());

describe('Tencent API 3.0: POST / routed by X-TC-Action', () => {
  const spec = FIXTURES['tencent-api3'];
  const headers = (action: string, extra: Record<string, string> = {}) => ({
    'x-tc-action': action,
    'x-tc-version': '2017-03-12',
    'x-tc-region': 'ap-guangzhou',
    ...extra,
  });
  const body = { InstanceIds: ['ins-r8hr2upy'], InstanceType: 'S5.LARGE8' };

  it.each(['ResetInstancesType', 'InquiryPriceResetInstancesType'])(
    '%s reaches its own success example',
    async (action) => {
      const answer = await call(`${url['tencent-api3']}/`, json(body, headers(action)));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(example(spec, action, 'success').value);
    },
  );

  it('selects a named error example that Tencent sends with HTTP 200', async () => {
    const answer = await call(
      `${url['tencent-api3']}/`,
      json(body, headers('ResetInstancesType', { prefer: 'example=InvalidInstanceId.NotFound' })),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(example(spec, 'ResetInstancesType', 'InvalidInstanceId.NotFound').value);
  });

  it("refuses an action the spec does not have (404), instead of answering another action's example", async () => {
    const answer = await call(`${url['tencent-api3']}/`, json(body, headers('TerminateInstances')));
    expect(answer.status).toBe(404);
    expect(problemType(answer)).toBe('NO_PATH_MATCHED_ERROR');
    expect(allExampleValues(spec)).not.toContainEqual(answer.body);
  });

  it('refuses a request without an action (404)', async () => {
    const answer = await call(`${url['tencent-api3']}/`, json(body, { 'x-tc-version': '2017-03-12' }));
    expect(answer.status).toBe(404);
  });

  it("validates the body against the routed action's schema (ForceStop is not an inquiry field)", async () => {
    const answer = await call(
      `${url['tencent-api3']}/`,
      json({ ...body, ForceStop: true }, headers('InquiryPriceResetInstancesType')),
    );
    expect(answer.status).toBe(422);
    // The same body is valid for ResetInstancesType.
    const ok = await call(
      `${url['tencent-api3']}/`,
      json({ ...body, ForceStop: true }, headers('ResetInstancesType')),
    );
    expect(ok.status).toBe(200);
  });

  it('refuses a missing required field (422)', async () => {
    const answer = await call(
      `${url['tencent-api3']}/`,
      json({ InstanceIds: ['ins-r8hr2upy'] }, headers('ResetInstancesType')),
    );
    expect(answer.status).toBe(422);
    expect(problemType(answer)).toBe('UNPROCESSABLE_ENTITY');
    expect(JSON.stringify(answer.body)).toContain('InstanceType');
  });

  it('refuses a malformed instance id (422)', async () => {
    const answer = await call(
      `${url['tencent-api3']}/`,
      json({ ...body, InstanceIds: ['i-not-a-cvm-id'] }, headers('ResetInstancesType')),
    );
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.body)).toContain('pattern');
  });

  it('refuses a wrong version header (422)', async () => {
    const answer = await call(
      `${url['tencent-api3']}/`,
      json(body, headers('ResetInstancesType', { 'x-tc-version': '2099-01-01' })),
    );
    expect(answer.status).toBe(422);
  });

  it('refuses a request without Authorization (401)', async () => {
    const init = json(body, headers('ResetInstancesType'));
    delete (init.headers as Record<string, string>).authorization;
    const answer = await call(`${url['tencent-api3']}/`, init);
    expect(answer.status).toBe(401);
  });
});

describe('Tencent legacy: GET /v2/index.php routed by the Action query parameter', () => {
  const spec = FIXTURES['tencent-legacy'];
  const query = (params: Record<string, string>) =>
    `${url['tencent-legacy']}/v2/index.php?${new URLSearchParams(params)}`;
  const params = {
    Action: 'ResetInstancesType',
    Version: '2017-03-12',
    Region: 'ap-guangzhou',
    'InstanceIds.1': 'ins-r8hr2upy',
    InstanceType: 'S5.LARGE8',
    Signature: 'c2lnbmF0dXJl',
  };

  it('reaches the success example', async () => {
    const answer = await call(query(params));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(example(spec, 'ResetInstancesType', 'success').value);
  });

  it('selects a named error example', async () => {
    const answer = await call(query(params), { headers: { prefer: 'example=InvalidInstanceId.NotFound' } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(example(spec, 'ResetInstancesType', 'InvalidInstanceId.NotFound').value);
  });

  it('refuses an unknown action (404)', async () => {
    const answer = await call(query({ ...params, Action: 'StopInstances' }));
    expect(answer.status).toBe(404);
    expect(allExampleValues(spec)).not.toContainEqual(answer.body);
  });

  it('refuses a malformed flattened id (422) and a missing one (422)', async () => {
    expect((await call(query({ ...params, 'InstanceIds.1': 'bogus' }))).status).toBe(422);
    const { 'InstanceIds.1': _, ...withoutId } = params;
    expect((await call(query(withoutId))).status).toBe(422);
  });

  it('refuses a request without Signature (401)', async () => {
    const { Signature: _, ...unsigned } = params;
    expect((await call(query(unsigned))).status).toBe(401);
  });
});

describe('Zenlayer: POST /api/v2/zec routed by X-ZC-Action', () => {
  const spec = FIXTURES.zenlayer;
  const modify = { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' };
  const reset = { instanceId: '1660545330971680835', imageId: 'img-ubuntu-22' };
  const zec = () => `${url.zenlayer}/api/v2/zec`;

  it('routes each action to its own success example', async () => {
    const a = await call(zec(), json(modify, { 'x-zc-action': 'ModifyInstanceType' }));
    expect(a.status).toBe(200);
    expect(a.body).toEqual(example(spec, 'ModifyInstanceType', 'success').value);
    const b = await call(zec(), json(reset, { 'x-zc-action': 'ResetInstance' }));
    expect(b.status).toBe(200);
    expect(b.body).toEqual(example(spec, 'ResetInstance', 'success').value);
  });

  it('selects a named example that lives under 404 by name alone', async () => {
    const answer = await call(
      zec(),
      json(modify, { 'x-zc-action': 'ModifyInstanceType', prefer: 'example=INVALID_INSTANCE_NOT_FOUND' }),
    );
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(example(spec, 'ModifyInstanceType', 'INVALID_INSTANCE_NOT_FOUND').value);
  });

  it('selects a named example under 400 that is not the first one', async () => {
    const answer = await call(
      zec(),
      json(modify, { 'x-zc-action': 'ModifyInstanceType', prefer: 'example=MISSING_PARAMETER' }),
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(example(spec, 'ModifyInstanceType', 'MISSING_PARAMETER').value);
  });

  it('keeps Prefer: code=… working', async () => {
    const answer = await call(
      zec(),
      json(modify, { 'x-zc-action': 'ModifyInstanceType', prefer: 'code=404' }),
    );
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(example(spec, 'ModifyInstanceType', 'INVALID_INSTANCE_NOT_FOUND').value);
  });

  it('answers 404 (not a success) for an example name the operation does not have', async () => {
    const answer = await call(
      zec(),
      json(modify, { 'x-zc-action': 'ModifyInstanceType', prefer: 'example=NO_SUCH_CODE' }),
    );
    expect(answer.status).toBe(404);
    expect(problemType(answer)).toBe('NOT_FOUND');
  });

  it("refuses one action with another action's body (422)", async () => {
    const answer = await call(zec(), json(modify, { 'x-zc-action': 'ResetInstance' }));
    expect(answer.status).toBe(422);
  });

  it("refuses a missing field with Prism's 422, not the spec's first 400 example", async () => {
    const answer = await call(
      zec(),
      json({ instanceId: modify.instanceId }, { 'x-zc-action': 'ModifyInstanceType' }),
    );
    expect(answer.status).toBe(422);
    expect(problemType(answer)).toBe('UNPROCESSABLE_ENTITY');
    expect(JSON.stringify(answer.body)).toContain('instanceType');
  });

  it('refuses a malformed instance id (422)', async () => {
    const answer = await call(
      zec(),
      json({ ...modify, instanceId: 'abc' }, { 'x-zc-action': 'ModifyInstanceType' }),
    );
    expect(answer.status).toBe(422);
  });

  it('refuses an unknown action (404) and no action (404)', async () => {
    const unknown = await call(zec(), json(modify, { 'x-zc-action': 'DeleteEverything' }));
    expect(unknown.status).toBe(404);
    expect(allExampleValues(spec)).not.toContainEqual(unknown.body);
    expect((await call(zec(), json(modify))).status).toBe(404);
  });

  it('refuses a request without Authorization (401)', async () => {
    const answer = await call(zec(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-zc-action': 'ModifyInstanceType' },
      body: JSON.stringify(modify),
    });
    expect(answer.status).toBe(401);
  });
});

describe('JD Cloud: REST paths with a colon verb', () => {
  const spec = FIXTURES.jdcloud;
  const instance = (id: string, verb: string) =>
    `${url.jdcloud}/v1/regions/cn-north-1/instances/${id}${verb}`;

  it.each([
    ['a literal colon', ':'],
    ['%3A', '%3A'],
    ['%3a', '%3a'],
  ])('reaches resizeInstance and rebuildInstance with %s', async (_label, colon) => {
    const resize = await call(
      instance('i-abcdefghij', `${colon}resizeInstance`),
      json({ instanceType: 'g.n2.medium' }),
    );
    expect(resize.status).toBe(200);
    expect(resize.body).toEqual(example(spec, 'resizeInstance', 'success').value);
    const rebuild = await call(
      instance('i-abcdefghij', `${colon}rebuildInstance`),
      json({ imageId: 'img-abcdefghij' }),
    );
    expect(rebuild.status).toBe(200);
    expect(rebuild.body).toEqual(example(spec, 'rebuildInstance', 'success').value);
  });

  it('selects NOT_FOUND (under 404) by name', async () => {
    const answer = await call(
      instance('i-abcdefghij', '%3AresizeInstance'),
      json({ instanceType: 'g.n2.medium' }, { prefer: 'example=NOT_FOUND' }),
    );
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual(example(spec, 'resizeInstance', 'NOT_FOUND').value);
  });

  it.each([':', '%3A'])('refuses a malformed instance id with %s (422)', async (colon) => {
    const answer = await call(
      instance('i-NOT_VALID', `${colon}resizeInstance`),
      json({ instanceType: 'g.n2.medium' }),
    );
    expect(answer.status).toBe(422);
    expect(JSON.stringify(answer.body)).toContain('instanceid');
  });

  it('refuses a missing required field (422)', async () => {
    expect((await call(instance('i-abcdefghij', ':resizeInstance'), json({}))).status).toBe(422);
  });

  it('refuses an unknown verb (404) and decodes only %3A', async () => {
    expect((await call(instance('i-abcdefghij', ':stopInstance'), json({}))).status).toBe(404);
    expect(
      (await call(instance('i-abcdefghij', '%2FresizeInstance'), json({ instanceType: 'x' }))).status,
    ).toBe(404);
  });

  it('refuses a request without Authorization (401)', async () => {
    const answer = await call(instance('i-abcdefghij', ':resizeInstance'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instanceType: 'g.n2.medium' }),
    });
    expect(answer.status).toBe(401);
  });
});
