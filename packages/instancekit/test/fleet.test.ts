// instancekit/fleet against @instancekit/mock's stateful mode with signature verification on: a plan over the three
// providers run with an in-memory journal, a bad plan refused before anything is sent, and resumes from journals
// whose last mutation has no answer — the mock's mutation log says what reached it, so "sent once" is its word.
import { type RunningMocks, startMocks } from '@instancekit/mock';
import {
  type FleetPlan,
  FleetPlanError,
  type JournalEvent,
  memoryJournal,
  type ProviderName,
  previewFleet,
  runFleet,
  ValidationError,
} from 'instancekit/fleet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, MOCK_OF, mockInstance, mutationsOf, REGION_OF } from './support/stateful-kits.js';

const TYPES: Record<ProviderName, { from: string; to: string; image: string; newImage: string }> = {
  tencent: { from: 'S5.MEDIUM4', to: 'S5.LARGE8', image: 'img-pmqg1cw7', newImage: 'img-8toqc6s3' },
  zenlayer: {
    from: 'z2a.cpu.2',
    to: 'z2a.cpu.4',
    image: 'ubuntu2204_20240101',
    newImage: 'ubuntu2404_20240712',
  },
  jdcloud: { from: 'g.n2.medium', to: 'g.n2.large', image: 'img-m5s0t0y2mp', newImage: 'img-chn8lfcn6j' },
};
const STATE = {
  tencent: { running: 'RUNNING', stopped: 'STOPPED' },
  zenlayer: { running: 'RUNNING', stopped: 'STOPPED' },
  jdcloud: { running: 'running', stopped: 'stopped' },
};
const PROVIDERS = Object.keys(TYPES) as ProviderName[];
/** Instance `n` of a provider, in its id form. */
const idOf = (provider: ProviderName, n: number) =>
  provider === 'tencent'
    ? `ins-flt${String(n).padStart(5, '0')}`
    : provider === 'zenlayer'
      ? `16605453309717${String(n).padStart(5, '0')}`
      : `i-flt${String(n).padStart(7, '0')}`;

// Per provider: 1 running (resize, stop and restart), 2 stopped (reinstall), 3 already the target (nothing sent),
// 4..6 for the resume cases.
const FIXTURE = PROVIDERS.flatMap((provider) =>
  [1, 2, 3, 4, 5, 6].map((n) => ({
    provider,
    instanceId: idOf(provider, n),
    state: n === 2 || n === 5 ? STATE[provider].stopped : STATE[provider].running,
    instanceType: n === 3 ? TYPES[provider].to : TYPES[provider].from,
    imageId: TYPES[provider].image,
    ...(REGION_OF[provider] ? { region: REGION_OF[provider] } : {}),
  })),
);

let mocks: RunningMocks;
beforeAll(async () => {
  mocks = await startMocks({
    providers: PROVIDERS.map((p) => MOCK_OF[p]),
    credentials: KEYS,
    stateful: {
      transitionMs: 150,
      instances: FIXTURE,
      instanceTypes: PROVIDERS.map((provider) => ({ provider, instanceType: TYPES[provider].to })),
    },
  });
}, 60_000);
afterAll(() => mocks?.close());

const endpoints = () => Object.fromEntries(PROVIDERS.map((p) => [p, mocks.urls[MOCK_OF[p]]!]));
const where = (provider: ProviderName) => (REGION_OF[provider] ? { region: REGION_OF[provider] } : {});
const resize = (provider: ProviderName, n: number) => ({
  provider,
  ...where(provider),
  instanceId: idOf(provider, n),
  instanceType: TYPES[provider].to,
});
const reinstall = (provider: ProviderName, n: number) => ({
  provider,
  ...where(provider),
  instanceId: idOf(provider, n),
  imageId: TYPES[provider].newImage,
});
const planOf = (changes: FleetPlan['changes']): FleetPlan => ({
  version: 1,
  endpoints: endpoints(),
  changes,
});
const accepted = async (provider: ProviderName, n: number) =>
  (await mutationsOf(mocks, provider, idOf(provider, n)))
    .filter((entry) => entry.outcome === 'accepted')
    .map((entry) => entry.action);
const PASSWORD = 'Fleet-Secret-26!';

describe('runFleet', () => {
  it('a bad plan is refused before anything is sent, every bad change named with its field', async () => {
    const plan = {
      version: 1,
      endpoints: endpoints(),
      changes: [
        resize('tencent', 1),
        { ...resize('zenlayer', 1), instanceTyp: 'x' },
        {
          provider: 'tencent',
          region: 'ap-guangzhou',
          instanceId: idOf('tencent', 1),
          instanceType: 'S5.LARGE8',
        },
        { ...resize('jdcloud', 1), region: undefined },
        { ...resize('tencent', 2), instanceType: '' },
      ],
    };
    const journal = memoryJournal();
    const error = await runFleet({ plan, journal, credentials: KEYS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FleetPlanError);
    const problems = (error as FleetPlanError).problems;
    expect(problems.map((p) => [p.entry, p.field])).toEqual([
      [1, 'changes[1].instanceTyp'],
      [2, 'changes[2]'],
      [3, 'changes[3].region'],
      [4, 'changes[4].instanceType'],
    ]);
    expect(problems[1]!.message).toContain('again (first in changes[0])');
    expect(journal.events).toEqual([]);
    for (const provider of PROVIDERS)
      expect(await mutationsOf(mocks, provider, idOf(provider, 1))).toEqual([]);
  });

  it('previews without sending a mutation: state, stops, availability, prices and totals per currency', async () => {
    const preview = await previewFleet({
      plan: planOf(PROVIDERS.flatMap((p) => [resize(p, 1), reinstall(p, 2), resize(p, 3)])),
      credentials: KEYS,
      secrets: { password: PASSWORD },
    });
    const byKey = new Map(preview.entries.map((e) => [e.instanceId, e]));
    for (const provider of PROVIDERS) {
      expect(byKey.get(idOf(provider, 1))).toMatchObject({
        wouldStop: true,
        noop: false,
        now: { state: 'running' },
      });
      expect(byKey.get(idOf(provider, 3))).toMatchObject({ noop: true, wouldStop: false });
      for (const n of [1, 2, 3]) expect(await mutationsOf(mocks, provider, idOf(provider, n))).toEqual([]);
    }
    expect(byKey.get(idOf('tencent', 1))!.price?.currency).toBe('CNY');
    expect(preview.totals.some((t) => t.currency === 'CNY' && t.amount > 0)).toBe(true);
    expect(JSON.stringify(preview)).not.toContain(PASSWORD);
  });

  it('runs a plan over three providers: each change sent once, the report lists every request id', async () => {
    const journal = memoryJournal();
    const plan = planOf(PROVIDERS.flatMap((p) => [resize(p, 1), reinstall(p, 2), resize(p, 3)]));
    const report = await runFleet({
      plan,
      journal,
      credentials: KEYS,
      secrets: { password: PASSWORD },
      jobTimeoutMs: 30_000,
    });
    expect(report.counts).toMatchObject({ changed: 6, unchanged: 3, failed: 0, pending: 0 });
    expect(report.ok).toBe(true);
    for (const provider of PROVIDERS) {
      const [stop, start] = [
        provider === 'jdcloud' ? 'stopInstance' : 'StopInstances',
        provider === 'jdcloud' ? 'startInstance' : 'StartInstances',
      ];
      const resizeAction = {
        tencent: 'ResetInstancesType',
        zenlayer: 'ModifyInstanceType',
        jdcloud: 'resizeInstance',
      }[provider];
      expect(await accepted(provider, 1)).toEqual([stop, resizeAction, start]);
      expect(await accepted(provider, 3)).toEqual([]);
      expect((await accepted(provider, 2)).length).toBe(1);
      expect(await mockInstance(mocks, provider, idOf(provider, 1))).toMatchObject({
        instanceType: TYPES[provider].to,
        state: STATE[provider].running,
      });
      const entry = report.entries.find((e) => e.instanceId === idOf(provider, 1))!;
      const logged = (await mutationsOf(mocks, provider, idOf(provider, 1))).map((e) => e.requestId);
      expect(entry.requestIds).toEqual(logged);
      expect(entry.before).toMatchObject({ state: 'running', instanceType: TYPES[provider].from });
      expect(entry.after).toMatchObject({ state: 'running', instanceType: TYPES[provider].to });
    }
    // No password in the journal, whatever an error or message says.
    expect(JSON.stringify(journal.events)).not.toContain(PASSWORD);
    // The journal is written intent-first: every answer follows its intent.
    const kinds = journal.events.filter((e) => e.type === 'intent' || e.type === 'sent').map((e) => e.type);
    expect(kinds.filter((k) => k === 'intent').length).toBe(kinds.filter((k) => k === 'sent').length);
    // Resuming a finished run sends nothing more.
    const again = await runFleet({
      plan,
      journal,
      credentials: KEYS,
      secrets: { password: PASSWORD },
      resume: true,
    });
    expect(again.counts).toMatchObject({ changed: 6, unchanged: 3 });
    for (const provider of PROVIDERS) expect(await accepted(provider, 1)).toHaveLength(3);
  }, 60_000);

  it('its options are closed and checked: a typo, a bad number, a bad journal are ValidationErrors naming them', async () => {
    const plan = planOf([resize('tencent', 6)]);
    const journal = memoryJournal();
    const refused = async (options: Record<string, unknown>) =>
      (await runFleet({ plan, journal, credentials: KEYS, ...options } as never).catch(
        (e: unknown) => e,
      )) as ValidationError;
    expect((await refused({ concurency: 4 })).field).toBe('concurency');
    expect((await refused({ concurrency: 0 })).field).toBe('concurrency');
    expect((await refused({ rateShare: 0 })).field).toBe('rateShare');
    expect((await refused({ rateShare: 1.5 })).field).toBe('rateShare');
    expect((await refused({ journal: {} })).field).toBe('journal');
    expect((await refused({ secrets: { pasword: 'x' } })).field).toBe('secrets.pasword');
    for (const options of [{ concurency: 4 }, { rateShare: 0 }])
      expect(await refused(options)).toBeInstanceOf(ValidationError);
    await expect(previewFleet({ plan, journal } as never)).rejects.toThrow(/journal is not a known option/);
    expect(journal.events).toEqual([]);
    expect(await mutationsOf(mocks, 'tencent', idOf('tencent', 6))).toEqual([]);
  });

  it('refuses a journal of another run without resume, and of another plan with it', async () => {
    const journal = memoryJournal([
      { type: 'run', at: 1, runId: 'x', digest: '00000000', changes: [], resume: false },
    ]);
    const plan = planOf([resize('tencent', 6)]);
    await expect(runFleet({ plan, journal, credentials: KEYS })).rejects.toThrow(/pass resume/);
    await expect(runFleet({ plan, journal, credentials: KEYS, resume: true })).rejects.toThrow(
      /another plan/,
    );
    expect(await mutationsOf(mocks, 'tencent', idOf('tencent', 6))).toEqual([]);
  });

  describe.each(PROVIDERS)('resume on %s', (provider) => {
    /** A journal that crashed right after writing the intent of `action` (whose answer never came). */
    async function crashedAfterIntent(n: number, action: string): Promise<JournalEvent[]> {
      const seed = memoryJournal();
      const plan = planOf([resize(provider, n)]);
      // A real first run of a plan with one change, stopped before any change starts, gives the run event.
      const stop = new AbortController();
      stop.abort();
      await runFleet({ plan, journal: seed, credentials: KEYS, stop: stop.signal });
      const [run] = seed.events;
      const key = `${provider}/${REGION_OF[provider] ?? '-'}/${idOf(provider, n)}`;
      const at = Date.now() - 10_000;
      return [
        run!,
        {
          type: 'start',
          at,
          key,
          provider,
          ...where(provider),
          instanceId: idOf(provider, n),
          kind: 'resize',
          target: TYPES[provider].to,
          attempt: 1,
          before: {
            state: n === 5 ? 'stopped' : 'running',
            providerState: '',
            instanceType: TYPES[provider].from,
            imageId: null,
          },
        },
        { type: 'price', at, key, price: null },
        { type: 'intent', at, key, action },
      ];
    }
    const resizeAction = {
      tencent: 'ResetInstancesType',
      zenlayer: 'ModifyInstanceType',
      jdcloud: 'resizeInstance',
    }[provider];

    it('an intent with no answer, the instance unchanged and idle: sent once, after the reconcile wait', async () => {
      const journal = memoryJournal(await crashedAfterIntent(5, resizeAction));
      const report = await runFleet({
        plan: planOf([resize(provider, 5)]),
        journal,
        credentials: KEYS,
        resume: true,
        reconcileAfterMs: 100,
      });
      expect(report.counts.changed).toBe(1);
      expect(await accepted(provider, 5)).toEqual([resizeAction]);
    }, 30_000);

    it('an intent whose mutation did reach the provider: reconciled by describing, not sent again', async () => {
      // The mutation the crashed run sent: a real resize of a stopped instance.
      const events = await crashedAfterIntent(4, resizeAction);
      const { createInstanceKit } = await import('instancekit');
      const kit = createInstanceKit({
        provider,
        ...where(provider),
        credentials: KEYS[provider],
        endpoint: mocks.urls[MOCK_OF[provider]]!,
      });
      await kit.changeInstanceType({
        instanceId: idOf(provider, 4),
        instanceType: TYPES[provider].to,
        whenRunning: 'stop',
        timeoutMs: 20_000,
      });
      const before = await accepted(provider, 4);
      const journal = memoryJournal(events);
      const report = await runFleet({
        plan: planOf([resize(provider, 4)]),
        journal,
        credentials: KEYS,
        resume: true,
        reconcileAfterMs: 100,
      });
      expect(report.entries[0]).toMatchObject({
        outcome: 'changed',
        message: expect.stringContaining('reconciled'),
      });
      expect(await accepted(provider, 4)).toEqual(before);
    }, 40_000);
  });
});
