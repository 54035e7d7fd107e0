/**
 * The runtime matrix (issue 16): the stateful mock started once, here, on the current node; then the smoke
 * program on every runtime of runtimes.ts, in each environment of environments.ts, one run after the other
 * (the mock's fleet is reset between runs, so each resizes the same instance from its fixture state).
 *
 *   npm ci --prefix tools/runtimes   # once: Node 22 and 24, Bun 1, Deno 2 from npm
 *   npm run build                    # the smoke imports the packed dist/
 *   npx tsx tools/runtimes/matrix.ts # one line per run, the failing runs' output (every run's: --verbose);
 *                                    # exit 1 on any failure
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startMocks } from '@instancekit/mock';
import { type SmokeEnvironment, smokeEnvironments } from './environments.js';
import { installSmoke, type SmokeInstall } from './install.js';
import { INSTALL_COMMAND, missingRuntimes, RUNTIMES_DIR, type Runtime, runtimes } from './runtimes.js';

/** A run that has not finished by then is killed and failed. */
const RUN_TIMEOUT_MS = 60_000;

export const fixture = JSON.parse(readFileSync(join(RUNTIMES_DIR, 'smoke-fixture.json'), 'utf8'));

export interface SmokeMock {
  readonly urls: Record<string, string>;
  /** Every server's state back to the fixture (instances, log, stock). */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** Every mock, stateful with the fixture's instances and verifying each signature with its keys. */
export async function startSmokeMock(): Promise<SmokeMock> {
  const { transitionMs, instances, instanceTypes, credentials } = fixture;
  const mocks = await startMocks({ credentials, stateful: { transitionMs, instances, instanceTypes } });
  return {
    urls: mocks.urls,
    async reset() {
      for (const url of Object.values(mocks.urls)) {
        const answer = await fetch(`${url}/__instancekit/reset`, { method: 'POST' });
        if (!answer.ok) throw new Error(`${url}: reset answered ${answer.status}`);
        await answer.arrayBuffer();
      }
    },
    close: () => mocks.close(),
  };
}

export interface RunResult {
  readonly runtime: string;
  readonly version: string;
  readonly environment: string;
  readonly ms: number;
  /** Its stdout and stderr, in the order they came. */
  readonly output: string;
  /** What went wrong; absent when the run passed. */
  readonly problem?: string;
}

/** Runs the smoke once: it must name the pinned runtime and version, pass every step and exit 0. */
export function runSmoke(
  runtime: Runtime,
  environment: SmokeEnvironment,
  install: SmokeInstall,
  config: unknown = { urls: {}, fixture },
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(runtime.bin, [...runtime.args(install.script, install.dir), JSON.stringify(config)], {
      cwd: install.dir,
      env: { ...environment.env, ...runtime.env?.(install.dir) },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: RUN_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const finish = (problem: string | undefined) =>
      resolve({
        runtime: runtime.name,
        version: runtime.version,
        environment: environment.name,
        ms: Math.round(performance.now() - started),
        output,
        ...(problem ? { problem } : {}),
      });
    child.on('error', (error) => finish(`${runtime.bin} did not start: ${error.message}`));
    child.on('close', (code, signal) => {
      const kind = runtime.name.split(' ')[0];
      const expected = `runtime ${kind} ${runtime.version}`;
      const first = output.split('\n', 1)[0];
      if (signal) finish(`killed by ${signal}${signal === 'SIGKILL' ? ` after ${RUN_TIMEOUT_MS} ms` : ''}`);
      else if (first !== expected)
        finish(`the first line is ${JSON.stringify(first)}, not ${JSON.stringify(expected)}`);
      else if (code !== 0 || !output.includes('\nsmoke passed\n')) finish(`exit code ${code}`);
      else finish(undefined);
    });
  });
}

/** One line of the report. */
export function summary(result: RunResult): string {
  const verdict = result.problem ? `FAILED (${result.problem})` : 'ok';
  return `${`${result.runtime} (${result.version})`.padEnd(18)} ${result.environment.padEnd(30)} ${String(result.ms).padStart(6)} ms  ${verdict}`;
}

/** Everything: the install, the mock, every runtime in every environment. */
export async function runMatrix(onResult: (result: RunResult) => void = () => {}): Promise<RunResult[]> {
  const install = installSmoke();
  const mock = await startSmokeMock();
  const results: RunResult[] = [];
  try {
    for (const runtime of runtimes()) {
      for (const environment of smokeEnvironments()) {
        await mock.reset();
        const result = await runSmoke(runtime, environment, install, { urls: mock.urls, fixture });
        results.push(result);
        onResult(result);
      }
    }
  } finally {
    await mock.close();
    install.remove();
  }
  return results;
}

async function main(): Promise<void> {
  const verbose = process.argv.includes('--verbose');
  const missing = missingRuntimes();
  if (missing.length) {
    console.error(
      `not installed: ${missing.map((runtime) => runtime.name).join(', ')}; run \`${INSTALL_COMMAND}\``,
    );
    process.exit(1);
  }
  const started = performance.now();
  const results = await runMatrix((result) => {
    console.log(summary(result));
    if (result.problem || verbose) console.log(result.output.trimEnd().replace(/^/gm, '    '));
  });
  const failed = results.filter((result) => result.problem).length;
  console.log(
    `${results.length - failed}/${results.length} runs passed in ${Math.round(performance.now() - started)} ms`,
  );
  process.exitCode = failed ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
