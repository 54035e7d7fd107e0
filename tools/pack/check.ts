/**
 * What each published package's tarball holds, from `npm pack --json` (issue 16): the LICENSE (the repository's),
 * the README, a CHANGELOG with an entry for the version, package.json, every file its
 * `exports`/`main`/`module`/`types`/`bin` name, a source map beside every bundle, and nothing from src/ or test/;
 * the metadata a registry page shows; and what publint and Are the Types Wrong say of the tarball (lint.ts).
 *
 *   npx tsx tools/pack/check.ts            # CI: packs every package with its prepack (the build), checks each
 *   npx tsx tools/pack/check.ts --no-build # the same on the dist/ already built (what the test does)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publintProblems, typesProblems } from './lint';
import { type Manifest, manifestOf, matcher, root } from './manifest';

/** The packages that are published: every packages/* whose package.json is not private. */
export function publishedPackages(): string[] {
  return readdirSync(join(root, 'packages'))
    .filter((dir) => statSync(join(root, 'packages', dir)).isDirectory())
    .filter((dir) => {
      const manifest = JSON.parse(
        readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'),
      ) as Manifest;
      return !manifest.private;
    })
    .sort();
}

interface PackReport {
  filename: string;
  files: { path: string }[];
}

function npmPack(dir: string, args: string[], build: boolean): PackReport {
  const out = execFileSync('npm', ['pack', '--json', ...args, ...(build ? [] : ['--ignore-scripts'])], {
    cwd: join(root, 'packages', dir),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  // The prepack's own output (turbo's) comes first on stdout; npm's JSON array is the rest.
  const start = out.startsWith('[') ? 0 : out.lastIndexOf('\n[\n') + 1;
  const [report] = JSON.parse(out.slice(start)) as [PackReport];
  return report;
}

/** `npm pack --dry-run --json` of one package: the paths in its tarball. With `build`, its prepack runs first. */
export function packedFiles(dir: string, { build }: { build: boolean }): string[] {
  return npmPack(dir, ['--dry-run'], build)
    .files.map(({ path }) => path)
    .sort();
}

/** Packs one package into `destination` as `npm publish` would: the tarball's path and the paths in it. */
export function packTarball(
  dir: string,
  { build, destination }: { build: boolean; destination: string },
): { tarball: string; files: string[] } {
  const report = npmPack(dir, ['--pack-destination', destination], build);
  return { tarball: join(destination, report.filename), files: report.files.map(({ path }) => path).sort() };
}

/** Every file path a manifest points users at (export targets, main/module/types, bin), without `./`. */
function pointedAt(manifest: Manifest): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.add(value.replace(/^\.\//, ''));
    else if (value && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
  };
  walk(manifest.exports);
  walk([manifest.main, manifest.module, manifest.types]);
  walk(typeof manifest.bin === 'string' ? [manifest.bin] : manifest.bin);
  return [...found].filter((path) => path !== 'package.json');
}

/**
 * Whether a CHANGELOG has a `## <version>` heading, as `changeset version` writes one for every release; a version
 * bumped by hand would ship without one.
 */
export function hasChangelogEntry(changelog: string, version: string): boolean {
  return changelog.split('\n').some((line) => line.trim() === `## ${version}`);
}

/** What is wrong with one package's tarball and metadata; empty when nothing is. */
export function problems(dir: string, files: string[]): string[] {
  const manifest = manifestOf(dir);
  const found: string[] = [];
  for (const required of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) {
    if (!files.includes(required)) found.push(`${required} is not in the tarball`);
  }
  const changelog = join(root, 'packages', dir, 'CHANGELOG.md');
  if (existsSync(changelog) && !hasChangelogEntry(readFileSync(changelog, 'utf8'), manifest.version)) {
    found.push(`CHANGELOG.md has no entry for ${manifest.version}`);
  }
  if (
    readFileSync(join(root, 'packages', dir, 'LICENSE'), 'utf8') !==
    readFileSync(join(root, 'LICENSE'), 'utf8')
  ) {
    found.push("LICENSE differs from the repository's");
  }
  for (const target of pointedAt(manifest)) {
    if (!files.some(matcher(target))) found.push(`${target} (named in package.json) is not in the tarball`);
  }
  for (const bundle of files.filter((path) => /^dist\/.*\.c?js$/.test(path))) {
    if (!files.includes(`${bundle}.map`)) found.push(`${bundle} has no source map`);
  }
  for (const leak of files.filter((path) => /^(src|test)\//.test(path))) found.push(`${leak} is packed`);
  if (!manifest.scripts?.prepack?.includes('build')) found.push('no prepack script that builds');
  if (!manifest.repository?.url || manifest.repository?.directory !== `packages/${dir}`) {
    found.push('repository (url and directory) missing');
  }
  for (const field of ['homepage', 'bugs', 'keywords', 'license', 'description']) {
    if (!manifest[field] || (Array.isArray(manifest[field]) && manifest[field].length === 0)) {
      found.push(`${field} missing`);
    }
  }
  for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
    if (name.startsWith('@instancekit/') && !String(range).startsWith('^')) {
      found.push(`${name} is pinned (${String(range)}): internal dependencies take a ^ range`);
    }
  }
  return found;
}

/** Whether a package has anything to import: an export besides ./package.json, or a main/types field. */
export function importable(manifest: Manifest): boolean {
  const { exports } = manifest;
  if (typeof exports === 'string') return true;
  const subpaths = Object.keys(exports ?? {}).filter((subpath) => subpath !== './package.json');
  return subpaths.length > 0 || Boolean(manifest.main ?? manifest.types);
}

/** Everything wrong with one package as packed: its files and metadata, then publint's and attw's findings. */
export async function tarballProblems(dir: string, { build }: { build: boolean }): Promise<string[]> {
  const destination = mkdtempSync(join(tmpdir(), `instancekit-pack-${dir}-`));
  try {
    const { tarball, files } = packTarball(dir, { build, destination });
    const manifest = manifestOf(dir);
    return [
      ...problems(dir, files),
      ...(await publintProblems(tarball)),
      // A command (the CLI: a bin, only ./package.json exported) has nothing to import, so no types to be wrong;
      // attw would only say it "ships no types".
      ...(importable(manifest) ? await typesProblems(tarball, manifest, files) : []),
    ];
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const build = !process.argv.includes('--no-build');
  let failed = false;
  for (const dir of publishedPackages()) {
    const found = await tarballProblems(dir, { build });
    failed ||= found.length > 0;
    console.log(
      `${dir}: ${found.length ? `\n  ${found.join('\n  ')}` : 'files, metadata, publint, attw ok'}`,
    );
  }
  if (failed) process.exit(1);
}
