/**
 * The provider manifest: what a provider is, read from the specs themselves, so adding one writes no list.
 *
 * A spec root is a `specs/<package>/<name>.yaml` whose root has an `x-instancekit` block (a file without one, such
 * as `specs/tencent-cvm/components.yaml`, only holds schemas its siblings `$ref`). Its path gives the client package (`<package>`)
 * and the generated file and export prefix (`<name>`); its root `x-instancekit` block gives the rest
 * (docs/adding-a-provider.md lists every key). Read by the generator, the spec lint's file list, the docs build
 * and the size check; the mock reads the same `x-instancekit.api` from its own copy of the specs
 * (packages/mock/src/registry.ts), since a published package cannot import tools/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The repository root, with a trailing slash. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface Credential {
  /** The key of the client's `credentials` option (`secretId`). */
  name: string;
  /** The environment variable read when no credentials are passed (`TENCENTCLOUD_SECRET_ID`). */
  env: string;
  optional?: boolean;
  /** A key, password or token: scrubbed by value from every error and log event. */
  secret?: boolean;
  /** `unconfirmed` where no provider source documents the field (JD's session token variable). */
  'x-provenance'?: string;
  /** The JSDoc of the field in the generated `Credentials` interface. */
  description?: string;
}

export interface SpecRoot {
  /** Relative to the repository root: `specs/tencent-cvm/api3.yaml`. */
  file: string;
  /** The client package it generates into: `packages/<package>/src/generated/`. */
  package: string;
  /** File and export prefix of what is generated from it (`api3` → `api3-schema.ts`, `api3Operations`). */
  name: string;
  /** The spec's name everywhere else: its docs page, its mock (`x-instancekit.api`). */
  api: string;
  /** Another spec of the package whose request bodies give this one's validation rules (`x-instancekit.inputFrom`). */
  inputFrom?: string;
  /** Parameters the client fills from its own configuration, never from the caller's input. */
  clientFilled: string[];
  credentials: Credential[];
  /** The documented form of a region id, when the provider has regions (`x-instancekit.regionPattern`). */
  regionPattern?: string;
}

type Json = Record<string, unknown>;

function readRoot(file: string, repoRoot: string): SpecRoot | undefined {
  const doc = parse(readFileSync(join(repoRoot, file), 'utf8')) as Json | null;
  // A document without the manifest block (specs/tencent-cvm/components.yaml) only holds schemas its siblings $ref.
  const facts = doc?.['x-instancekit'] as Json | undefined;
  if (!facts) return undefined;
  const [, pkg, name] = /^specs\/([^/]+)\/([^/]+)\.yaml$/.exec(file)!;
  if (typeof facts.api !== 'string')
    throw new Error(`${file}: the root x-instancekit block names no api (its docs page and mock name)`);
  return {
    file,
    package: pkg!,
    name: name!,
    api: facts.api,
    ...(typeof facts.inputFrom === 'string' ? { inputFrom: facts.inputFrom } : {}),
    clientFilled: (facts.clientFilled as string[] | undefined) ?? [],
    credentials: (facts.credentials as Credential[] | undefined) ?? [],
    ...(typeof facts.regionPattern === 'string' ? { regionPattern: facts.regionPattern } : {}),
  };
}

/** Every spec root under specs/, sorted by path (so every reader sees the same order). */
export function specRoots(repoRoot = REPO_ROOT): SpecRoot[] {
  const specsDir = join(repoRoot, 'specs');
  const files: string[] = [];
  for (const dir of readdirSync(specsDir).sort()) {
    if (!statSync(join(specsDir, dir)).isDirectory()) continue;
    for (const entry of readdirSync(join(specsDir, dir)).sort())
      if (entry.endsWith('.yaml')) files.push(`specs/${dir}/${entry}`);
  }
  return files.flatMap((file) => readRoot(file, repoRoot) ?? []);
}

/** The spec roots of each client package, in path order. */
export function packageSpecs(repoRoot = REPO_ROOT): Map<string, SpecRoot[]> {
  const byPackage = new Map<string, SpecRoot[]>();
  for (const root of specRoots(repoRoot))
    byPackage.set(root.package, [...(byPackage.get(root.package) ?? []), root]);
  return byPackage;
}
