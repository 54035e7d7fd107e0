/**
 * Puts the smoke program in a scratch folder beside an install of the packed packages, as a user's project would
 * have them from npm: `npm pack` of the facade and every workspace package it depends on (their built dist/,
 * without the prepack's rebuild), then `npm install` of those tarballs (openapi-fetch from npm's cache). The
 * runtimes then resolve the packages by their own rules and read nothing outside that folder.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../spec-manifest.js';
import { RUNTIMES_DIR } from './runtimes.js';

/** The package the smoke starts from; the clients it also imports are its dependencies. */
const ENTRY = 'instancekit';

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
}

/** The workspace packages under packages/, by name, with their folder. */
function workspacePackages(): Map<string, { dir: string; manifest: Manifest }> {
  const found = new Map<string, { dir: string; manifest: Manifest }>();
  for (const entry of readdirSync(join(REPO_ROOT, 'packages'))) {
    const file = join(REPO_ROOT, 'packages', entry, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    found.set(manifest.name, { dir: join(REPO_ROOT, 'packages', entry), manifest });
  }
  return found;
}

/** `instancekit` and every workspace package it depends on, directly or not. */
export function smokePackages(): string[] {
  const workspace = workspacePackages();
  const wanted = new Set<string>();
  const visit = (name: string) => {
    const found = workspace.get(name);
    if (!found || wanted.has(name)) return;
    wanted.add(name);
    for (const dependency of Object.keys(found.manifest.dependencies ?? {})) visit(dependency);
  };
  visit(ENTRY);
  for (const name of wanted)
    if (!existsSync(join(workspace.get(name)!.dir, 'dist')))
      throw new Error(`${name} has no dist/: run \`npm run build\` first`);
  return [...wanted].sort();
}

export interface SmokeInstall {
  /** The folder: smoke.mjs, package.json, node_modules/. */
  readonly dir: string;
  readonly script: string;
  readonly packages: string[];
  remove(): void;
}

export function installSmoke(): SmokeInstall {
  // The real path: Deno's --allow-read compares resolved paths (a symlinked tmpdir would not match).
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'instancekit-runtimes-')));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const packages = smokePackages();
    const tarballs = join(dir, 'tarballs');
    mkdirSync(tarballs);
    execFileSync(
      'npm',
      [
        'pack',
        '--ignore-scripts',
        ...packages.flatMap((name) => ['--workspace', name]),
        '--pack-destination',
        tarballs,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'instancekit-runtime-smoke', private: true, type: 'module' })}\n`,
    );
    // ./ in front: npm reads a bare `tarballs/x.tgz` as a GitHub repository.
    const files = readdirSync(tarballs).map((name) => `./tarballs/${name}`);
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--ignore-scripts',
        '--no-package-lock',
        ...files,
      ],
      { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const script = join(dir, 'smoke.mjs');
    copyFileSync(join(RUNTIMES_DIR, 'smoke.mjs'), script);
    return { dir, script, packages, remove };
  } catch (error) {
    remove();
    throw error;
  }
}
