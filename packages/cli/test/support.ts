// Real processes: the built CLI (bin/instancekit.mjs → dist/) and the mock's own CLI in stateful mode, with
// signature verification on. Nothing of ours is stubbed: the CLI signs real requests to the real mock over HTTP,
// and what reached the mock is read from its mutation log.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogEntry } from '@instancekit/mock';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SCHEMAS } from '../src/schemas.js';

const pkg = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(pkg, 'bin/instancekit.mjs');
const MOCK_BIN = join(pkg, '../mock/bin/instancekit-mock.mjs');

export const KEYS = {
  tencent: { secretId: 'AKIDcliTests00000001', secretKey: 'tencent-cli-secret' },
  zenlayer: { accessKeyId: 'zl-cli-tests', accessKeyPassword: 'zenlayer-cli-secret' },
  jdcloud: { accessKey: 'JDCLITESTS00000001', secretKey: 'jdcloud-cli-secret' },
};
export const MOCKS = {
  tencent: 'tencent-cvm-api3',
  zenlayer: 'zenlayer-zec',
  jdcloud: 'jdcloud-vm',
} as const;
export type Provider = keyof typeof MOCKS;
export const REGION: Record<Provider, string | undefined> = {
  tencent: 'ap-guangzhou',
  zenlayer: undefined,
  jdcloud: 'cn-north-1',
};

/** The dist must exist and be newer than the sources: the tests run what `npm run build` made. */
export function assertBuilt(): void {
  const cli = join(pkg, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error('packages/cli/dist is missing: run `npm run build` first');
  for (const source of ['src/cli.ts', 'src/commands/fleet.ts', 'src/commands/instance.ts'])
    if (statSync(cli).mtimeMs < statSync(join(pkg, source)).mtimeMs)
      throw new Error(`packages/cli/dist is older than ${source}: run \`npm run build\` first`);
}

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `instancekit-cli-${name}-`));
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** The environment of a CLI run: the keys in each provider's variables, a HOME with no profile files. */
export function cliEnv(home: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    TENCENTCLOUD_SECRET_ID: KEYS.tencent.secretId,
    TENCENTCLOUD_SECRET_KEY: KEYS.tencent.secretKey,
    ZENLAYER_ACCESS_KEY_ID: KEYS.zenlayer.accessKeyId,
    ZENLAYER_ACCESS_KEY_PASSWORD: KEYS.zenlayer.accessKeyPassword,
    JDCLOUD_ACCESS_KEY: KEYS.jdcloud.accessKey,
    JDCLOUD_SECRET_KEY: KEYS.jdcloud.secretKey,
  };
}

export interface Mock {
  urls: Record<Provider, string>;
  child: ChildProcess;
  log(provider: Provider): Promise<LogEntry[]>;
  instances(
    provider: Provider,
  ): Promise<{ instanceId: string; state: string; instanceType: string; imageId?: string }[]>;
  stop(): Promise<void>;
}

/** One entry of the mock's mutation log (`GET /__instancekit/log`): the mock's own type. */
export type { LogEntry };

/** The mock's CLI, stateful, on ephemeral ports, for the three providers; resolves once every server listens. */
/** `signed: false`: no keys, so the mock checks only that requests are signed (as `npm run mock` does). */
export async function startMock(
  dir: string,
  fixture: unknown,
  extra: string[] = [],
  { signed = true } = {},
): Promise<Mock> {
  const instances = writeJson(dir, 'fixture.json', fixture);
  const keys = writeJson(dir, 'keys.json', KEYS);
  const child = spawn(
    process.execPath,
    [
      MOCK_BIN,
      '--port',
      '0',
      '--providers',
      Object.values(MOCKS).join(','),
      '--stateful',
      '--instances',
      instances,
      ...(signed ? ['--credentials', keys] : []),
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const urls = await new Promise<Record<Provider, string>>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const found = Object.fromEntries(
        (Object.entries(MOCKS) as [Provider, string][]).flatMap(([provider, name]) => {
          const match = new RegExp(`${name} → (http://\\S+)\\n`).exec(out);
          return match ? [[provider, match[1]!]] : [];
        }),
      );
      if (Object.keys(found).length === 3) resolve(found as Record<Provider, string>);
    });
    child.on('exit', (code) => reject(new Error(`the mock exited ${code}: ${stderr}`)));
  });
  const control = async (provider: Provider, what: string) =>
    (await fetch(`${urls[provider]}/__instancekit/${what}`)).json();
  return {
    urls,
    child,
    log: async (provider) => ((await control(provider, 'log')) as { entries: LogEntry[] }).entries,
    instances: async (provider) => ((await control(provider, 'instances')) as { instances: [] }).instances,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end; `input` is written to its stdin. */
export function cli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string },
): Promise<CliResult> {
  const child = spawnCli(args, options);
  return finished(child);
}

export function spawnCli(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string },
): ChildProcess {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: options.env,
    cwd: options.cwd,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.end(options.input ?? '');
  return child;
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

// strictRequired off: the plan's `not: { required: [instanceType, imageId] }` names properties its own subschema does not list.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
const validators = new Map(Object.entries(SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]));

/** The errors of `value` against the schema of `name` (an empty list when it conforms). */
export function schemaErrors(name: string, value: unknown): string[] {
  const validate = validators.get(name);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
