// The CLI's stateful, credential and chaos flags through the real bin (it loads dist/, like cli.test.ts): a fixture
// file, --transition-ms, --credentials and --chaos-* reach the servers, and a bad fixture file exits 1 with one line.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, KEYS, sleep, zenlayer } from './signed';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const bin = join(pkg, 'bin/instancekit-mock.mjs');
const ZID = '1660545330971680835';
const TRANSITION_MS = 300;

const children: ChildProcess[] = [];
let dir: string;

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

beforeAll(() => {
  if (!existsSync(join(pkg, 'dist/cli.js')))
    throw new Error('packages/mock/dist is missing: run `npm run build` first');
  if (statSync(join(pkg, 'dist/cli.js')).mtimeMs < statSync(join(pkg, 'src/stateful.ts')).mtimeMs)
    throw new Error('packages/mock/dist is older than src/: run `npm run build` first');
  dir = mkdtempSync(join(tmpdir(), 'instancekit-mock-cli-stateful-'));
});
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Run {
  child: ChildProcess;
  stderr: string[];
  exited: Promise<number | string>;
  /** The first `name → url` line's url. */
  url: Promise<string>;
}

function run(args: string[]): Run {
  const child = spawn(process.execPath, [bin, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const stderr: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) =>
    stderr.push(...chunk.toString('utf8').split('\n').filter(Boolean)),
  );
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const url = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = / → (http:\/\/\S+)\n/.exec(out);
      if (match) resolve(match[1]!);
    });
    exited.then((code) => reject(new Error(`CLI exited ${code}: ${stderr.join(' | ')}`)));
  });
  url.catch(() => {});
  return { child, stderr, exited, url };
}

describe('instancekit-mock --stateful --instances --transition-ms --credentials', () => {
  it('serves the fixture file: refusal, transition, signature check and the log', async () => {
    const fleet = file('fleet.json', {
      instanceTypes: [{ provider: 'zenlayer', instanceType: 'z2a.cpu.64', soldOut: true }],
      instances: [{ provider: 'zenlayer', instanceId: ZID, state: 'RUNNING', instanceType: 'z2a.cpu.2' }],
    });
    const keys = file('keys.json', { zenlayer: KEYS.zenlayer });
    const cli = run([
      '--providers',
      'zenlayer-zec',
      '--stateful',
      '--instances',
      fleet,
      '--transition-ms',
      String(TRANSITION_MS),
      '--credentials',
      keys,
    ]);
    try {
      const url = await cli.url;
      const describeOne = async () =>
        (await zenlayer(url, 'DescribeInstances', { instanceIds: [ZID] })).body.response.dataSet[0];
      // RUNNING: the documented refusal.
      const refused = await zenlayer(url, 'ModifyInstanceType', {
        instanceId: ZID,
        instanceType: 'z2a.cpu.4',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT');
      // The keys file is in force: a wrong password is refused.
      const forged = await zenlayer(
        url,
        'StopInstances',
        { instanceIds: [ZID] },
        { accessKeyPassword: 'wrong' },
      );
      expect(forged.status).toBe(401);
      expect(forged.body.code).toBe('AUTHFAILURE_SIGNATURE_FAILURE');

      expect((await zenlayer(url, 'StopInstances', { instanceIds: [ZID] })).status).toBe(200);
      expect((await describeOne()).status).toBe('STOPPING');
      await sleep(TRANSITION_MS + 50);
      expect((await describeOne()).status).toBe('STOPPED');
      // The fixture's sold-out type.
      const soldOut = await zenlayer(url, 'ModifyInstanceType', {
        instanceId: ZID,
        instanceType: 'z2a.cpu.64',
      });
      expect(soldOut.body.code).toBe('STOCK_INSUFFICIENT');
      const accepted = await zenlayer(url, 'ModifyInstanceType', {
        instanceId: ZID,
        instanceType: 'z2a.cpu.4',
      });
      expect(accepted.status).toBe(200);
      expect(await describeOne()).toMatchObject({ status: 'RESIZING', instanceType: 'z2a.cpu.2' });
      await sleep(TRANSITION_MS + 50);
      expect(await describeOne()).toMatchObject({ status: 'STOPPED', instanceType: 'z2a.cpu.4' });

      const { entries } = await control(url, 'log');
      expect(
        entries.map((e: { action: string; outcome: string; error?: string }) => [
          e.action,
          e.outcome,
          e.error,
        ]),
      ).toEqual([
        ['ModifyInstanceType', 'error', 'OPERATION_DENIED_INSTANCE_STATUS_NOT_SUPPORT'],
        ['StopInstances', 'error', 'AUTHFAILURE_SIGNATURE_FAILURE'],
        ['StopInstances', 'accepted', undefined],
        ['ModifyInstanceType', 'error', 'STOCK_INSUFFICIENT'],
        ['ModifyInstanceType', 'accepted', undefined],
      ]);
      expect(entries[4].requestId).toBe(accepted.body.requestId);

      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      if (cli.child.exitCode === null && cli.child.signalCode === null) cli.child.kill('SIGKILL');
    }
  });

  it('injects the --chaos-* faults: every request throttled at --chaos-throttle 1, with the latency, logged', async () => {
    const cli = run([
      '--providers',
      'zenlayer-zec',
      '--chaos-seed',
      '7',
      '--chaos-throttle',
      '1',
      '--chaos-latency',
      '120,120',
    ]);
    try {
      const url = await cli.url;
      const started = performance.now();
      const throttled = await zenlayer(url, 'DescribeInstances', { instanceIds: [ZID] });
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
      expect(throttled.status).toBe(429);
      expect(throttled.body.code).toBe('REQUEST_LIMIT_EXCEEDED');
      const { entries } = await control(url, 'log');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'DescribeInstances',
        fault: 'throttle',
        latencyMs: 120,
        status: 429,
      });
    } finally {
      cli.child.kill('SIGKILL');
    }
  });

  it('exits 1 with one clear line on a bad fixture file', async () => {
    const cases: Array<[string[], RegExp]> = [
      [
        ['--stateful', '--instances', file('broken.json', '{"instances": [')],
        /^instancekit-mock: --instances: cannot read .*broken\.json: .*JSON/,
      ],
      [
        ['--stateful', '--instances', join(dir, 'missing.json')],
        /^instancekit-mock: --instances: cannot read .*missing\.json: ENOENT/,
      ],
      [
        [
          '--stateful',
          '--instances',
          file('state.json', [
            { provider: 'zenlayer', instanceId: ZID, state: 'ASLEEP', instanceType: 'z2a.cpu.2' },
          ]),
        ],
        /^instancekit-mock: stateful instance 1660545330971680835: state "ASLEEP" is not one zenlayer-zec documents/,
      ],
      [
        [
          '--stateful',
          '--instances',
          file('types.json', { instances: [], instanceTypes: [{ provider: 'jdcloud' }] }),
        ],
        /^instancekit-mock: stateful\.instanceTypes entry .*: instanceType must be a non-empty string$/,
      ],
      [
        ['--instances', file('lonely.json', [])],
        /^instancekit-mock: --instances and --transition-ms need --stateful$/,
      ],
      [['--stateful', '--transition-ms', 'soon'], /^instancekit-mock: --transition-ms must be a number/],
      [['--credentials', file('keys-broken.json', 'nope')], /^instancekit-mock: --credentials: cannot read /],
      [['--chaos-throttle', '0.5'], /^instancekit-mock: --chaos-throttle needs --chaos-seed$/],
    ];
    const runs = cases.map(([args]) => run(['--providers', 'zenlayer-zec', ...args]));
    for (const [index, cli] of runs.entries()) {
      expect(await cli.exited).toBe(1);
      expect(cli.stderr).toHaveLength(1);
      expect(cli.stderr[0]).toMatch(cases[index]![1]);
    }
  });
});
