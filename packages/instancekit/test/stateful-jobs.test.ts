// describe, stop, start and the jobs (changeInstanceType, reinstallAndWait) for every provider against
// @instancekit/mock's stateful mode, over real signed HTTP with signature verification on. What reached the mock is
// read from its mutation log: "nothing sent" and "sent once" are assertions on it, not on our own code.
import { type RunningMocks, startMocks } from '@instancekit/mock';
import {
  AbortError,
  JobAbortError,
  JobError,
  type JobProgress,
  type ProviderName,
  TargetUnavailableError,
  ValidationError,
} from 'instancekit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  holdBusy,
  KEYS,
  kitFor,
  MOCK_OF,
  mockInstance,
  mutationsOf,
  setStock,
} from './support/stateful-kits.js';

const TRANSITION_MS = 600;

interface Case {
  provider: ProviderName;
  running: string;
  stopped: string;
  /** Instance ids, one per test (tests run concurrently). */
  ids: Record<
    'resize' | 'already' | 'soldOut' | 'busy' | 'abort' | 'refuse' | 'reinstall' | 'power' | 'lateSoldOut',
    string
  >;
  from: string;
  to: string;
  soldOut: string;
  /** On sale when the job checks the listing, sold out (POST /__instancekit/stock) once the job stops the instance. */
  lateSoldOut: string;
  /** The document's answer to a resize to a sold-out type (`lifecycle.errors.soldOut`). */
  soldOutAnswer: string;
  /**
   * Provider states the spec maps to pending, failed and reinstalling (`lifecycle.neutral`), each on a fixture
   * instance of its own (`describe-<state>`); a reinstall in progress shows as reinstalling on every provider.
   */
  described: Partial<Record<'pending' | 'failed' | 'reinstalling', string[]>>;
  /** A stopped instance a reinstall is started on, to describe it while it runs. */
  reinstalling: string;
  image: string;
  newImage: string;
  stop: string;
  start: string;
  resize: string;
  reinstall: string;
}

const CASES: Case[] = [
  {
    provider: 'tencent',
    running: 'RUNNING',
    stopped: 'STOPPED',
    ids: {
      resize: 'ins-job00001',
      already: 'ins-job00002',
      soldOut: 'ins-job00003',
      busy: 'ins-job00004',
      abort: 'ins-job00005',
      refuse: 'ins-job00006',
      reinstall: 'ins-job00007',
      power: 'ins-job00008',
      lateSoldOut: 'ins-job00009',
    },
    from: 'S5.MEDIUM4',
    to: 'S5.LARGE8',
    soldOut: 'S5.2XLARGE16',
    lateSoldOut: 'S5.XLARGE16',
    soldOutAnswer: 'ResourcesSoldOut.SpecifiedInstanceType',
    // No reinstalling state: a running ResetInstance shows in LatestOperation* (see `reinstalling`).
    described: { pending: ['PENDING'], failed: ['LAUNCH_FAILED'] },
    reinstalling: 'ins-job00010',
    image: 'img-pmqg1cw7',
    newImage: 'img-8toqc6s3',
    stop: 'StopInstances',
    start: 'StartInstances',
    resize: 'ResetInstancesType',
    reinstall: 'ResetInstance',
  },
  {
    provider: 'zenlayer',
    running: 'RUNNING',
    stopped: 'STOPPED',
    ids: {
      resize: '1660545330971680001',
      already: '1660545330971680002',
      soldOut: '1660545330971680003',
      busy: '1660545330971680004',
      abort: '1660545330971680005',
      refuse: '1660545330971680006',
      reinstall: '1660545330971680007',
      power: '1660545330971680008',
      lateSoldOut: '1660545330971680009',
    },
    from: 'z2a.cpu.2',
    to: 'z2a.cpu.4',
    soldOut: 'z2a.cpu.64',
    lateSoldOut: 'z2a.cpu.8',
    soldOutAnswer: 'STOCK_INSUFFICIENT',
    described: {
      pending: ['PENDING', 'IMAGING'],
      failed: ['CREATE_FAILED', 'REINSTALL_FAILED'],
      reinstalling: ['DEPLOYING', 'REBUILDING'],
    },
    reinstalling: '1660545330971680010',
    image: 'ubuntu2204_20240101',
    newImage: 'ubuntu2404_20240712',
    stop: 'StopInstances',
    start: 'StartInstances',
    resize: 'ModifyInstanceType',
    reinstall: 'ResetInstance',
  },
  {
    provider: 'jdcloud',
    running: 'running',
    stopped: 'stopped',
    ids: {
      resize: 'i-job0000001',
      already: 'i-job0000002',
      soldOut: 'i-job0000003',
      busy: 'i-job0000004',
      abort: 'i-job0000005',
      refuse: 'i-job0000006',
      reinstall: 'i-job0000007',
      power: 'i-job0000008',
      lateSoldOut: 'i-job0000009',
    },
    from: 'g.n2.medium',
    to: 'g.n2.large',
    soldOut: 'g.n2.xlarge',
    lateSoldOut: 'g.n2.2xlarge',
    // Also JD's busy answer: the job must not retry it as busy once the listing shows the target sold out.
    soldOutAnswer: 'FAILED_PRECONDITION',
    described: { pending: ['pending'], failed: ['error'], reinstalling: ['rebuilding'] },
    reinstalling: 'i-job0000010',
    image: 'img-m5s0t0y2mp',
    newImage: 'img-chn8lfcn6j',
    stop: 'stopInstance',
    start: 'startInstance',
    resize: 'resizeInstance',
    reinstall: 'rebuildInstance',
  },
];

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({
    providers: CASES.map((c) => MOCK_OF[c.provider]),
    credentials: KEYS,
    stateful: {
      transitionMs: TRANSITION_MS,
      instanceTypes: CASES.flatMap((c) => [
        { provider: c.provider, instanceType: c.to },
        { provider: c.provider, instanceType: c.soldOut, soldOut: true },
        { provider: c.provider, instanceType: c.lateSoldOut },
      ]),
      instances: CASES.flatMap((c) => {
        const region =
          c.provider === 'zenlayer'
            ? {}
            : { region: c.provider === 'tencent' ? 'ap-guangzhou' : 'cn-north-1' };
        const fixture = (instanceId: string, state: string, instanceType = c.from) => ({
          provider: c.provider,
          instanceId,
          state,
          instanceType,
          imageId: c.image,
          ...region,
        });
        return [
          ...Object.entries(c.ids).map(([use, instanceId]) =>
            use === 'already' ? fixture(instanceId, c.stopped, c.to) : fixture(instanceId, c.running),
          ),
          ...Object.values(c.described)
            .flat()
            .map((state) => fixture(describedId(c, state), state)),
          fixture(c.reinstalling, c.stopped),
        ];
      }),
    },
  });
}, 60_000);
afterAll(() => mocks?.close());

/** The fixture instance in provider state `state` (ids in each provider's form). */
function describedId(c: Case, state: string): string {
  const n = Object.values(c.described).flat().indexOf(state) + 20;
  return c.provider === 'tencent'
    ? `ins-job000${n}`
    : c.provider === 'zenlayer'
      ? `16605453309716800${n}`
      : `i-job00000${n}`;
}

const outcomes = async (c: Case, instanceId: string) =>
  (await mutationsOf(mocks, c.provider, instanceId)).map((e) => [e.action, e.outcome, e.error ?? null]);

describe.each(CASES)('$provider on the stateful mock', (c) => {
  const kit = () => kitFor(mocks, c.provider);

  describe.concurrent('jobs', () => {
    it('changeInstanceType: running → stopped → resized → running again with the new type; every step listed', async () => {
      const id = c.ids.resize;
      const progress: JobProgress[] = [];
      const result = await kit().changeInstanceType({
        instanceId: id,
        instanceType: c.to,
        whenRunning: 'stopAndRestart',
        timeoutMs: 30_000,
        onProgress: (p) => progress.push(p),
      });
      expect(result).toMatchObject({ changed: true, job: 'changeInstanceType', instanceId: id });
      expect(result.before).toMatchObject({ state: 'running', instanceType: c.from });
      expect(result.after).toMatchObject({ state: 'running', instanceType: c.to, providerState: c.running });
      const sent = result.steps.filter((s) => s.requestId);
      expect(sent.map((s) => [s.step, s.action])).toEqual([
        ['stop', c.stop],
        ['resize', c.resize],
        ['start', c.start],
      ]);
      expect(result.steps.at(-1)).toMatchObject({ step: 'verify', state: 'running' });
      for (const s of result.steps) expect(s.elapsedMs).toBeGreaterThanOrEqual(0);
      // The request ids are the ones the mock answered, each mutation sent once.
      const log = await mutationsOf(mocks, c.provider, id);
      expect(log.map((e) => [e.action, e.outcome, e.requestId])).toEqual(
        sent.map((s) => [s.action, 'accepted', s.requestId]),
      );
      expect(await mockInstance(mocks, c.provider, id)).toMatchObject({
        state: c.running,
        instanceType: c.to,
      });
      expect(progress.filter((p) => p.phase === 'started').map((p) => p.step)).toEqual(
        result.steps.map((s) => s.step),
      );
    }, 40_000);

    it('changeInstanceType to the type the instance already has sends nothing and says so', async () => {
      const result = await kit().changeInstanceType({
        instanceId: c.ids.already,
        instanceType: c.to,
        whenRunning: 'stopAndRestart',
      });
      expect(result).toMatchObject({ changed: false, message: expect.stringContaining('nothing was sent') });
      expect(result.steps.map((s) => s.step)).toEqual(['describe']);
      expect(await mutationsOf(mocks, c.provider, c.ids.already)).toEqual([]);
    });

    it('a sold-out target is a typed error naming the state the instance was left in', async () => {
      const id = c.ids.soldOut;
      const error = await kit()
        .changeInstanceType({ instanceId: id, instanceType: c.soldOut, whenRunning: 'stopAndRestart' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobError);
      const failure = error as JobError;
      expect(failure.code).toBe('SoldOut');
      expect(failure.stateLeft).toBe('running');
      expect(failure.message).toContain('the instance was left running');
      expect(await mockInstance(mocks, c.provider, id)).toMatchObject({
        state: c.running,
        instanceType: c.from,
      });
      // The type listing says so before anything is stopped.
      expect(failure.step).toBe('checkTarget');
      expect(failure.cause).toBeInstanceOf(TargetUnavailableError);
      expect(await mutationsOf(mocks, c.provider, id)).toEqual([]);
    }, 40_000);

    it('a target that sells out after the stop is refused once, never retried as busy; the job starts the instance again', async () => {
      const id = c.ids.lateSoldOut;
      const error = await kit()
        .changeInstanceType({
          instanceId: id,
          instanceType: c.lateSoldOut,
          whenRunning: 'stopAndRestart',
          // Retried as busy, the resize would run into this deadline instead of failing at once.
          timeoutMs: 20_000,
          onProgress: ({ step, phase }) => {
            if (step === 'stop' && phase === 'started') void setStock(mocks, c.provider, c.lateSoldOut, true);
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobError);
      const failure = error as JobError;
      expect(failure.code).toBe('SoldOut');
      expect(failure.step).toBe('resize');
      expect(failure.stateLeft).toBe('running');
      expect(failure.message).toContain('started it again');
      expect(failure.message).toContain(c.soldOutAnswer);
      // JD's sold-out answer is also its busy answer: the listing, asked again before a retry, said why.
      if (c.soldOutAnswer === 'FAILED_PRECONDITION') {
        expect(failure.cause).toBeInstanceOf(TargetUnavailableError);
        expect(failure.message).toContain(`${c.lateSoldOut} is soldOut`);
      }
      expect(await outcomes(c, id)).toEqual([
        [c.stop, 'accepted', null],
        [c.resize, 'error', c.soldOutAnswer],
        [c.start, 'accepted', null],
      ]);
      expect(await mockInstance(mocks, c.provider, id)).toMatchObject({
        state: c.running,
        instanceType: c.from,
      });
    }, 40_000);

    it('Busy answers are retried with backoff: the stop is executed once, after two busy answers', async () => {
      const id = c.ids.busy;
      await holdBusy(mocks, c.provider, id, 2);
      const progress: JobProgress[] = [];
      const result = await kit().changeInstanceType({
        instanceId: id,
        instanceType: c.to,
        whenRunning: 'stop',
        onProgress: (p) => progress.push(p),
      });
      expect(result.after).toMatchObject({ state: 'stopped', instanceType: c.to });
      expect(result.steps.find((s) => s.step === 'stop')).toMatchObject({ attempts: 3, action: c.stop });
      expect(progress.filter((p) => p.phase === 'busy')).toHaveLength(2);
      const log = await outcomes(c, id);
      expect(log.slice(0, 3).map(([action, outcome]) => [action, outcome])).toEqual([
        [c.stop, 'error'],
        [c.stop, 'error'],
        [c.stop, 'accepted'],
      ]);
      // whenRunning 'stop': no start is sent.
      expect(log.slice(3)).toEqual([[c.resize, 'accepted', null]]);
    }, 40_000);

    it('an abort mid-job throws an AbortError naming the step and the state left behind; nothing more is sent', async () => {
      const id = c.ids.abort;
      const controller = new AbortController();
      const error = await kit()
        .changeInstanceType({
          instanceId: id,
          instanceType: c.to,
          whenRunning: 'stopAndRestart',
          signal: controller.signal,
          onProgress: (p) => {
            if (p.step === 'resize' && p.phase === 'waiting') controller.abort();
          },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobAbortError);
      expect(error).toBeInstanceOf(AbortError);
      expect(error).toMatchObject({ step: 'resize', stateLeft: 'resizing', code: 'Aborted' });
      expect((error as JobAbortError).message).toContain('the instance was left resizing');
      expect((await outcomes(c, id)).map(([action]) => action)).toEqual([c.stop, c.resize]);
    }, 40_000);

    it("whenRunning 'refuse' on a running instance sends nothing", async () => {
      const error = await kit()
        .changeInstanceType({ instanceId: c.ids.refuse, instanceType: c.to, whenRunning: 'refuse' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'InvalidState', stateLeft: 'running' });
      expect((error as Error).message).toContain('nothing was sent');
      expect(await mutationsOf(mocks, c.provider, c.ids.refuse)).toEqual([]);
    });

    it('reinstallAndWait reinstalls, brings the instance back running and verifies the image', async () => {
      const id = c.ids.reinstall;
      const result = await kit().reinstallAndWait({
        instanceId: id,
        imageId: c.newImage,
        password: 'Correct-Horse-42',
        whenRunning: 'stopAndRestart',
        timeoutMs: 30_000,
      });
      expect(result.after).toMatchObject({ state: 'running', imageId: c.newImage });
      expect(result.steps.some((s) => s.step === 'reinstall' && s.action === c.reinstall)).toBe(true);
      expect(JSON.stringify(result)).not.toContain('Correct-Horse-42');
    }, 40_000);
  });

  describe('describe, stop and start', () => {
    it.each(
      (['pending', 'failed', 'reinstalling'] as const).flatMap((neutral) =>
        (c.described[neutral] ?? []).map((state) => [neutral, state] as const),
      ),
    )('describe shows %s for %s (the spec’s state map)', async (neutral, state) => {
      const id = describedId(c, state);
      expect(await kit().describe(id)).toMatchObject({
        provider: c.provider,
        instanceId: id,
        state: neutral,
        providerState: state,
        instanceType: c.from,
      });
    });

    it('a job changes nothing from a failed instance: InvalidState, nothing sent', async () => {
      const id = describedId(c, c.described.failed![0]!);
      const error = await kit()
        .changeInstanceType({ instanceId: id, instanceType: c.to, whenRunning: 'stop', timeoutMs: 10_000 })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(JobError);
      expect(error).toMatchObject({ code: 'InvalidState', step: 'describe', stateLeft: 'failed' });
      expect(await mutationsOf(mocks, c.provider, id)).toEqual([]);
    });

    it('describe shows a reinstall in progress as reinstalling, then the state it ends in', async () => {
      const k = kit();
      const id = c.reinstalling;
      const handle = await k.reinstall({ instanceId: id, imageId: c.newImage, password: 'Correct-Horse-42' });
      expect(await k.describe(id)).toMatchObject({ state: 'reinstalling' });
      await k.waitFor(handle, { intervalMs: 100, timeoutMs: 15_000 });
      expect((await k.describe(id)).state).not.toBe('reinstalling');
    }, 30_000);

    it('stop and start of an instance already there are no-ops that send nothing; describe shows each state', async () => {
      const id = c.ids.power;
      const k = kit();
      expect(await k.describe(id)).toMatchObject({
        provider: c.provider,
        instanceId: id,
        state: 'running',
        providerState: c.running,
        instanceType: c.from,
        imageId: c.image,
      });
      expect(await k.start(id)).toMatchObject({ noop: true, state: 'running', action: c.start });
      const stop = await k.stop(id, { stopType: c.provider === 'jdcloud' ? undefined : 'soft' });
      if (stop.noop) throw new Error('a running instance was not stopped');
      expect((await k.describe(id)).state).toBe('stopping');
      await k.waitFor(stop.operation, { intervalMs: 100, timeoutMs: 15_000 });
      expect(await k.describe(id)).toMatchObject({ state: 'stopped', providerState: c.stopped });
      expect(await k.stop(id)).toMatchObject({ noop: true, state: 'stopped', message: expect.any(String) });
      // A resize shows as resizing (Tencent: through LatestOperation*, its state stays STOPPED).
      const resize = await k.resize({ instanceId: id, instanceType: c.to });
      expect((await k.describe(id)).state).toBe('resizing');
      await k.waitFor(resize, { intervalMs: 100, timeoutMs: 15_000 });
      expect(await k.describe(id)).toMatchObject({ state: 'stopped', instanceType: c.to });
      const start = await k.start(id);
      expect(start.noop).toBe(false);
      expect((await k.describe(id)).state).toBe('starting');
      expect((await outcomes(c, id)).map(([action, outcome]) => [action, outcome])).toEqual([
        [c.stop, 'accepted'],
        [c.resize, 'accepted'],
        [c.start, 'accepted'],
      ]);
    }, 40_000);

    it('resizeOptions lists the targets with their availability; a dry run reports a sold-out or unlisted target instead of a price', async () => {
      const k = kit();
      const id = c.ids.refuse;
      expect(k.capabilities.resizeOptions).toMatchObject({ supported: true });
      const listing = await k.resizeOptions(id);
      expect(listing.options).toEqual(
        expect.arrayContaining([
          { instanceType: c.to, availability: 'available' },
          { instanceType: c.soldOut, availability: 'soldOut' },
        ]),
      );
      const dryRun = await k.resize({ instanceId: id, instanceType: c.soldOut, dryRun: true });
      expect(dryRun).toMatchObject({ quote: null, availability: 'soldOut' });
      const notOffered = await k.resize({ instanceId: id, instanceType: 'S9.NOSUCH1', dryRun: true });
      expect(notOffered.availability).toBe('notOffered');
      // Only the listing was asked: no price for a target that cannot be bought, and no mutation.
      expect(await mutationsOf(mocks, c.provider, id)).toEqual([]);
    });

    it('a stop option the provider lacks is a ValidationError naming it; nothing is sent', async () => {
      const lacking =
        c.provider === 'tencent' ? undefined : c.provider === 'zenlayer' ? 'stoppedMode' : 'stopType';
      const k = kit();
      if (lacking) {
        const options =
          lacking === 'stopType' ? { stopType: 'hard' as const } : { stoppedMode: 'stopCharging' as const };
        const error = await k.stop(c.ids.refuse, options).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationError);
        expect(error).toMatchObject({ field: lacking, rule: 'unsupported' });
      }
      if (c.provider === 'zenlayer') {
        const error = await k.stop(c.ids.refuse, { stopType: 'softFirst' }).catch((e: unknown) => e);
        expect(error).toMatchObject({ field: 'stopType', rule: 'unsupported' });
      }
      const typo = await k.stop(c.ids.refuse, { stoptype: 'hard' } as never).catch((e: unknown) => e);
      expect(typo).toBeInstanceOf(ValidationError);
      expect(await mutationsOf(mocks, c.provider, c.ids.refuse)).toEqual([]);
    });
  });
});
