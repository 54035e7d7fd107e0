/**
 * The runtimes of the smoke matrix: the current `node` (Node 20 in CI, the one that runs the mock) and the ones
 * tools/runtimes/package.json pins, installed from npm apart from the workspaces (`npm ci --prefix
 * tools/runtimes`), so the root `npm ci` stays as light as it is. Each says how it runs the smoke program with
 * the least it needs: Deno gets loopback network, read access to the smoke's folder, no prompt and no env.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIMES_DIR = fileURLToPath(new URL('.', import.meta.url));
export const INSTALL_COMMAND = 'npm ci --prefix tools/runtimes';

export interface Runtime {
  /** How the report names it: `node 22`, `bun 1`, `deno 2`. */
  readonly name: string;
  /** The version it must report: its pin in tools/runtimes/package.json; the current node's own for it. */
  readonly version: string;
  /** Its executable (absent until the install command ran). */
  readonly bin: string;
  /** The arguments that run `script`, whose folder (all the program may read) is `dir`. */
  args(script: string, dir: string): string[];
  /** Settings of the runtime itself, not read by the program (Deno's cache folder, its update check). */
  env?(dir: string): Record<string, string>;
}

/** The exact versions tools/runtimes/package.json pins, by dependency name (`npm:node@22.23.3` → 22.23.3). */
function pins(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(RUNTIMES_DIR, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return Object.fromEntries(
    Object.entries(manifest.dependencies).map(([name, spec]) => [name, spec.replace(/^npm:[^@]+@/, '')]),
  );
}

export function runtimes(): Runtime[] {
  const pinned = pins();
  const modules = join(RUNTIMES_DIR, 'node_modules');
  const major = (version: string) => version.split('.')[0];
  const pin = (dependency: string) => {
    const version = pinned[dependency];
    if (!version) throw new Error(`tools/runtimes/package.json pins no ${dependency}`);
    return version;
  };
  // The `node` package links its binary into its own bin/ (two aliases of it would fight over .bin/node).
  const nodeFromNpm = (dependency: string): Runtime => ({
    name: `node ${major(pin(dependency))}`,
    version: pin(dependency),
    bin: join(modules, dependency, 'bin', 'node'),
    args: (script) => [script],
  });
  return [
    {
      name: `node ${major(process.versions.node)}`,
      version: process.versions.node,
      bin: process.execPath,
      args: (script) => [script],
    },
    nodeFromNpm('node-22'),
    nodeFromNpm('node-24'),
    {
      name: `bun ${major(pin('bun'))}`,
      version: pin('bun'),
      bin: join(modules, '.bin', 'bun'),
      // Never fetch a missing package: the smoke's own node_modules is all it may use.
      args: (script) => ['--no-install', script],
    },
    {
      name: `deno ${major(pin('deno'))}`,
      version: pin('deno'),
      bin: join(modules, '.bin', 'deno'),
      // No --allow-env: explicit keys must never touch the environment, and the no-credentials step must get a
      // typed error for the refused read. --no-lock: nothing is written beside the program.
      args: (script, dir) => [
        'run',
        '--no-prompt',
        '--no-lock',
        '--allow-net=127.0.0.1',
        `--allow-read=${dir}`,
        script,
      ],
      env: (dir) => ({ DENO_DIR: join(dir, '.deno'), DENO_NO_UPDATE_CHECK: '1' }),
    },
  ];
}

/** The runtimes whose executable is not there (the install command was not run). */
export function missingRuntimes(list = runtimes()): Runtime[] {
  return list.filter((runtime) => !existsSync(runtime.bin));
}
