// The single-instance commands as real processes against the stateful mock (signatures verified): each one's
// --json output validated against its schema, the exit codes, and secrets that never reach argv or the output.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  cli,
  cliEnv,
  type Mock,
  type Provider,
  REGION,
  schemaErrors,
  startMock,
  tempDir,
} from './support.js';

interface Case {
  /** Running instances: one resized, one only looked at (options, dry run). */
  id: string;
  dry: string;
  /** Stopped instances: one reinstalled, one stopped and started. */
  stopped: string;
  power: string;
  from: string;
  to: string;
  soldOut: string;
  running: string;
  image: string;
  newImage: string;
}
const CASES: Record<Provider, Case> = {
  tencent: {
    id: 'ins-cli00001',
    dry: 'ins-cli00003',
    stopped: 'ins-cli00002',
    power: 'ins-cli00004',
    from: 'S5.MEDIUM4',
    to: 'S5.LARGE8',
    soldOut: 'S5.2XLARGE16',
    running: 'RUNNING',
    image: 'img-pmqg1cw7',
    newImage: 'img-8toqc6s3',
  },
  zenlayer: {
    id: '1660545330971690001',
    dry: '1660545330971690003',
    stopped: '1660545330971690002',
    power: '1660545330971690004',
    from: 'z2a.cpu.2',
    to: 'z2a.cpu.4',
    soldOut: 'z2a.cpu.64',
    running: 'RUNNING',
    image: 'ubuntu2204_20240101',
    newImage: 'ubuntu2404_20240712',
  },
  jdcloud: {
    id: 'i-cli0000001',
    dry: 'i-cli0000003',
    stopped: 'i-cli0000002',
    power: 'i-cli0000004',
    from: 'g.n2.medium',
    to: 'g.n2.large',
    soldOut: 'g.n2.xlarge',
    running: 'running',
    image: 'img-m5s0t0y2mp',
    newImage: 'img-chn8lfcn6j',
  },
};
const PROVIDERS = Object.keys(CASES) as Provider[];
const PASSWORD = 'Cli-Secret-26!x';

let dir: string;
let mock: Mock;
beforeAll(async () => {
  assertBuilt();
  dir = tempDir('commands');
  mock = await startMock(dir, {
    transitionMs: 100,
    instances: PROVIDERS.flatMap((provider) => {
      const c = CASES[provider];
      const region = REGION[provider] ? { region: REGION[provider] } : {};
      const stopped = provider === 'jdcloud' ? 'stopped' : 'STOPPED';
      return [
        ...[c.id, c.dry].map((instanceId) => ({
          provider,
          instanceId,
          state: c.running,
          instanceType: c.from,
          imageId: c.image,
          ...region,
        })),
        ...[c.stopped, c.power].map((instanceId) => ({
          provider,
          instanceId,
          state: stopped,
          instanceType: c.from,
          imageId: c.image,
          ...region,
        })),
      ];
    }),
    instanceTypes: PROVIDERS.flatMap((provider) => [
      { provider, instanceType: CASES[provider].to },
      { provider, instanceType: CASES[provider].soldOut, soldOut: true },
    ]),
  });
});
afterAll(async () => {
  await mock?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const global = (provider: Provider) => [
  '--provider',
  provider,
  ...(REGION[provider] ? ['--region', REGION[provider]!] : []),
  '--endpoint',
  mock.urls[provider],
];
const run = (args: string[], input?: string) =>
  cli(args, { env: cliEnv(dir), ...(input !== undefined ? { input } : {}) });
const json = (stdout: string) => JSON.parse(stdout) as Record<string, unknown>;
const accepted = async (provider: Provider, id: string) =>
  (await mock.log(provider))
    .filter((e) => e.instanceIds.includes(id) && e.outcome === 'accepted')
    .map((e) => e.action);

describe.concurrent.each(PROVIDERS)('instancekit --provider %s', (provider) => {
  const c = CASES[provider];

  it('describe --json: the schema, the fixture state; plain lines without --json', async () => {
    const result = await run([...global(provider), '--json', 'describe', c.dry]);
    expect(result.code, result.stderr).toBe(0);
    const described = json(result.stdout);
    expect(schemaErrors('describe', described)).toEqual([]);
    expect(described).toMatchObject({ provider, instanceId: c.dry, instanceType: c.from, state: 'running' });
    const plain = await run([...global(provider), 'describe', c.dry]);
    expect(plain.stdout).toContain(`${c.dry}  running`);
  });

  it('options --json and resize --dry-run --json: availability and price, nothing sent', async () => {
    const options = await run([...global(provider), '--json', 'options', c.dry]);
    expect(options.code, options.stderr).toBe(0);
    expect(schemaErrors('options', json(options.stdout))).toEqual([]);
    const dry = await run([...global(provider), '--json', 'resize', c.dry, '--type', c.to, '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    expect(schemaErrors('resize', json(dry.stdout))).toEqual([]);
    expect(json(dry.stdout)).toMatchObject({ dryRun: true, availability: 'available' });
    expect(await accepted(provider, c.dry)).toEqual([]);
  });

  it('resize --json runs the job (stop, resize, start); a sold-out target exits 1 with the error schema', async () => {
    const result = await run([
      ...global(provider),
      '--json',
      'resize',
      c.id,
      '--type',
      c.to,
      '--job-timeout-ms',
      '30000',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const job = json(result.stdout);
    expect(schemaErrors('resize', job)).toEqual([]);
    expect(job).toMatchObject({ changed: true, after: { instanceType: c.to, state: 'running' } });
    expect((await accepted(provider, c.id)).length).toBe(3);
    const soldOut = await run([...global(provider), '--json', 'resize', c.id, '--type', c.soldOut]);
    expect(soldOut.code).toBe(1);
    expect(schemaErrors('error', json(soldOut.stdout))).toEqual([]);
    expect((await accepted(provider, c.id)).length).toBe(3);
  }, 60_000);

  it('reinstall with the password from stdin: done, and the password is in no output', async () => {
    const result = await run(
      [...global(provider), '--json', 'reinstall', c.stopped, '--image', c.newImage, '--password-stdin'],
      `${PASSWORD}\n`,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(schemaErrors('reinstall', json(result.stdout))).toEqual([]);
    expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
    expect((await mock.instances(provider)).find((i) => i.instanceId === c.stopped)).toMatchObject({
      imageId: c.newImage,
    });
  }, 60_000);

  it('stop and start --dry-run --json: whether each would be sent, nothing sent; a bad stop type exits 2', async () => {
    const stop = await run([...global(provider), '--json', 'stop', c.dry, '--dry-run']);
    expect(stop.code, stop.stderr).toBe(0);
    expect(schemaErrors('stop', json(stop.stdout))).toEqual([]);
    expect(json(stop.stdout)).toMatchObject({ dryRun: true, wouldSend: true, before: { state: 'running' } });
    const start = await run([...global(provider), '--json', 'start', c.dry, '--dry-run']);
    expect(start.code, start.stderr).toBe(0);
    expect(schemaErrors('start', json(start.stdout))).toEqual([]);
    expect(json(start.stdout)).toMatchObject({ dryRun: true, wouldSend: false });
    const bad = await run([
      ...global(provider),
      '--json',
      'stop',
      c.dry,
      '--dry-run',
      '--stop-type',
      'sideways',
    ]);
    expect(bad.code, bad.stderr).toBe(2);
    expect(json(bad.stdout)).toMatchObject({ error: { field: 'stopType' } });
    expect(await accepted(provider, c.dry)).toEqual([]);
  }, 60_000);

  it('stop and start --json: each waits, then describes', async () => {
    for (const which of ['stop', 'start']) {
      const result = await run([...global(provider), '--json', which, c.power]);
      expect(result.code, result.stderr).toBe(0);
      expect(schemaErrors(which, json(result.stdout))).toEqual([]);
    }
    const started = json((await run([...global(provider), '--json', 'start', c.power])).stdout);
    expect(started).toMatchObject({ noop: true, after: { state: 'running' } });
  }, 60_000);
});

describe.concurrent('usage errors exit 2 and send nothing', () => {
  it('a password in argv is no option; a missing provider, a bad flag value, an invalid instance id', async () => {
    const argvPassword = await run([
      ...global('tencent'),
      'reinstall',
      'ins-cli00002',
      '--image',
      'img-8toqc6s3',
      '--password',
      PASSWORD,
    ]);
    expect(argvPassword.code).toBe(2);
    expect(argvPassword.stderr).toContain("unknown option '--password'");
    expect((await run(['describe', 'ins-cli00001'])).code).toBe(2);
    expect(
      (
        await run([
          ...global('tencent'),
          'resize',
          'ins-cli00001',
          '--type',
          'S5.LARGE8',
          '--when-running',
          'sometimes',
        ])
      ).code,
    ).toBe(2);
    const invalid = await run([...global('tencent'), '--json', 'resize', 'bad id!', '--type', 'S5.LARGE8']);
    expect(invalid.code).toBe(2);
    const error = json(invalid.stdout);
    expect(schemaErrors('error', error)).toEqual([]);
    expect(error).toMatchObject({ error: { code: 'InvalidParameter', field: 'instanceId' } });
    expect((await mock.log('tencent')).filter((e) => e.instanceIds.includes('bad id!'))).toEqual([]);
  });

  it('a password file that cannot be read is a usage error naming it, not its content', async () => {
    const result = await run([
      ...global('tencent'),
      'reinstall',
      'ins-cli00002',
      '--image',
      'img-8toqc6s3',
      '--password-file',
      `${dir}/missing`,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cannot read the password file');
  });

  it('schema prints each documented schema; an unknown one is a usage error', async () => {
    const plan = await run(['schema', 'plan']);
    expect(plan.code).toBe(0);
    expect(json(plan.stdout)).toMatchObject({
      title: 'instancekit fleet plan',
      required: ['version', 'changes'],
    });
    expect((await run(['schema', 'nothing'])).code).toBe(2);
  });
});
