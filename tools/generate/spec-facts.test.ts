// The generator's spec checks: no path parameter of any spec can change the path, every region parameter has the
// document's regionPattern, and that pattern is exported once per provider.
import { describe, expect, it } from 'vitest';
import { generatePackage } from './emit.js';
import { loadDereferenced } from './load-spec.js';
import { ROOT } from './paths.js';
import { HOSTILE_PATH_SEGMENTS, specProblems } from './spec-facts.js';
import { PACKAGE_SPECS } from './specs.js';

const ALL_SPECS = Object.values(PACKAGE_SPECS).flat();

describe.each(ALL_SPECS)('$file', ({ file }) => {
  it('has no spec problems (path parameters closed, region parameters = regionPattern)', () => {
    expect(specProblems(loadDereferenced(`${ROOT}${file}`), file)).toEqual([]);
  });
});

const op = (parameters: unknown[]) => ({
  paths: { '/x/{id}': { get: { operationId: 'getX', parameters } } },
});

describe('specProblems', () => {
  it('a path parameter without a pattern is a problem', () => {
    const problems = specProblems(
      op([{ name: 'id', in: 'path', schema: { type: 'string', minLength: 1 } }]),
      's.yaml',
    );
    expect(problems).toEqual(['s.yaml getX: path parameter id has no pattern']);
  });

  it('a path parameter whose pattern accepts ".", ".." or "/" is a problem, naming what it accepts', () => {
    const problems = specProblems(
      op([{ name: 'id', in: 'path', schema: { pattern: '^[a-z0-9./-]*$' } }]),
      's.yaml',
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('accepts "", ".", "..", "a/b", "../x", "/"');
  });

  it('every hostile segment is refused by a sound id pattern', () => {
    const re = /^i-[a-z0-9]{10}$/u;
    expect(HOSTILE_PATH_SEGMENTS.filter((v) => re.test(v))).toEqual([]);
    expect(
      specProblems(op([{ name: 'id', in: 'path', schema: { pattern: '^i-[a-z0-9]{10}$' } }]), 's.yaml'),
    ).toEqual([]);
  });

  it('a region parameter needs the document regionPattern, and must use exactly it', () => {
    const header = { name: 'X-TC-Region', in: 'header', schema: { type: 'string', minLength: 1 } };
    expect(specProblems(op([header]), 's.yaml')).toEqual([
      's.yaml getX: X-TC-Region carries the region but the document has no x-instancekit.regionPattern',
    ]);
    const spec = { ...op([header]), 'x-instancekit': { regionPattern: '^[a-z]+(?:-[a-z0-9]+)+$' } };
    expect(specProblems(spec, 's.yaml')[0]).toContain("not the document's regionPattern");
    const sound = {
      ...op([{ ...header, schema: { type: 'string', pattern: '^[a-z]+(?:-[a-z0-9]+)+$' } }]),
      'x-instancekit': { regionPattern: '^[a-z]+(?:-[a-z0-9]+)+$' },
    };
    expect(specProblems(sound, 's.yaml')).toEqual([]);
  });
});

describe('generated regionPattern', () => {
  it.each([
    ['tencent-cvm', '^[a-z]+(?:-[a-z0-9]+)+$'],
    ['jdcloud-vm', '^[a-z]+-[a-z]+-\\d+$'],
  ])('%s exports regionPattern = %s', async (pkg, pattern) => {
    const operations = (await generatePackage(pkg)).get(`packages/${pkg}/src/generated/operations.ts`)!;
    expect(operations).toContain(`export const regionPattern = ${JSON.stringify(pattern)} as const;`);
  });

  it('zenlayer-zec exports none (no region in the Zenlayer API)', async () => {
    const operations = (await generatePackage('zenlayer-zec')).get(
      'packages/zenlayer-zec/src/generated/operations.ts',
    )!;
    expect(operations).not.toContain('regionPattern');
  });
});
