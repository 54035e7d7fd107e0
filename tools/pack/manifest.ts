/** A package's package.json, and how its export targets name the files of a tarball. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

// biome-ignore lint/suspicious/noExplicitAny: package.json as parsed
export type Manifest = Record<string, any>;

/** packages/<dir>/package.json as parsed. */
export function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Manifest;
}

/** A wildcard export target (`./dist/entries/*.js`, without `./`) as a test of a packed path. */
export function matcher(target: string): (path: string) => boolean {
  if (!target.includes('*')) return (path) => path === target;
  const [before, after] = target.split('*') as [string, string];
  return (path) =>
    path.startsWith(before) && path.endsWith(after) && path.length > before.length + after.length;
}
