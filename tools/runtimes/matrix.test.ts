// The runtime matrix (issue 16) under `npm test`: the smoke program (tools/runtimes/smoke.mjs) on the current node,
// Node 22 and 24, Bun 1 and Deno 2 against the stateful mock started here, from the packed packages, in an
// environment without the providers' credential variables and in one where they hold garbage. A runtime that is
// not installed is skipped with the install command in the test's name, except under CI=true, where it fails.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smokeEnvironments } from './environments.js';
import { installSmoke, type SmokeInstall } from './install.js';
import { fixture, type RunResult, runSmoke, type SmokeMock, startSmokeMock, summary } from './matrix.js';
import { INSTALL_COMMAND, type Runtime, runtimes } from './runtimes.js';

const RUNTIMES = runtimes();
const skipped = (runtime: Runtime) => !existsSync(runtime.bin) && process.env.CI !== 'true';
const reason = (runtime: Runtime) =>
  skipped(runtime) ? ` [skipped: not installed; install the runtimes with \`${INSTALL_COMMAND}\`]` : '';

let install: SmokeInstall;
let mock: SmokeMock;
beforeAll(async () => {
  install = installSmoke();
  mock = await startSmokeMock();
}, 120_000);
afterAll(async () => {
  await mock?.close();
  install?.remove();
});

async function runEverywhere(runtime: Runtime, config: unknown): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const environment of smokeEnvironments()) {
    await mock.reset();
    results.push(await runSmoke(runtime, environment, install, config));
  }
  return results;
}

/** What the smoke's no-credentials step got back: the part of the message that says why. */
function noCredentialsAnswer(output: string): string | undefined {
  const line = output.split('\n').find((text) => text.includes('zenlayer-zec without credentials'));
  return /is not readable|is missing|may hold printable ASCII only/.exec(line ?? '')?.[0];
}

// The control: the same smoke with a wrong Zenlayer password, which the mock's signature check refuses.
const WRONG_PASSWORD = 'wrong-zenlayer-password-0001';
const wrongKeys = {
  ...fixture,
  credentials: {
    ...fixture.credentials,
    zenlayer: { ...fixture.credentials.zenlayer, accessKeyPassword: WRONG_PASSWORD },
  },
};

describe('runtime matrix: the smoke program on every runtime', () => {
  for (const runtime of RUNTIMES) {
    it.skipIf(skipped(runtime))(
      `${runtime.name}: every step passes with explicit keys, without the credential variables and with garbage in them; a failing step fails the run${reason(runtime)}`,
      async () => {
        expect(
          existsSync(runtime.bin),
          `${runtime.name} is not installed at ${runtime.bin}: run \`${INSTALL_COMMAND}\``,
        ).toBe(true);
        const results = await runEverywhere(runtime, { urls: mock.urls, fixture });
        // Each failing run with its whole output, so the report says which step broke and how.
        expect(
          results.filter((result) => result.problem).map((result) => `${summary(result)}\n${result.output}`),
        ).toEqual([]);
        // The no-credentials step shows what each environment was: Deno, without --allow-env, was refused every
        // read; the others found nothing, then the garbage (refused by the variable's name, its value never echoed).
        expect(results.map((result) => noCredentialsAnswer(result.output))).toEqual(
          runtime.name.startsWith('deno')
            ? ['is not readable', 'is not readable']
            : ['is missing', 'may hold printable ASCII only'],
        );
        expect(results.some((result) => result.output.includes('garbage from the environment'))).toBe(false);

        // A step that fails makes the run fail on this runtime too (its exit code), the other steps still run,
        // and the key is not in the output.
        await mock.reset();
        const failed = await runSmoke(runtime, smokeEnvironments()[0]!, install, {
          urls: mock.urls,
          fixture: wrongKeys,
        });
        expect(failed.problem).toBe('exit code 1');
        // Only the steps that sign with Zenlayer's key fail; every one of them is reported, and counted.
        const failures = failed.output.split('\n').filter((line) => line.startsWith('FAIL '));
        expect(failures).toContainEqual(
          expect.stringMatching(/^FAIL zenlayer-zec DescribeInstances: ApiError: /),
        );
        expect(failures.filter((line) => !/zenlayer/.test(line))).toEqual([]);
        expect(failed.output).toMatch(/^ok {3}jdcloud-vm describeInstance: /m);
        expect(failed.output).toContain(`\nsmoke failed: ${failures.length} step(s)\n`);
        expect(failed.output).not.toContain(WRONG_PASSWORD);
      },
      120_000,
    );
  }
});
