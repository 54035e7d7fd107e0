/**
 * The TypeScript API reference (TypeDoc) of every published package, into `<site>/api/`. The entry points are
 * read from each package's `exports` (the subpaths a user can import), not listed here: a new entry or package
 * gets its page. Each module is named by its import specifier (`@instancekit/tencent-cvm/legacy`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Application,
  Converter,
  DeclarationReflection,
  OptionDefaults,
  PageEvent,
  ReflectionKind,
} from 'typedoc';

export interface ApiEntryPoint {
  /** What a user imports: `instancekit/tencent`. */
  specifier: string;
  /** The source file, absolute. */
  source: string;
}

/**
 * Subpaths that promise nothing to users: `@instancekit/core/internal` is for the sibling packages only (its
 * README says so), so the reference leaves it out; types it defines show unlinked where public ones use them.
 */
const UNPUBLISHED_SUBPATHS = new Set(['./internal', './package.json']);

/** `./dist/entries/*.d.ts` → `src/entries/*.ts` (tsup writes each `src/` entry to `dist/` under its own name). */
function sourceOf(typesPath: string): string {
  return typesPath.replace(/^\.\/dist\//, 'src/').replace(/\.d\.c?ts$/, '.ts');
}

function typesOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : undefined;
  if (!target || typeof target !== 'object') return undefined;
  const record = target as Record<string, unknown>;
  if (typeof record.types === 'string') return record.types;
  for (const condition of ['import', 'default', 'node', 'require']) {
    const found = typesOf(record[condition]);
    if (found) return found;
  }
  return undefined;
}

/** The public entry points of every non-private package under packages/, in package order. */
export function apiEntryPoints(repoRoot: string): ApiEntryPoint[] {
  const entries: ApiEntryPoint[] = [];
  for (const dir of readdirSync(join(repoRoot, 'packages')).sort()) {
    const manifestFile = join(repoRoot, 'packages', dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      name: string;
      private?: boolean;
      exports?: Record<string, unknown>;
    };
    if (manifest.private || !manifest.exports) continue;
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (UNPUBLISHED_SUBPATHS.has(subpath)) continue;
      const types = typesOf(target);
      if (!types) continue;
      const source = sourceOf(types);
      const specifier = (star: string) => `${manifest.name}${subpath.slice(1).replace('*', star)}`;
      if (!subpath.includes('*')) {
        entries.push({ specifier: specifier(''), source: join(repoRoot, 'packages', dir, source) });
        continue;
      }
      // A pattern export (`./*`): one entry per source file its pattern matches.
      const [before = '', after = ''] = source.split('*');
      const folder = join(repoRoot, 'packages', dir, before);
      for (const file of existsSync(folder) ? readdirSync(folder).sort() : []) {
        if (!file.endsWith(after) || file.endsWith('.d.ts')) continue;
        entries.push({ specifier: specifier(file.slice(0, -after.length)), source: join(folder, file) });
      }
    }
  }
  return entries;
}

export interface ApiReferenceResult {
  /** Each entry point with its module page, relative to the reference's folder (`modules/instancekit.html`). */
  modules: Array<ApiEntryPoint & { page: string }>;
  /** HTML pages written. */
  pages: number;
  warnings: number;
  ms: number;
}

/** Runs TypeDoc in process over the packages' sources (the workspace paths of tsconfig.base.json link them). */
export async function buildApiReference(repoRoot: string, outDir: string): Promise<ApiReferenceResult> {
  const started = performance.now();
  const entryPoints = apiEntryPoints(repoRoot);
  const app = await Application.bootstrapWithPlugins({
    name: 'instancekit TypeScript API',
    entryPoints: entryPoints.map((entry) => entry.source),
    entryPointStrategy: 'resolve',
    tsconfig: join(repoRoot, 'tools/build-docs/typedoc.tsconfig.json'),
    // `npm run typecheck` checks the sources; TypeDoc only reads them (this halves its time).
    skipErrorChecking: true,
    readme: 'none',
    // openapi-typescript writes `@description` and `@constant` in the generated schemas' JSDoc.
    blockTags: [...OptionDefaults.blockTags, '@description', '@constant'],
    hideGenerator: true,
    // The checkout has no git remote to link sources to.
    disableSources: true,
    logLevel: 'Warn',
  });
  const names = new Map(entryPoints.map((entry) => [entry.source, entry.specifier]));
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) {
      const file = context.project.getSymbolIdFromReflection(module)?.fileName;
      const specifier = file ? names.get(file) : undefined;
      if (specifier) module.name = specifier;
    }
  });
  // Each module's page as TypeDoc's router names it (`modules/_instancekit_core.html`), for the site's index.
  const modulePages = new Map<string, string>();
  app.renderer.on(PageEvent.BEGIN, (page) => {
    const model = page.model;
    if (model instanceof DeclarationReflection && model.kindOf(ReflectionKind.Module))
      modulePages.set(model.name, page.url);
  });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the packages (see its messages above)');
  await app.generateDocs(project, outDir);
  const missing = entryPoints.filter((entry) => !modulePages.has(entry.specifier));
  if (missing.length)
    throw new Error(`TypeDoc wrote no module page for ${missing.map((entry) => entry.specifier).join(', ')}`);
  return {
    modules: entryPoints.map((entry) => ({ ...entry, page: modulePages.get(entry.specifier)! })),
    pages: countHtml(outDir),
    warnings: app.logger.warningCount,
    ms: Math.round(performance.now() - started),
  };
}

function countHtml(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += countHtml(join(dir, entry.name));
    else if (entry.name.endsWith('.html')) count++;
  }
  return count;
}
