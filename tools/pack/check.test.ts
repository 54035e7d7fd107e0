// The tarballs as npm would publish them (`npm pack --dry-run --json`, on the dist/ `npm test` built; CI also packs
// with each prepack, `npx tsx tools/pack/check.ts`), and the README's install from a local checkout: the packed
// tarballs installed together into a scratch project, loaded from ESM and from CJS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packedFiles, problems, publishedPackages } from './check';

const scratch = mkdtempSync(join(tmpdir(), 'instancekit-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('published tarballs', () => {
  const packages = publishedPackages();

  it('are the six packages', () => {
    expect(packages).toEqual(['core', 'instancekit', 'jdcloud-vm', 'mock', 'tencent-cvm', 'zenlayer-zec']);
  });

  it.each(packages)('%s: LICENSE, README, dist with source maps, metadata; no sources', (dir) => {
    const files = packedFiles(dir, { build: false });
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
    expect(files.some((path) => path.startsWith('dist/'))).toBe(true);
    expect(problems(dir, files)).toEqual([]);
  });

  it('the check names what a bad tarball lacks', () => {
    const files = packedFiles('core', { build: false }).filter(
      (path) => path !== 'LICENSE' && !/index\.cjs/.test(path),
    );
    expect(problems('core', [...files, 'src/index.ts'])).toEqual(
      expect.arrayContaining([
        'LICENSE is not in the tarball',
        'dist/index.cjs (named in package.json) is not in the tarball',
        'src/index.ts is packed',
      ]),
    );
  });

  it("installs from the packed tarballs together, as the facade's README says, and loads from ESM and CJS", () => {
    const tarballs = join(scratch, 'tarballs');
    mkdirSync(tarballs);
    const names = [
      '@instancekit/core',
      '@instancekit/tencent-cvm',
      '@instancekit/zenlayer-zec',
      '@instancekit/jdcloud-vm',
      'instancekit',
    ];
    execFileSync(
      'npm',
      [
        'pack',
        '--ignore-scripts',
        ...names.flatMap((name) => ['--workspace', name]),
        '--pack-destination',
        tarballs,
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(join(scratch, 'package.json'), '{"name":"scratch","private":true}');
    const files = readdirSync(tarballs).map((name) => join(tarballs, name));
    expect(files).toHaveLength(5);
    // openapi-fetch comes from npm's cache (npm ci filled it); the instancekit packages only from the tarballs.
    execFileSync(
      'npm',
      ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...files],
      {
        cwd: scratch,
        stdio: 'ignore',
      },
    );
    const esm = execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const m = await import('instancekit/tencent'); console.log(typeof m.createInstanceKit, typeof m.ValidationError)",
      ],
      { cwd: scratch, encoding: 'utf8' },
    );
    const cjs = execFileSync(
      process.execPath,
      [
        '-e',
        "const m = require('instancekit'); console.log(typeof m.createInstanceKit, require('@instancekit/core/package.json').version)",
      ],
      { cwd: scratch, encoding: 'utf8' },
    );
    expect([esm, cjs]).toEqual(['function function\n', 'function 0.1.0\n']);
  }, 120_000);
});
