import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/**
 * The mocks a specs folder holds: every `<package>/<name>.yaml` whose root `x-instancekit` block names an `api`
 * (the spec's mock and docs page name, declared once in the spec), in path order; mock name → file relative to the
 * folder. Files without the block (`tencent-cvm/components.yaml`) only hold shared schemas. The mock reads this
 * from its own copy of the specs rather than from tools/spec-manifest.ts, which a published package cannot import.
 */
export function discoverMockSpecs(specsDir: string): Record<string, string> {
  return Object.fromEntries(scanSpecs(specsDir).map(({ api, file }) => [api, file]));
}

function scanSpecs(specsDir: string): Array<{ api: string; file: string; provider?: string }> {
  const found: Array<{ api: string; file: string; provider?: string }> = [];
  if (!existsSync(specsDir)) return found;
  for (const dir of readdirSync(specsDir).sort()) {
    if (!statSync(join(specsDir, dir)).isDirectory()) continue;
    for (const file of readdirSync(join(specsDir, dir)).sort()) {
      if (!file.endsWith('.yaml')) continue;
      const doc = parse(readFileSync(join(specsDir, dir, file), 'utf8')) as {
        'x-instancekit'?: { api?: unknown; provider?: unknown };
      } | null;
      const { api, provider } = doc?.['x-instancekit'] ?? {};
      if (typeof api === 'string')
        found.push({ api, file: `${dir}/${file}`, ...(typeof provider === 'string' ? { provider } : {}) });
    }
  }
  return found;
}

/** Every spec the project mocks: mock name → file, relative to the specs folder (found, not listed). */
export const MOCK_SPECS: Readonly<Record<string, string>> = discoverMockSpecs(defaultSpecsDir());

/** The providers stateful fixtures may name: every spec's `x-instancekit.provider` (`tencent`, `zenlayer`, …). */
export const MOCK_PROVIDERS: readonly string[] = [
  ...new Set(scanSpecs(defaultSpecsDir()).flatMap((spec) => spec.provider ?? [])),
].sort();

/** A mock's name: a spec's `x-instancekit.api` (`tencent-cvm-api3`, `zenlayer-zec`, `jdcloud-billing`, …). */
export type MockName = string;

/** The known mock names, in the order the CLI serves them (and assigns consecutive ports): by spec path. */
export const mockNames: MockName[] = Object.keys(MOCK_SPECS);

/** A clear, one-line error: an unknown or missing spec, a busy port, an unreadable spec. */
export class MockError extends Error {
  override readonly name = 'MockError';
}

/**
 * Where the specs are read from at run time:
 * - the built package ships a copy next to its bundle (`dist/specs/`, made by tsup.config.ts);
 * - from source (tests, tsx) and as a fallback, the repository's own `specs/`.
 */
export function defaultSpecsDir(): string {
  // Both src/*.ts and dist/*.js sit two levels below the repository's packages/ folder.
  const bundled = fileURLToPath(new URL('./specs/', import.meta.url));
  if (existsSync(bundled)) return bundled;
  return fileURLToPath(new URL('../../../specs/', import.meta.url));
}

export interface SpecEntry {
  name: string;
  specPath: string;
  /** Asked for by name (or given as a path): a missing file is an error rather than skipped. */
  explicit: boolean;
}

export interface SpecSelection {
  /** Spec files that exist, to serve. */
  serve: SpecEntry[];
  /** Known specs that were not asked for explicitly and whose file does not exist (yet). */
  skipped: SpecEntry[];
}

export interface SelectSpecsOptions {
  /** Which mocks to serve; default: every known one whose spec file exists. */
  providers?: readonly string[];
  /** Folder holding the specs; default: {@link defaultSpecsDir}. */
  specsDir?: string;
  /** Serve these spec files (name → path) instead of the built-in registry. */
  specs?: Record<string, string>;
}

/**
 * Resolves the names to serve. An unknown name, or a missing file for a name asked for explicitly, throws a
 * {@link MockError}; a known spec that is missing and was not asked for is reported in `skipped`.
 */
export function selectSpecs(opts: SelectSpecsOptions = {}): SpecSelection {
  const specsDir = opts.specsDir ?? defaultSpecsDir();
  const registry: Record<string, string> = opts.specs
    ? Object.fromEntries(Object.entries(opts.specs).map(([name, path]) => [name, resolve(path)]))
    : Object.fromEntries(Object.entries(MOCK_SPECS).map(([name, rel]) => [name, resolve(specsDir, rel)]));
  const known = Object.keys(registry);
  const names = opts.providers ?? known;
  const explicit = opts.providers !== undefined || opts.specs !== undefined;

  const unknown = names.filter((name) => !(name in registry));
  if (unknown.length > 0) {
    throw new MockError(
      `unknown mock ${unknown.map((n) => JSON.stringify(n)).join(', ')}; known: ${known.join(', ')}`,
    );
  }
  const entries = [...new Set(names)].map((name) => ({ name, specPath: registry[name]!, explicit }));
  const missing = entries.filter((entry) => !existsSync(entry.specPath));
  const missingExplicit = missing.filter((entry) => entry.explicit);
  if (missingExplicit.length > 0) {
    const list = missingExplicit.map((entry) => `${entry.name} (${entry.specPath})`).join(', ');
    throw new MockError(`spec file not found: ${list}`);
  }
  const serve = entries.filter((entry) => !missing.includes(entry));
  if (serve.length === 0) {
    throw new MockError(
      `no spec files found in ${specsDir} (expected ${Object.values(MOCK_SPECS).join(', ')})`,
    );
  }
  return { serve, skipped: missing };
}
