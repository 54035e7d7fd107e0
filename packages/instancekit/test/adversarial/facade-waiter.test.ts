// Classes 5 and 6 of issue 10 for the waiter. Its options are checked (NaN once polled in a tight loop and
// never ended; Infinity or ≥ 2^31 broke the timers); its handle is checked (waitFor(undefined), another
// provider's handle or an unknown action once threw a raw TypeError or polled nonsense); its deadline bounds
// everything — a hanging status call once overran timeoutMs 2–3× because each poll got a whole per-attempt
// timeout and was retried; and an instance that left the status list is an InstanceNotFoundError after
// NOT_LISTED_POLLS answers, not 15 minutes of polling.

import { vmOperationFacts } from '@instancekit/jdcloud-vm';
import { api3OperationFacts } from '@instancekit/tencent-cvm';
import { zecOperationFacts } from '@instancekit/zenlayer-zec';
import fc from 'fast-check';
import { AbortError, InstanceNotFoundError, TimeoutError, ValidationError } from 'instancekit';
import { afterEach, describe, expect, it } from 'vitest';
import { type Behaviour, type FaultServer, startFaultServer } from '../support/fault-server.js';
import { FIXTURES, jdcloud, kitFor, type ProviderFixture, tencent, zenlayer } from '../support/providers.js';
import {
  badMilliseconds,
  countingKit,
  expectRefused,
  handleOf,
  PROTOTYPE_KEYS,
  rejectionOf,
  unknownKeys,
  wrongTypes,
} from './facade-kits.js';

const RUNS = { numRuns: 30 };
const NOT_LISTED_POLLS = 3;

describe.each(FIXTURES)('$name: what waitFor accepts', (fx) => {
  const { kit, sent } = countingKit(fx);
  afterEach(() => {
    expect(sent(), 'status polls that reached fetch').toBe(0);
  });
  const handle = handleOf(fx);

  it('no handle, null, a string or a class instance → ValidationError naming operation', async () => {
    class Handle {
      provider = fx.name;
    }
    for (const operation of [undefined, null, 'op', 1, [handle], new Handle()])
      await expectRefused(() => kit.waitFor(operation as never), 'operation', fx.name);
  });

  it("another provider's handle → ValidationError naming provider", async () => {
    for (const other of FIXTURES.filter((f) => f !== fx))
      await expectRefused(() => kit.waitFor(handleOf(other)), /^(provider|action|instanceId)$/, fx.name);
    for (const other of FIXTURES.filter((f) => f !== fx))
      await expectRefused(() => kit.waitFor({ ...handle, provider: other.name }), 'provider', fx.name);
  });

  it('an action this kit cannot wait for, prototype names included → ValidationError naming action', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(...PROTOTYPE_KEYS, fx.actions.poll, fx.actions.quoteResize, ''),
          fc.string().filter((s) => s !== fx.actions.resize && s !== fx.actions.reinstall),
          wrongTypes('string'),
        ),
        (action) => expectRefused(() => kit.waitFor({ ...handle, action } as never), 'action', fx.name),
      ),
      RUNS,
    );
  });

  it('a missing, empty or non-string instanceId or requestId → that field', async () => {
    for (const field of ['instanceId', 'requestId']) {
      const { [field as 'instanceId']: _dropped, ...without } = handle;
      await expectRefused(() => kit.waitFor(without as never), field, fx.name);
      await fc.assert(
        fc.asyncProperty(wrongTypes('string'), (value) =>
          expectRefused(() => kit.waitFor({ ...handle, [field]: value }), field, fx.name),
        ),
        { numRuns: 10 },
      );
    }
    await expectRefused(() => kit.waitFor({ ...handle, instanceId: '' }), 'instanceId', fx.name);
  });

  it('unknown keys on the handle or the options → ValidationError naming the key', async () => {
    await fc.assert(
      fc.asyncProperty(unknownKeys(Object.keys(handle)), (key) =>
        expectRefused(() => kit.waitFor({ ...handle, [key]: 1 }), key, fx.name),
      ),
      RUNS,
    );
    const optionNames = ['signal', 'timeoutMs', 'intervalMs', 'maxIntervalMs', 'onProgress'];
    await fc.assert(
      fc.asyncProperty(unknownKeys(optionNames), (key) =>
        expectRefused(() => kit.waitFor(handle, { [key]: 1 } as never), key, fx.name),
      ),
      RUNS,
    );
  });

  it('timeoutMs, intervalMs, maxIntervalMs: NaN, ±Infinity, negative, fractional, ≥ 2^31 → that option', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('timeoutMs', 'intervalMs', 'maxIntervalMs'),
        badMilliseconds,
        (name, value) => expectRefused(() => kit.waitFor(handle, { [name]: value }), name, fx.name),
      ),
      { numRuns: 60 },
    );
    // A timeout of 0 would end before the first poll: at least 1 ms.
    await expectRefused(() => kit.waitFor(handle, { timeoutMs: 0 }), 'timeoutMs', fx.name);
    // What `Number(process.env.UNSET)` gives, the case that once never ended.
    await expectRefused(
      () => kit.waitFor(handle, { timeoutMs: Number(process.env.INSTANCEKIT_UNSET) }),
      'timeoutMs',
    );
  });

  it('onProgress that is no function, signal that is no AbortSignal → that option', async () => {
    await fc.assert(
      fc.asyncProperty(wrongTypes('function'), (onProgress) =>
        expectRefused(() => kit.waitFor(handle, { onProgress } as never), 'onProgress', fx.name),
      ),
      { numRuns: 10 },
    );
    for (const signal of ['x', 1, {}, { aborted: false, addEventListener() {} }])
      await expectRefused(() => kit.waitFor(handle, { signal } as never), 'signal', fx.name);
    await expectRefused(() => kit.waitFor(handle, null as never), 'options', fx.name);
  });
});

/** Each provider's status answer without the instance: an empty list (JD: a result without it). */
const NOT_LISTED: Record<string, (requestId: string) => Behaviour> = {
  tencent: (requestId) => ({
    kind: 'json',
    body: { Response: { TotalCount: 0, InstanceSet: [], RequestId: requestId } },
  }),
  zenlayer: (requestId) => ({
    kind: 'json',
    body: { requestId, response: { requestId, totalCount: 0, dataSet: [] } },
  }),
  jdcloud: (requestId) => ({ kind: 'json', body: { requestId, result: {} } }),
};

/** The status answer with the instance in progress (Tencent: its LatestOperation for our request). */
const IN_PROGRESS: Record<string, (requestId: string) => Behaviour> = {
  tencent: (requestId) => ({
    kind: 'json',
    body: {
      Response: {
        TotalCount: 1,
        InstanceSet: [
          {
            InstanceId: tencent.resizeInput.instanceId,
            InstanceState: 'STOPPED',
            LatestOperationState: 'OPERATING',
            LatestOperationRequestId: 'op-req',
          },
        ],
        RequestId: requestId,
      },
    },
  }),
  zenlayer: (requestId) => ({
    kind: 'json',
    body: {
      requestId,
      response: {
        requestId,
        dataSet: [{ instanceId: zenlayer.resizeInput.instanceId, instanceStatus: 'RESIZING' }],
      },
    },
  }),
  jdcloud: (requestId) => ({
    kind: 'json',
    body: {
      requestId,
      result: { instance: { instanceId: jdcloud.resizeInput.instanceId, status: 'resizing' } },
    },
  }),
};

/**
 * The shortest poll interval each driver allows: a tenth of the status call's documented rate limit (the spec's),
 * else 1 s — also where the spec's figure is an unconfirmed guess (Zenlayer's and JD's).
 */
const floorOf = (facts: { rateLimitPerSecond?: number; rateLimitUnconfirmed?: boolean }) =>
  facts.rateLimitPerSecond && !facts.rateLimitUnconfirmed
    ? Math.ceil(10_000 / facts.rateLimitPerSecond)
    : 1_000;
const FLOOR_MS: Record<string, number> = {
  tencent: floorOf(api3OperationFacts.DescribeInstances),
  zenlayer: floorOf(zecOperationFacts.DescribeInstancesStatus),
  jdcloud: floorOf(vmOperationFacts.describeInstance),
};

describe.each(FIXTURES)('$name: the deadline and the status list', (fx: ProviderFixture) => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** A server answering the mutation with 'op-req' and each poll with `poll(index)`. */
  async function serve(poll: (index: number) => Behaviour, timeoutMs = 5_000) {
    let polls = 0;
    server = await startFaultServer((req, i) =>
      req.action === fx.actions.poll ? poll(polls++) : fx.success(req.action, `op-req${i ? `-${i}` : ''}`),
    );
    const kit = kitFor(fx, server.url, { timeoutMs });
    const handle = await kit.resize(fx.resizeInput);
    return { kit, handle: { ...handle, requestId: 'op-req' }, server };
  }

  it('a hanging status call ends at the deadline with a TimeoutError, not 2–3× later, not an AbortError', async () => {
    // The per-attempt timeout (5 s) is far longer than the wait: only the deadline can end this wait.
    const { kit, handle, server } = await serve(() => ({ kind: 'hang' }));
    const started = performance.now();
    const error = await rejectionOf(() => kit.waitFor(handle, { timeoutMs: 700 }));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).not.toBeInstanceOf(AbortError);
    expect((error as TimeoutError).code).toBe('Timeout');
    expect(elapsed).toBeGreaterThanOrEqual(690);
    expect(elapsed).toBeLessThan(700 + 400);
    expect(server.countOf(fx.actions.poll)).toBe(1);
  });

  it('a status call that hangs past a short per-attempt timeout: the client retries are bounded by the deadline too', async () => {
    // A 300 ms attempt timeout, retried by the client (a read): without the deadline signal each poll took
    // 3 attempts plus backoff, and the wait overran.
    const { kit, handle } = await serve(() => ({ kind: 'hang' }), 300);
    const started = performance.now();
    const error = await rejectionOf(() => kit.waitFor(handle, { timeoutMs: 800 }));
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(elapsed).toBeLessThan(800 + 400);
  });

  it('the caller aborting during a hanging poll → AbortError at once', async () => {
    const { kit, handle, server } = await serve(() => ({ kind: 'hang' }));
    const controller = new AbortController();
    const waiting = rejectionOf(() => kit.waitFor(handle, { signal: controller.signal, timeoutMs: 60_000 }));
    while (server.countOf(fx.actions.poll) < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = performance.now();
    controller.abort();
    const error = await waiting;
    expect(error).toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(300);
  });

  it(`an instance missing from ${NOT_LISTED_POLLS} answers in a row → InstanceNotFoundError (code NotFound)`, async () => {
    const { kit, handle, server } = await serve((i) => NOT_LISTED[fx.name]!(`poll-${i}`));
    const error = await rejectionOf(() => kit.waitFor(handle, { intervalMs: 0, timeoutMs: 60_000 }));
    expect(error).toBeInstanceOf(InstanceNotFoundError);
    expect((error as InstanceNotFoundError).code).toBe('NotFound');
    expect((error as InstanceNotFoundError).instanceId).toBe(fx.resizeInput.instanceId);
    expect((error as InstanceNotFoundError).provider).toBe(fx.name);
    expect(server.countOf(fx.actions.poll)).toBe(NOT_LISTED_POLLS);
  });

  it('a missing answer between listed ones does not count against the instance (the streak restarts)', async () => {
    // listed, missing, missing, listed, missing, missing, listed…: never 3 in a row; ends at the deadline.
    const { kit, handle, server } = await serve((i) =>
      i % 3 === 0 ? IN_PROGRESS[fx.name]!(`poll-${i}`) : NOT_LISTED[fx.name]!(`poll-${i}`),
    );
    const floor = FLOOR_MS[fx.name]!;
    const error = await rejectionOf(() =>
      kit.waitFor(handle, { intervalMs: 0, maxIntervalMs: 0, timeoutMs: floor * 4.5 }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(server.countOf(fx.actions.poll)).toBeGreaterThanOrEqual(4);
  });

  it('intervalMs 0 keeps the rate-limit floor: no tight loop', async () => {
    const { kit, handle, server } = await serve((i) => IN_PROGRESS[fx.name]!(`poll-${i}`));
    const floor = FLOOR_MS[fx.name]!;
    const waitMs = Math.max(1_200, floor * 3);
    await rejectionOf(() => kit.waitFor(handle, { intervalMs: 0, maxIntervalMs: 0, timeoutMs: waitMs }));
    expect(server.countOf(fx.actions.poll)).toBeLessThanOrEqual(Math.ceil(waitMs / floor) + 1);
  });
});

it('a ValidationError of waitFor is a rejection, not a synchronous throw', async () => {
  const { kit } = countingKit(tencent);
  let thrown: unknown;
  let promise: Promise<unknown> | undefined;
  try {
    promise = kit.waitFor(undefined as never);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeUndefined();
  await expect(promise).rejects.toBeInstanceOf(ValidationError);
});
