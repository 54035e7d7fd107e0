// waitFor against a scripted status server per provider: the mutation is answered with a known request id,
// each status poll with the next entry of a sequence (the last one repeats). The server counts the polls, so
// "stops at once" on a permanent error is measured on the wire, not inferred.
import {
  AbortError,
  InstanceKitError,
  OperationFailedError,
  TimeoutError,
  type WaitProgress,
} from 'instancekit';
import { describe, it } from 'vitest';
import { type Behaviour, startFaultServer } from './support/fault-server.js';
import { jdcloud, kitFor, type ProviderFixture, tencent, zenlayer } from './support/providers.js';

const OP_REQUEST = 'op-req-0001';

/** One answer of the status call: a state (Tencent: of the request `opRequestId`), a throttle or a permission error. */
type Step = { state: string; opRequestId?: string; message?: string } | 'throttle' | 'permission';

/** The status-call answer of each provider for one instance in `step.state`. */
const STATUS: Record<
  string,
  (step: { state: string; opRequestId?: string; message?: string }, requestId: string) => Behaviour
> = {
  tencent: (step, requestId) => ({
    kind: 'json',
    body: {
      Response: {
        TotalCount: 1,
        InstanceSet: [
          {
            InstanceId: tencent.resizeInput.instanceId,
            InstanceState: 'STOPPED',
            LatestOperation: 'ResetInstancesType',
            LatestOperationState: step.state,
            LatestOperationRequestId: step.opRequestId ?? OP_REQUEST,
            ...(step.message ? { LatestOperationErrorMsg: step.message } : {}),
          },
        ],
        RequestId: requestId,
      },
    },
  }),
  zenlayer: (step, requestId) => ({
    kind: 'json',
    body: {
      requestId,
      response: {
        requestId,
        totalCount: 1,
        dataSet: [{ instanceId: zenlayer.resizeInput.instanceId, instanceStatus: step.state }],
      },
    },
  }),
  jdcloud: (step, requestId) => ({
    kind: 'json',
    body: {
      requestId,
      result: { instance: { instanceId: jdcloud.resizeInput.instanceId, status: step.state } },
    },
  }),
};

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Case {
  fx: ProviderFixture;
  /** A resize that succeeds: the provider's states in order. */
  success: string[];
  /** A change that fails: which facade call, its states, the failure message the provider gives (if any). */
  failure: { call: 'resize' | 'reinstall'; steps: Step[]; message?: string };
  inProgress: string;
}

const CASES: Case[] = [
  {
    fx: tencent,
    success: ['OPERATING', 'SUCCESS'],
    failure: {
      call: 'resize',
      steps: [
        { state: 'OPERATING' },
        { state: 'FAILED', message: 'The specified instance type is sold out' },
      ],
      message: 'The specified instance type is sold out',
    },
    inProgress: 'OPERATING',
  },
  {
    fx: zenlayer,
    success: ['STOPPED', 'RESIZING', 'STOPPED'],
    failure: { call: 'reinstall', steps: [{ state: 'DEPLOYING' }, { state: 'REINSTALL_FAILED' }] },
    inProgress: 'RESIZING',
  },
  {
    fx: jdcloud,
    success: ['stopped', 'resizing', 'stopped'],
    failure: { call: 'resize', steps: [{ state: 'resizing' }, { state: 'error' }] },
    inProgress: 'resizing',
  },
];

describe.each(CASES)('$fx.name', ({ fx, success, failure, inProgress }) => {
  /** A server answering mutations with OP_REQUEST and polls with `steps` in order (the last repeats). */
  async function statusServer(steps: Step[], onTestFinished: (fn: () => Promise<void>) => void) {
    let polls = 0;
    const server = await startFaultServer((req, i) => {
      const requestId = `poll-${i}`;
      if (req.action !== fx.actions.poll) return fx.success(req.action, OP_REQUEST);
      const step = steps[Math.min(polls++, steps.length - 1)]!;
      if (step === 'throttle') return fx.throttle(requestId);
      if (step === 'permission') return fx.permission(requestId);
      return STATUS[fx.name]!(step, requestId);
    });
    // Closed by the test that started it: the tests below run concurrently.
    onTestFinished(() => server.close());
    // A generous per-attempt timeout: these tests are about the waiter, and they run concurrently.
    return { server, kit: kitFor(fx, server.url, { timeoutMs: 5_000 }) };
  }

  describe.concurrent('waitFor', () => {
    it(`resolves with the final state after ${success.join(' → ')}, reporting each`, async ({
      expect,
      onTestFinished,
    }) => {
      const { server, kit } = await statusServer(
        success.map((state) => ({ state })),
        onTestFinished,
      );
      const handle = await kit.resize(fx.resizeInput);
      expect(handle.requestId).toBe(OP_REQUEST);
      const seen: WaitProgress[] = [];
      const result = await kit.waitFor(handle, { intervalMs: 10, onProgress: (p) => seen.push(p) });
      expect(result).toMatchObject({
        provider: fx.name,
        action: fx.actions.resize,
        instanceId: fx.resizeInput.instanceId,
        requestId: OP_REQUEST,
        state: success.at(-1),
        polls: success.length,
      });
      expect(seen.map((p) => p.state)).toEqual(success);
      expect(seen.map((p) => p.polls)).toEqual(success.map((_, i) => i + 1));
      expect(server.countOf(fx.actions.poll)).toBe(success.length);
      expect(server.countOf(fx.actions.resize)).toBe(1);
    });

    it('a failed operation → OperationFailedError with the final state', async ({
      expect,
      onTestFinished,
    }) => {
      const { server, kit } = await statusServer(failure.steps, onTestFinished);
      const handle = await (failure.call === 'resize'
        ? kit.resize(fx.resizeInput)
        : kit.reinstall(fx.reinstallInput));
      const error = await kit.waitFor(handle, { intervalMs: 10 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OperationFailedError);
      const failed = error as OperationFailedError;
      const last = failure.steps.at(-1) as { state: string };
      expect(failed.finalState).toBe(last.state);
      expect(failed.provider).toBe(fx.name);
      expect(failed.requestId).toBe(OP_REQUEST);
      if (failure.message) expect(failed.message).toContain(failure.message);
      expect(server.countOf(fx.actions.poll)).toBe(failure.steps.length);
    });

    it('a permission error midway rejects at once: the polls stop right there', async ({
      expect,
      onTestFinished,
    }) => {
      const { server, kit } = await statusServer(
        [{ state: inProgress }, 'permission', { state: inProgress }],
        onTestFinished,
      );
      const handle = await kit.resize(fx.resizeInput);
      const started = performance.now();
      const error = await kit.waitFor(handle, { intervalMs: 10, timeoutMs: 60_000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(InstanceKitError);
      expect(error).not.toBeInstanceOf(TimeoutError);
      expect((error as InstanceKitError).code).toBe('AuthFailure');
      expect(server.countOf(fx.actions.poll)).toBe(2);
      expect(elapsed).toBeLessThan(5_000);
      await pause(300);
      expect(server.countOf(fx.actions.poll)).toBe(2);
    });

    it('a throttled poll midway (past the client retries) keeps waiting', async ({
      expect,
      onTestFinished,
    }) => {
      // Three throttles in a row exhaust the client's own 3 attempts, so the waiter itself sees RateLimited.
      const steps: Step[] = [
        { state: inProgress },
        'throttle',
        'throttle',
        'throttle',
        { state: success.at(-1)! },
      ];
      const { server, kit } = await statusServer(steps, onTestFinished);
      const handle = await kit.resize(fx.resizeInput);
      const states: string[] = [];
      const result = await kit.waitFor(handle, { intervalMs: 10, onProgress: (p) => states.push(p.state) });
      expect(result.state).toBe(success.at(-1));
      expect(states).toEqual([inProgress, success.at(-1)]);
      expect(server.countOf(fx.actions.poll)).toBe(steps.length);
    });

    it('an abort rejects with AbortError without waiting for the next poll', async ({
      expect,
      onTestFinished,
    }) => {
      const { server, kit } = await statusServer([{ state: inProgress }], onTestFinished);
      const handle = await kit.resize(fx.resizeInput);
      const controller = new AbortController();
      const waiting = kit.waitFor(handle, { intervalMs: 10, signal: controller.signal }).then(
        () => undefined,
        (e: unknown) => e,
      );
      while (server.countOf(fx.actions.poll) < 1) await pause(5);
      const started = performance.now();
      controller.abort();
      const error = await waiting;
      expect(error).toBeInstanceOf(AbortError);
      expect((error as AbortError).code).toBe('Aborted');
      expect(performance.now() - started).toBeLessThan(200);
      expect(server.countOf(fx.actions.poll)).toBe(1);
    });

    it('a deadline → TimeoutError naming the last state', async ({ expect, onTestFinished }) => {
      const { kit } = await statusServer([{ state: inProgress }], onTestFinished);
      const handle = await kit.resize(fx.resizeInput);
      const started = performance.now();
      const error = await kit.waitFor(handle, { intervalMs: 10, timeoutMs: 1_200 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      const elapsed = performance.now() - started;
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as TimeoutError).message).toContain(inProgress);
      expect(elapsed).toBeGreaterThanOrEqual(1_150);
      expect(elapsed).toBeLessThan(3_000);
    });
  });
});

describe('tencent: LatestOperationRequestId', () => {
  it('an older request SUCCESS is not taken as done; ours is', async ({ expect }) => {
    let polls = 0;
    const steps = [
      { state: 'SUCCESS', opRequestId: 'older-request-id' },
      { state: 'SUCCESS', opRequestId: 'older-request-id' },
      { state: 'SUCCESS', opRequestId: 'older-request-id' },
      { state: 'SUCCESS', opRequestId: 'older-request-id' },
      { state: 'OPERATING' },
      { state: 'SUCCESS' },
    ];
    const server = await startFaultServer((req, i) =>
      req.action === 'DescribeInstances'
        ? STATUS.tencent!(steps[Math.min(polls++, steps.length - 1)]!, `poll-${i}`)
        : tencent.success(req.action, OP_REQUEST),
    );
    try {
      const kit = kitFor(tencent, server.url, { timeoutMs: 5_000 });
      const handle = await kit.resize(tencent.resizeInput);
      const result = await kit.waitFor(handle, { intervalMs: 10, maxIntervalMs: 300 });
      expect(result.state).toBe('SUCCESS');
      expect(result.polls).toBe(steps.length);
      expect(server.countOf('DescribeInstances')).toBe(steps.length);
    } finally {
      await server.close();
    }
  });

  it('an older request FAILED is not our failure', async ({ expect }) => {
    let polls = 0;
    const steps = [
      { state: 'FAILED', opRequestId: 'older-request-id', message: 'old failure' },
      { state: 'SUCCESS' },
    ];
    const server = await startFaultServer((req, i) =>
      req.action === 'DescribeInstances'
        ? STATUS.tencent!(steps[Math.min(polls++, steps.length - 1)]!, `poll-${i}`)
        : tencent.success(req.action, OP_REQUEST),
    );
    try {
      const kit = kitFor(tencent, server.url, { timeoutMs: 5_000 });
      const result = await kit.waitFor(await kit.resize(tencent.resizeInput), { intervalMs: 10 });
      expect(result).toMatchObject({ state: 'SUCCESS', polls: 2 });
    } finally {
      await server.close();
    }
  });
});
