import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_SPECS, mockNames } from '@instancekit/mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, example, FIXTURES, freePortRange, json, occupyPort } from './helpers';

// The real bin (plain JS) loads the built dist/, like `npm run mock` and an installed package do.
const pkg = fileURLToPath(new URL('..', import.meta.url));
const bin = join(pkg, 'bin/instancekit-mock.mjs');

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
  );
}

beforeAll(() => {
  const built = join(pkg, 'dist/cli.js');
  if (!existsSync(built)) throw new Error('packages/mock/dist is missing: run `npm run build` first');
  if (statSync(built).mtimeMs < newestMtime(join(pkg, 'src'))) {
    throw new Error('packages/mock/dist is older than src/: run `npm run build` first');
  }
});

interface Cli {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the exit code (or the signal name). */
  exited: Promise<number | string>;
  /** Waits until stdout has `count` lines. */
  lines(count: number): Promise<string[]>;
}

const running: Cli[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

function startCli(args: string[]): Cli {
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: (() => void)[] = [];
  const collect = (into: string[]) => (chunk: Buffer) => {
    into.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    for (const wake of waiters.splice(0)) wake();
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const cli: Cli = {
    child,
    stdout,
    stderr,
    exited,
    async lines(count) {
      const deadline = Date.now() + 20_000;
      while (stdout.length < count) {
        if (child.exitCode !== null) throw new Error(`CLI exited ${child.exitCode}: ${stderr.join(' | ')}`);
        if (Date.now() > deadline)
          throw new Error(`CLI printed ${stdout.length} lines: ${stderr.join(' | ')}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return stdout;
    },
  };
  running.push(cli);
  return cli;
}

const modify = { instanceId: '1660545330971680835', instanceType: 'z2a.cpu.4' };

describe('instancekit-mock CLI', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves the specs on consecutive ports, prints name → url, answers, and exits 0 on %s',
    async (signal) => {
      const base = await freePortRange(2);
      const cli = startCli([
        '--port',
        String(base),
        '--spec',
        `zen=${FIXTURES.zenlayer}`,
        '--spec',
        `jd=${FIXTURES.jdcloud}`,
      ]);
      const lines = await cli.lines(2);
      expect(lines).toEqual([`zen → http://127.0.0.1:${base}`, `jd → http://127.0.0.1:${base + 1}`]);

      const zen = await call(
        `http://127.0.0.1:${base}/api/v2/zec`,
        json(modify, { 'x-zc-action': 'ModifyInstanceType' }),
      );
      expect(zen.body).toEqual(example(FIXTURES.zenlayer, 'ModifyInstanceType', 'success').value);
      const jd = await call(
        `http://127.0.0.1:${base + 1}/v1/regions/cn-north-1/instances/i-abcdefghij%3AresizeInstance`,
        json({ instanceType: 'g.n2.medium' }),
      );
      expect(jd.status).toBe(200);

      cli.child.kill(signal);
      expect(await cli.exited).toBe(0);
      // The ports are released.
      await (await occupyPort(base)).close();
      await (await occupyPort(base + 1)).close();
    },
  );

  it('serves the known specs found in --specs-dir and says which it skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'instancekit-mock-cli-'));
    try {
      mkdirSync(join(dir, 'zenlayer-zec'));
      copyFileSync(FIXTURES.zenlayer, join(dir, MOCK_SPECS['zenlayer-zec']!));
      const cli = startCli(['--port', '0', '--specs-dir', dir]);
      const [line] = await cli.lines(1);
      expect(line).toMatch(/^zenlayer-zec → http:\/\/127\.0\.0\.1:\d+$/);
      for (const name of mockNames.filter((n) => n !== 'zenlayer-zec')) {
        expect(cli.stderr.some((l) => l.startsWith(`skipped ${name}: `))).toBe(true);
      }
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with one line and exit code 1 on a busy port', async () => {
    const base = await freePortRange(1);
    const blocker = await occupyPort(base);
    try {
      const cli = startCli(['--port', String(base), '--spec', `zen=${FIXTURES.zenlayer}`]);
      expect(await cli.exited).toBe(1);
      expect(cli.stderr).toEqual([`instancekit-mock: zen: port ${base} on 127.0.0.1 is already in use`]);
      expect(cli.stdout).toEqual([]);
    } finally {
      await blocker.close();
    }
  });

  it('fails with one line and exit code 1 on a bad spec path', async () => {
    const cli = startCli(['--spec', 'zen=/nonexistent/zec.yaml']);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr).toEqual(['instancekit-mock: spec file not found: zen (/nonexistent/zec.yaml)']);
  });

  it('fails with one line and exit code 1 on an unknown provider or a bad option', async () => {
    const unknown = startCli(['--providers', 'aws-ec2']);
    expect(await unknown.exited).toBe(1);
    expect(unknown.stderr).toEqual([
      `instancekit-mock: unknown mock "aws-ec2"; known: ${mockNames.join(', ')}`,
    ]);
    const badPort = startCli(['--port', 'eighty']);
    expect(await badPort.exited).toBe(1);
    expect(badPort.stderr).toHaveLength(1);
    const badOption = startCli(['--frobnicate']);
    expect(await badOption.exited).toBe(1);
    expect(badOption.stderr).toHaveLength(1);
    expect(badOption.stderr[0]).toMatch(/^instancekit-mock: .*frobnicate/);
  });
});
