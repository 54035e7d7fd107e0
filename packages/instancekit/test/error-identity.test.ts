// Issue 16 item 3: the facade's own error classes keep `instanceof` across its ESM and CJS builds, a one-provider
// entry, and a second copy of the facade with its own copy of core — and match core's classes they extend. Runs
// against the built dist/ (`npm test` builds first) in a plain Node process, as an application loads the package.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packages = fileURLToPath(new URL('../..', import.meta.url));
let scratch: string;

beforeAll(() => {
  for (const dir of ['instancekit', 'core']) {
    if (!existsSync(join(packages, dir, 'dist/index.cjs'))) {
      throw new Error(`packages/${dir}/dist is missing: run \`npm run build\``);
    }
  }
  // A second install: copies of the facade and of core; the provider clients linked (they are not under test).
  scratch = mkdtempSync(join(tmpdir(), 'instancekit-facade-copy-'));
  for (const [dir, name] of [
    ['instancekit', 'instancekit'],
    ['core', '@instancekit/core'],
  ] as const) {
    cpSync(join(packages, dir, 'dist'), join(scratch, 'node_modules', name, 'dist'), { recursive: true });
    cpSync(join(packages, dir, 'package.json'), join(scratch, 'node_modules', name, 'package.json'));
  }
  for (const dir of ['tencent-cvm', 'zenlayer-zec', 'jdcloud-vm']) {
    mkdirSync(join(scratch, 'node_modules/@instancekit'), { recursive: true });
    symlinkSync(join(packages, dir), join(scratch, 'node_modules/@instancekit', dir), 'dir');
  }
}, 30_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function matrix(): Record<string, Record<string, Record<string, boolean>>> {
  const script = `
    import { createRequire } from 'node:module';
    import { pathToFileURL } from 'node:url';
    const [packages, scratch] = process.argv.slice(1);
    const here = createRequire(packages + '/instancekit/package.json');
    const there = createRequire(scratch + '/package.json');
    const builds = {
      esm: await import(pathToFileURL(packages + '/instancekit/dist/index.js')),
      cjs: here(packages + '/instancekit/dist/index.cjs'),
      tencentEntry: await import(pathToFileURL(packages + '/instancekit/dist/entries/tencent.js')),
      copyEsm: await import(pathToFileURL(scratch + '/node_modules/instancekit/dist/index.js')),
      copyCjs: there('instancekit'),
    };
    const job = { step: 'resize', stateLeft: 'stopped', steps: [] };
    const make = (m) => ({
      JobError: new m.JobError('failed', { code: 'Internal', ...job }),
      JobTimeoutError: new m.JobTimeoutError('late', { code: 'Timeout', ...job }),
      JobAbortError: new m.JobAbortError('aborted', { code: 'Aborted', ...job }),
      InstanceNotFoundError: new m.InstanceNotFoundError('gone', { instanceId: 'ins-1' }),
      TimeoutError: new m.TimeoutError('slow', { code: 'Timeout' }),
      ApiError: new m.ApiError('no', { code: 'NotFound' }),
      TargetUnavailableError: new m.TargetUnavailableError('sold out', { instanceType: 'S5.LARGE8', availability: 'soldOut' }),
    });
    const classes = ['InstanceKitError', 'ApiError', 'TimeoutError', 'AbortError', 'ValidationError',
      'JobError', 'JobTimeoutError', 'JobAbortError', 'InstanceNotFoundError', 'TargetUnavailableError'];
    const out = {};
    for (const [from, a] of Object.entries(builds)) {
      for (const [kind, error] of Object.entries(make(a))) {
        for (const [to, b] of Object.entries(builds)) {
          (out[from + ' → ' + to] ??= {})[kind] = Object.fromEntries(classes.map((c) => [c, error instanceof b[c]]));
        }
      }
    }
    out.distinct = { classes: { esmCjs: builds.esm.JobError !== builds.cjs.JobError,
      copy: builds.esm.JobError !== builds.copyEsm.JobError, core: builds.esm.ApiError !== builds.copyCjs.ApiError } };
    process.stdout.write(JSON.stringify(out));
  `;
  const json = execFileSync(process.execPath, ['--input-type=module', '-e', script, packages, scratch], {
    encoding: 'utf8',
  });
  return JSON.parse(json);
}

const expected: Record<string, string[]> = {
  JobError: ['InstanceKitError', 'JobError'],
  JobTimeoutError: ['InstanceKitError', 'TimeoutError', 'JobTimeoutError'],
  JobAbortError: ['InstanceKitError', 'AbortError', 'JobAbortError'],
  InstanceNotFoundError: ['InstanceKitError', 'ApiError', 'InstanceNotFoundError'],
  TargetUnavailableError: ['InstanceKitError', 'TargetUnavailableError'],
  // Core's own, as the facade re-exports them: not one of the facade's subclasses.
  TimeoutError: ['InstanceKitError', 'TimeoutError'],
  ApiError: ['InstanceKitError', 'ApiError'],
};
const classes = [
  'InstanceKitError',
  'ApiError',
  'TimeoutError',
  'AbortError',
  'ValidationError',
  'JobError',
  'JobTimeoutError',
  'JobAbortError',
  'InstanceNotFoundError',
  'TargetUnavailableError',
];

describe("error identity of the facade's errors across builds and copies", () => {
  let result: ReturnType<typeof matrix>;
  beforeAll(() => {
    result = matrix();
  }, 30_000);

  it('loads distinct copies of the classes (ESM, CJS, a second install with its own core)', () => {
    expect(result.distinct).toEqual({ classes: { esmCjs: true, copy: true, core: true } });
    expect(Object.keys(result).filter((k) => k.includes('→'))).toHaveLength(25);
  });

  it("instanceof holds for the facade's class and core's classes it extends, only — in every direction", () => {
    for (const [pair, kinds] of Object.entries(result)) {
      if (!pair.includes('→')) continue;
      for (const [kind, answers] of Object.entries(kinds)) {
        const want = Object.fromEntries(classes.map((c) => [c, expected[kind]?.includes(c) ?? false]));
        expect({ pair, kind, answers }).toEqual({ pair, kind, answers: want });
      }
    }
  });

  it('a job timeout from the CJS build is a TimeoutError of the ESM build and of the second copy, not a JobError', () => {
    expect(result['cjs → esm']?.JobTimeoutError).toMatchObject({ TimeoutError: true, JobError: false });
    expect(result['cjs → copyEsm']?.JobTimeoutError).toMatchObject({
      JobTimeoutError: true,
      ValidationError: false,
    });
  });
});
