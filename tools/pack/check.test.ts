// The tarballs as npm would publish them (`npm pack --json`, on the dist/ `npm test` built; CI also packs with each
// prepack, `npx tsx tools/pack/check.ts`): files and metadata, then publint and Are the Types Wrong on each tarball.
// Installing them and using them from ESM and CJS projects is consumers.test.ts.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  hasChangelogEntry,
  importable,
  packedFiles,
  problems,
  publishedPackages,
  tarballProblems,
} from './check';
import { publintProblems, typesProblems, wildcardEntrypoints } from './lint';
import { manifestOf, root } from './manifest';

const scratch = mkdtempSync(join(tmpdir(), 'instancekit-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('published tarballs', () => {
  const packages = publishedPackages();

  it('are the seven packages', () => {
    expect(packages).toEqual([
      'cli',
      'core',
      'instancekit',
      'jdcloud-vm',
      'mock',
      'tencent-cvm',
      'zenlayer-zec',
    ]);
  });

  it.each(packages)('%s: files, metadata, CHANGELOG, publint and attw without a finding', async (dir) => {
    const files = packedFiles(dir, { build: false });
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']));
    expect(files.some((path) => path.startsWith('dist/'))).toBe(true);
    expect(await tarballProblems(dir, { build: false })).toEqual([]);
  });

  it('the check names what a bad tarball lacks', () => {
    const files = packedFiles('core', { build: false }).filter(
      (path) => !['LICENSE', 'CHANGELOG.md'].includes(path) && !/index\.cjs/.test(path),
    );
    expect(problems('core', [...files, 'src/index.ts'])).toEqual(
      expect.arrayContaining([
        'LICENSE is not in the tarball',
        'CHANGELOG.md is not in the tarball',
        'dist/index.cjs (named in package.json) is not in the tarball',
        'src/index.ts is packed',
      ]),
    );
  });

  it("a CHANGELOG needs the version's own heading", () => {
    const changelog = '# @instancekit/core\n\n## 0.2.0\n\n### Minor Changes\n\n- 0.1.1 was the last patch\n';
    expect(hasChangelogEntry(changelog, '0.2.0')).toBe(true);
    expect(hasChangelogEntry(changelog, '0.1.1')).toBe(false);
    expect(hasChangelogEntry(changelog, '0.2')).toBe(false);
  });

  it('attw runs on every package one can import, not on the command-only CLI', () => {
    expect(packages.filter((dir) => !importable(manifestOf(dir)))).toEqual(['cli']);
    expect(importable({ exports: { './package.json': './package.json' }, main: './index.cjs' })).toBe(true);
  });

  it("attw is shown each of the facade's entries behind its wildcard export (one per src/entries file)", () => {
    const dir = 'instancekit';
    const sources = readdirSync(join(root, 'packages', dir, 'src', 'entries'))
      .filter((name) => name.endsWith('.ts'))
      .map((name) => `./${name.slice(0, -3)}`)
      .sort();
    expect(sources).toContain('./tencent');
    expect(wildcardEntrypoints(manifestOf(dir), packedFiles(dir, { build: false }))).toEqual(sources);
  });
});

describe('publint and attw fail on a package that publishes wrong types', () => {
  // A dual package whose only declarations are ESM ones (`.d.ts` in a "type": "module" package) answering for
  // require() too, and whose `types` condition comes after `default`: the classic mistakes both tools exist for.
  const dir = join(scratch, 'wrong-types');
  mkdirSync(dir);
  const manifest = {
    name: 'wrong-types',
    version: '1.0.0',
    type: 'module',
    exports: { '.': { import: './index.js', require: './index.cjs', types: './index.d.ts' } },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'index.js'), 'export const one = 1;\n');
  writeFileSync(join(dir, 'index.cjs'), 'exports.one = 1;\n');
  writeFileSync(join(dir, 'index.d.ts'), 'export declare const one: 1;\n');
  const tarball = (): string => {
    const [report] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', scratch], { cwd: dir, encoding: 'utf8' }),
    ) as [{ filename: string }];
    return join(scratch, report.filename);
  };

  it('publint: the types condition after the others', async () => {
    expect(await publintProblems(tarball())).toContain(
      'publint error: pkg.exports["."].types should be the first in the object as conditions are order-sensitive so it can be resolved by TypeScript.',
    );
  });

  it('attw: ESM declarations for the CJS build', async () => {
    const found = await typesProblems(tarball(), manifest, ['index.js', 'index.cjs', 'index.d.ts']);
    expect(found).toContain(
      'attw 👺 Types are ESM, but implementation is CJS: /node_modules/wrong-types/index.d.ts / /node_modules/wrong-types/index.cjs (https://github.com/arethetypeswrong/arethetypeswrong.github.io/blob/main/docs/problems/FalseESM.md)',
    );
  });
});
