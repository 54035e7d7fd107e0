// fleet plan / apply / status as real processes against the stateful mock with seeded chaos (throttling, server
// errors, latency) and signatures verified: 300 instances over the three providers, the CLI killed with SIGKILL
// midway, then `fleet apply --resume`. The mock's mutation log is the oracle: every instance changed exactly once,
// no action ever over its documented per-second limit, the report complete; a bad plan sends nothing at all.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInstanceKit } from 'instancekit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  cli,
  cliEnv,
  finished,
  KEYS,
  type LogEntry,
  type Mock,
  type Provider,
  REGION,
  schemaErrors,
  spawnCli,
  startMock,
  tempDir,
} from './support.js';

const PER_PROVIDER = 100;
const PROVIDERS: Provider[] = ['tencent', 'zenlayer', 'jdcloud'];
const FACTS: Record<
  Provider,
  { from: string; to: string; image: string; newImage: string; running: string; stopped: string }
> = {
  tencent: {
    from: 'S5.MEDIUM4',
    to: 'S5.LARGE8',
    image: 'img-pmqg1cw7',
    newImage: 'img-8toqc6s3',
    running: 'RUNNING',
    stopped: 'STOPPED',
  },
  zenlayer: {
    from: 'z2a.cpu.2',
    to: 'z2a.cpu.4',
    image: 'ubuntu2204_20240101',
    newImage: 'ubuntu2404_20240712',
    running: 'RUNNING',
    stopped: 'STOPPED',
  },
  jdcloud: {
    from: 'g.n2.medium',
    to: 'g.n2.large',
    image: 'img-m5s0t0y2mp',
    newImage: 'img-chn8lfcn6j',
    running: 'running',
    stopped: 'stopped',
  },
};
const idOf = (provider: Provider, n: number) =>
  provider === 'tencent'
    ? `ins-fl${String(n).padStart(6, '0')}`
    : provider === 'zenlayer'
      ? `1660545330972${String(n).padStart(6, '0')}`
      : `i-fl${String(n).padStart(8, '0')}`;
/** Every fourth instance runs (stopped and started again around its resize); every fourth is reinstalled. */
const running = (n: number) => n % 4 === 0;
const reinstalled = (n: number) => n % 4 === 2;
const PASSWORD = 'Fleet-Cli-26!xy';

let dir: string;
let mock: Mock;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir('fleet');
  env = cliEnv(dir);
  mock = await startMock(
    dir,
    {
      transitionMs: 60,
      instances: PROVIDERS.flatMap((provider) =>
        Array.from({ length: PER_PROVIDER }, (_, n) => ({
          provider,
          instanceId: idOf(provider, n),
          state: running(n) ? FACTS[provider].running : FACTS[provider].stopped,
          instanceType: FACTS[provider].from,
          imageId: FACTS[provider].image,
          ...(REGION[provider] ? { region: REGION[provider] } : {}),
        })),
      ),
      instanceTypes: PROVIDERS.map((provider) => ({ provider, instanceType: FACTS[provider].to })),
    },
    [
      '--chaos-seed',
      '15',
      '--chaos-throttle',
      '0.03',
      '--chaos-server-error',
      '0.01',
      '--chaos-latency',
      '0,15',
    ],
  );
});
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A plan file (YAML) of the first `count` instances of each provider. */
function planFile(name: string, count: number, extra = ''): string {
  const lines = ['version: 1', 'endpoints:', ...PROVIDERS.map((p) => `  ${p}: ${mock.urls[p]}`), 'changes:'];
  for (const provider of PROVIDERS)
    for (let n = 0; n < count; n++) {
      const region = REGION[provider] ? `, region: ${REGION[provider]}` : '';
      const change = reinstalled(n)
        ? `imageId: ${FACTS[provider].newImage}`
        : `instanceType: ${FACTS[provider].to}`;
      lines.push(`  - { provider: ${provider}${region}, instanceId: "${idOf(provider, n)}", ${change} }`);
    }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n${extra}`);
  return path;
}

const allLogs = async () => (await Promise.all(PROVIDERS.map((p) => mock.log(p)))).flat();
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;

describe('instancekit fleet', () => {
  it('a plan with bad entries is refused before anything is sent: every bad entry named with its line', async () => {
    const path = join(dir, 'bad.yaml');
    writeFileSync(
      path,
      [
        'version: 1',
        'changes:',
        `  - { provider: tencent, region: ap-guangzhou, instanceId: ${idOf('tencent', 0)}, instanceType: S5.LARGE8 }`,
        `  - { provider: tencent, region: ap-guangzhou, instanceId: ${idOf('tencent', 1)}, instanceTyp: S5.LARGE8 }`,
        '  - provider: jdcloud',
        `    instanceId: ${idOf('jdcloud', 1)}`,
        '    instanceType: g.n2.large',
        `  - { provider: nimbus, instanceId: x, instanceType: y }`,
        `  - { provider: tencent, region: ap-guangzhou, instanceId: "bad id", instanceType: S5.LARGE8 }`,
        '',
      ].join('\n'),
    );
    const before = (await allLogs()).length;
    for (const command of ['plan', 'apply']) {
      const journal = command === 'apply' ? ['--journal', join(dir, 'bad.journal')] : [];
      const result = await cli(['--json', 'fleet', command, path, ...journal], { env });
      expect(result.code, result.stderr).toBe(2);
      const error = json(result.stdout);
      expect(schemaErrors('error', error)).toEqual([]);
      const problems = (error.error as { problems: { entry: number; line: number; field: string }[] })
        .problems;
      expect(problems.map((p) => [p.entry, p.line, p.field])).toEqual([
        [1, 4, 'changes[1].instanceTyp'],
        [2, 5, 'changes[2].region'],
        [3, 8, 'changes[3].provider'],
        [4, 9, 'changes[4].instanceId'],
      ]);
      expect(result.stderr).toContain('line 4: changes[1].instanceTyp is not a known field');
    }
    const yamlError = join(dir, 'broken.yaml');
    writeFileSync(yamlError, 'version: 1\nchanges:\n  - { provider: tencent\n');
    const broken = await cli(['fleet', 'plan', yamlError], { env });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/line \d+/);
    expect((await allLogs()).length).toBe(before);
  });

  it('fleet plan --json: every change described, priced where the provider prices it, nothing sent', async () => {
    const result = await cli(['--json', 'fleet', 'plan', planFile('preview.yaml', 4), '--password-stdin'], {
      env,
      input: PASSWORD,
    });
    expect(result.code, result.stderr).toBe(0);
    const preview = json(result.stdout);
    expect(schemaErrors('fleet-plan', preview)).toEqual([]);
    const entries = preview.entries as { instanceId: string; wouldStop: boolean; price: unknown }[];
    expect(entries).toHaveLength(12);
    expect(entries.filter((e) => e.wouldStop).map((e) => e.instanceId)).toEqual(
      PROVIDERS.map((p) => idOf(p, 0)),
    );
    expect((preview.totals as { currency: string }[]).map((t) => t.currency)).toContain('CNY');
    expect(result.stdout).not.toContain(PASSWORD);
    expect((await allLogs()).filter((e) => !e.fault)).toEqual([]);
  });

  it('300 instances over three providers: kill -9 midway, --resume, every instance changed exactly once', async () => {
    const plan = planFile('fleet.yaml', PER_PROVIDER);
    const journal = join(dir, 'fleet.journal.jsonl');
    const args = [
      'fleet',
      'apply',
      plan,
      '--journal',
      journal,
      '--password-stdin',
      '--concurrency',
      '30',
      '--max-attempts',
      '6',
      '--reconcile-after-ms',
      '300',
    ];
    const first = spawnCli(['--json', ...args], { env, input: PASSWORD });
    const firstDone = finished(first);
    // Kill it once about a third of the changes have ended — with many mutations in flight.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const ends = journalLines(journal).filter((line) => line.includes('"type":"end"')).length;
        if (ends >= PER_PROVIDER) {
          clearInterval(timer);
          first.kill('SIGKILL');
          resolve();
        }
      }, 100);
      firstDone.then((r) => {
        clearInterval(timer);
        reject(new Error(`the first run ended before it was killed: ${r.code} ${r.stderr}`));
      });
    });
    expect((await firstDone).signal).toBe('SIGKILL');
    const interrupted = await cli(['--json', 'fleet', 'status', '--journal', journal], { env });
    expect(interrupted.code, interrupted.stderr).toBe(3);
    const partial = json(interrupted.stdout);
    expect(schemaErrors('fleet-status', partial)).toEqual([]);
    expect(partial.counts, 'killed with changes left').toMatchObject({ pending: expect.any(Number) });
    expect((partial.counts as { changed: number }).changed).toBeLessThan(3 * PER_PROVIDER);
    // Killed with changes in flight: started, their outcome not journaled — the resume reconciles each.
    expect((partial.counts as { inFlight: number }).inFlight).toBeGreaterThan(0);

    const resumed = await cli(['--json', ...args, '--resume'], { env, input: PASSWORD });
    expect(resumed.code, resumed.stderr).toBe(0);
    const report = json(resumed.stdout);
    expect(schemaErrors('fleet-apply', report)).toEqual([]);
    expect(report).toMatchObject({ ok: true, runs: 2 });
    expect((report.counts as { changed: number }).changed).toBe(3 * PER_PROVIDER);
    const entries = report.entries as {
      instanceId: string;
      requestIds: string[];
      elapsedMs: number;
      mutations: { executed: string }[];
    }[];
    expect(entries).toHaveLength(3 * PER_PROVIDER);
    for (const entry of entries) {
      // A mutation killed before its answer came back has no request id to report (`noAnswer`): the resume found
      // its change by describing the instance. Every other entry names the request ids of its calls.
      if (!entry.mutations.some((m) => m.executed === 'noAnswer'))
        expect(entry.requestIds.length, entry.instanceId).toBeGreaterThan(0);
      expect(entry.elapsedMs).toBeGreaterThanOrEqual(0);
    }
    // fleet status reads the same report from the journal.
    const status = await cli(['--json', 'fleet', 'status', '--journal', journal], { env });
    expect(status.code).toBe(0);
    expect(json(status.stdout)).toEqual(report);
    expect(readFileSync(journal, 'utf8')).not.toContain(PASSWORD);

    for (const provider of PROVIDERS) {
      const region = REGION[provider] ? { region: REGION[provider] } : {};
      const kit = createInstanceKit({ provider, ...region, credentials: KEYS[provider] });
      const { resize, reinstall, stop, start } = kit.capabilities;
      const log = await mock.log(provider);
      const instances = new Map((await mock.instances(provider)).map((i) => [i.instanceId, i]));
      for (let n = 0; n < PER_PROVIDER; n++) {
        const id = idOf(provider, n);
        const accepted = log
          .filter((e) => e.instanceIds.includes(id) && e.outcome === 'accepted')
          .map((e) => e.action);
        const change = reinstalled(n) ? reinstall.action! : resize.action!;
        // Exactly once: the change. A running instance was stopped and started around it (again after a server
        // error, when the job's failure policy had started it again), and it runs at the end.
        expect(
          accepted.filter((a) => a === change),
          `${provider} ${id}`,
        ).toHaveLength(1);
        const stops = accepted.filter((a) => a === stop.action).length;
        expect(accepted.filter((a) => a === start.action).length, `${provider} ${id} starts`).toBe(stops);
        if (running(n) && !reinstalled(n)) expect(stops, `${provider} ${id} stops`).toBeGreaterThanOrEqual(1);
        else expect(stops, `${provider} ${id} stops`).toBe(0);
        const now = instances.get(id)!;
        if (reinstalled(n)) expect(now.imageId).toBe(FACTS[provider].newImage);
        else
          expect(now).toMatchObject({
            instanceType: FACTS[provider].to,
            state: running(n) ? FACTS[provider].running : FACTS[provider].stopped,
          });
      }
      // Never over the documented limit: no second of the log holds more requests of one action than it allows.
      const limits = new Map(
        Object.values(kit.capabilities).flatMap((c) =>
          c.action && c.rateLimit ? [[c.action, c.rateLimit.perSecond] as const] : [],
        ),
      );
      for (const [action, perSecond] of limits) {
        const busiest = busiestSecond(log.filter((e) => e.action === action));
        expect(busiest, `${provider} ${action}`).toBeLessThanOrEqual(perSecond);
      }
      expect(
        log.some((e) => e.fault),
        `${provider}: the chaos reached the run`,
      ).toBe(true);
    }
  }, 240_000);
});

/** The journal's lines so far (none before the run created it). */
function journalLines(path: string): string[] {
  try {
    return readFileSync(path, 'utf8').split('\n');
  } catch {
    return [];
  }
}

/** The most log entries within any 1000 ms. */
function busiestSecond(entries: readonly LogEntry[]): number {
  const times = entries.map((e) => Date.parse(e.time)).sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= 1000) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}
