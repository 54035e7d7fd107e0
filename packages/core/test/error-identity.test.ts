// Issue 16 item 3: `instanceof` on the error classes holds across the builds users can end up with side by side —
// the ESM and CJS builds, the web and node builds, and a second copy of the package (npm nesting another copy or
// version) — for the right class only. Runs against the built dist/ (`npm test` builds first) in a plain Node
// process, the way an application loads the package, not through vitest's module runner.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkg = fileURLToPath(new URL('..', import.meta.url));
let copy: string;

beforeAll(() => {
  if (!existsSync(join(pkg, 'dist/index.cjs')))
    throw new Error('packages/core/dist is missing: run `npm run build`');
  copy = join(mkdtempSync(join(tmpdir(), 'instancekit-core-copy-')), 'node_modules/@instancekit/core');
  cpSync(join(pkg, 'dist'), join(copy, 'dist'), { recursive: true });
  cpSync(join(pkg, 'package.json'), join(copy, 'package.json'));
});
afterAll(() => rmSync(join(copy, '../../..'), { recursive: true, force: true }));

/** Loads every build in one Node process and answers `instanceof` for each (thrown-by, checked-against) pair. */
function matrix(): Record<string, Record<string, Record<string, boolean>>> {
  const script = `
    import { createRequire } from 'node:module';
    import { pathToFileURL } from 'node:url';
    const [pkg, copy] = process.argv.slice(1);
    const require = createRequire(pkg + '/package.json');
    const builds = {
      esm: await import(pathToFileURL(pkg + '/dist/index.js')),
      cjs: require(pkg + '/dist/index.cjs'),
      nodeEsm: await import(pathToFileURL(pkg + '/dist/node/index.js')),
      nodeCjs: require(pkg + '/dist/node/index.cjs'),
      copyEsm: await import(pathToFileURL(copy + '/dist/index.js')),
      copyCjs: createRequire(copy + '/package.json')(copy + '/dist/node/index.cjs'),
    };
    const make = (m) => ({
      ValidationError: new m.ValidationError('bad', { field: 'InstanceType', rule: 'pattern' }),
      TimeoutError: new m.TimeoutError('slow', { code: 'Timeout' }),
      RateLimitError: new m.RateLimitError('throttled', { code: 'RateLimited' }),
      ApiError: new m.ApiError('no', { code: 'NotFound' }),
      NetworkError: new m.NetworkError('reset', { code: 'Network', mayHaveBeenSent: false }),
      UserSubclass: new (class UserError extends m.ApiError {})('mine', { code: 'Internal' }),
    });
    const classes = ['InstanceKitError', 'ApiError', 'RateLimitError', 'ValidationError', 'TimeoutError', 'NetworkError', 'AbortError'];
    const out = {};
    for (const [from, a] of Object.entries(builds)) {
      for (const [kind, error] of Object.entries(make(a))) {
        for (const [to, b] of Object.entries(builds)) {
          const row = (out[from + ' → ' + to] ??= {});
          row[kind] = Object.fromEntries(classes.map((c) => [c, error instanceof b[c]]));
          row[kind].Error = error instanceof Error;
        }
      }
    }
    out.distinct = { classes: { esmCjs: builds.esm.ValidationError !== builds.cjs.ValidationError,
      copy: builds.esm.ValidationError !== builds.copyEsm.ValidationError } };
    out.nonErrors = { esm: {
      plainObject: {} instanceof builds.esm.ValidationError,
      error: new Error('x') instanceof builds.esm.InstanceKitError,
      nullish: null instanceof builds.esm.InstanceKitError,
      string: 'ValidationError' instanceof builds.esm.InstanceKitError,
      lookalike: { name: 'ValidationError', code: 'InvalidParameter', field: 'x' } instanceof builds.cjs.ValidationError,
      // A user's subclass has no brand of its own: another copy's ApiError is not one of it.
      userSubclass: new builds.cjs.ApiError('no', { code: 'NotFound' }) instanceof class UserError extends builds.esm.ApiError {},
    } };
    process.stdout.write(JSON.stringify(out));
  `;
  const json = execFileSync(process.execPath, ['--input-type=module', '-e', script, pkg, copy], {
    encoding: 'utf8',
  });
  return JSON.parse(json);
}

/** What `instanceof` must answer for each kind of error, whatever build threw it and whatever build checks it. */
const expected: Record<string, Record<string, boolean>> = {
  ValidationError: { InstanceKitError: true, ValidationError: true },
  TimeoutError: { InstanceKitError: true, TimeoutError: true },
  RateLimitError: { InstanceKitError: true, ApiError: true, RateLimitError: true },
  ApiError: { InstanceKitError: true, ApiError: true },
  NetworkError: { InstanceKitError: true, NetworkError: true },
  UserSubclass: { InstanceKitError: true, ApiError: true },
};
const classes = [
  'InstanceKitError',
  'ApiError',
  'RateLimitError',
  'ValidationError',
  'TimeoutError',
  'NetworkError',
  'AbortError',
];

describe('error identity across builds and copies of @instancekit/core', () => {
  let result: ReturnType<typeof matrix>;
  beforeAll(() => {
    result = matrix();
  }, 30_000);

  it('loads six distinct copies of the classes (ESM, CJS, node ESM, node CJS, a second copy)', () => {
    expect(result.distinct).toEqual({ classes: { esmCjs: true, copy: true } });
    expect(Object.keys(result).filter((k) => k.includes('→'))).toHaveLength(36);
  });

  it('instanceof holds for the right class, and its ancestors, only — in every direction', () => {
    for (const [pair, kinds] of Object.entries(result)) {
      if (!pair.includes('→')) continue;
      for (const [kind, answers] of Object.entries(kinds)) {
        const want = Object.fromEntries(classes.map((c) => [c, expected[kind]?.[c] ?? false]));
        expect({ pair, kind, answers }).toEqual({ pair, kind, answers: { ...want, Error: true } });
      }
    }
  });

  it('a TimeoutError is not a ValidationError and a RateLimitError is an ApiError, ESM thrown and CJS checked', () => {
    expect(result['esm → cjs']?.TimeoutError?.ValidationError).toBe(false);
    expect(result['cjs → copyEsm']?.RateLimitError?.ApiError).toBe(true);
    expect(result['copyCjs → esm']?.ValidationError?.ValidationError).toBe(true);
  });

  it('nothing without the brand passes: plain objects, look-alikes, other errors, primitives', () => {
    expect(result.nonErrors).toEqual({
      esm: {
        plainObject: false,
        error: false,
        nullish: false,
        string: false,
        lookalike: false,
        userSubclass: false,
      },
    });
  });
});
