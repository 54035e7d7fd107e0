import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { specRoots } from '../spec-manifest';
import { type ApiReferenceResult, buildApiReference } from './api-reference';
import { buildGuides, type GuidePage, generatedGuides } from './guides';
import { escapeHtml } from './markdown';
import { page, toUrlPath } from './page';
import { type ProvenanceMark, readMarks, writeAnnotatedSpecs } from './provenance';
import { locationKey, type Place, placesOfSpecs } from './spec-places';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ApiEntry {
  /** The spec's `x-instancekit.api`, e.g. `zenlayer-zec`; also the page's file name. */
  name: string;
  /** Absolute path of the root document. */
  root: string;
}

export interface BuiltPage {
  name: string;
  /** Absolute path of the HTML page. */
  file: string;
  specPath: string;
  title: string;
  version: string;
  operationIds: string[];
  bytes: number;
  ms: number;
}

export interface BuildResult {
  outDir: string;
  pages: BuiltPage[];
  /** APIs whose root file does not exist (yet); always empty now that the roots are found, not listed. */
  skipped: ApiEntry[];
  guides: GuidePage[];
  /** The TypeScript API reference in `<outDir>/api/`; undefined when the build was asked to leave it out. */
  apiReference?: ApiReferenceResult;
  /** Every `x-provenance` mark of the specs, with the places of the rendered reference it applies to. */
  provenance: Array<ProvenanceMark & { places: Place[] }>;
  ms: number;
}

export class DocsBuildError extends Error {
  override readonly name = 'DocsBuildError';
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Every spec root of specs/ (tools/spec-manifest.ts), in path order, named by its `x-instancekit.api`: nothing
 * lists the specs, so a new provider's spec gets its page without a registration.
 */
export function readApis(repoRoot = REPO_ROOT): ApiEntry[] {
  return specRoots(repoRoot).map((spec) => ({ name: spec.api, root: resolve(repoRoot, spec.file) }));
}

/** Title, version and operationIds of a spec, read from its YAML (path items are not `$ref`s in our specs). */
export function describeSpec(specPath: string): { title: string; version: string; operationIds: string[] } {
  const doc = parse(readFileSync(specPath, 'utf8')) as {
    info?: { title?: string; version?: string };
    paths?: Record<string, Record<string, { operationId?: string }>>;
  };
  const operationIds: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      operationIds.push(operation.operationId ?? `${method.toUpperCase()} ${path}`);
    }
  }
  return {
    title: doc.info?.title ?? basename(specPath),
    version: String(doc.info?.version ?? ''),
    operationIds,
  };
}

/**
 * Redoc 3 renders a "API docs by Redocly" logo in the sidebar from https://cdn.redoc.ly, unconditionally
 * (no theme or Redoc option turns it off in @redocly/cli 2.77 / Redoc 3.0.1). Point it at an inline SVG so the
 * page makes no request outside file://. The attribution link itself stays.
 */
const REDOCLY_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;
const INLINE_LOGO =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='56' height='16'%3E%3Ctext x='0' y='12' " +
  "font-family='sans-serif' font-size='12' fill='%23777'%3ERedocly%3C/text%3E%3C/svg%3E";

export function makeSelfContained(html: string): string {
  return html.replace(REDOCLY_LOGO, INLINE_LOGO);
}

function redoclyBin(repoRoot: string): string {
  const bin = join(repoRoot, 'node_modules/.bin/redocly');
  if (!existsSync(bin)) throw new DocsBuildError(`${bin} not found: run npm ci`);
  return bin;
}

/**
 * Runs `redocly build-docs <spec> --inlineBundle -o <file>` on `spec` (the annotated copy of the API's root);
 * rejects with Redocly's own message on failure.
 */
function runRedocly(repoRoot: string, api: ApiEntry, spec: string, file: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(redoclyBin(repoRoot), ['build-docs', spec, '--inlineBundle', '-o', file], {
      cwd: repoRoot,
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', (error) =>
      reject(new DocsBuildError(`${api.name}: cannot run redocly: ${error.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0 && existsSync(file)) return resolvePromise();
      // Drop the Node 20 banner box and blank lines; keep Redocly's last words.
      const lines = output
        .split('\n')
        .map((line) => line.trimEnd())
        .filter((line) => line.trim() !== '' && !/[║╔╚═]/.test(line));
      reject(
        new DocsBuildError(
          `${api.name}: redocly build-docs ${relative(repoRoot, api.root)} failed (exit ${code}):\n  ${lines.slice(-12).join('\n  ')}`,
        ),
      );
    });
  });
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

export function renderIndex(result: Omit<BuildResult, 'ms'>, repoRoot = REPO_ROOT): string {
  const rows = result.pages
    .map(
      (p) =>
        `<tr><td><a href="${escapeHtml(basename(p.file))}">${escapeHtml(p.title)}</a></td>` +
        `<td><code>${escapeHtml(p.version)}</code></td><td class="num">${p.operationIds.length}</td>` +
        `<td><code>${escapeHtml(relative(repoRoot, p.specPath))}</code></td></tr>`,
    )
    .join('\n');
  const guides = result.guides
    .map(
      (g) =>
        `<li><a href="${escapeHtml(toUrlPath(relative(result.outDir, g.file)))}">${escapeHtml(g.title)}</a></li>`,
    )
    .join('\n');
  const modules = (result.apiReference?.modules ?? [])
    .map((m) => `<li><a href="api/${escapeHtml(m.page)}"><code>${escapeHtml(m.specifier)}</code></a></li>`)
    .join('\n');
  const typescript = result.apiReference
    ? `<h2>TypeScript API</h2>
<p><a href="api/index.html">The TypeScript API reference</a> (TypeDoc) of every entry point the packages export:</p>
<ul>
${modules}
</ul>`
    : '';
  const skipped = result.skipped.length
    ? `<p class="muted">Not built (spec not written yet): ${result.skipped
        .map((s) => `<code>${escapeHtml(relative(repoRoot, s.root))}</code>`)
        .join(', ')}.</p>`
    : '';
  return page(
    'instancekit API reference',
    `<h1>instancekit API reference</h1>
<p>One self-contained page per OpenAPI description in <code>specs/</code>, rendered by Redocly with the Redoc
bundle inlined: the pages work offline from <code>file://</code>. Each operation and field shows where its facts
come from (<a href="guides/provenance.html">provenance</a>).</p>
<h2>HTTP APIs</h2>
<table>
<thead><tr><th>API</th><th>Version</th><th>Operations</th><th>Spec</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${skipped}
${typescript}
<h2>Guides</h2>
<ul>
${guides || '<li class="muted">No guides yet.</li>'}
</ul>`,
  );
}

export interface BuildOptions {
  repoRoot?: string;
  /** Default `docs/site`. It is emptied first. */
  outDir?: string;
  /** Parallel Redocly builds (default 2: the project's machines have 2 cores). */
  concurrency?: number;
  /** Build the TypeScript API reference (default true). */
  apiReference?: boolean;
  onPage?: (page: BuiltPage) => void;
}

/** Builds one Redocly page per spec root (with provenance badges), the TypeScript API reference, the guides, and the index. */
export async function buildDocs(opts: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const repoRoot = opts.repoRoot ?? REPO_ROOT;
  const outDir = resolve(repoRoot, opts.outDir ?? 'docs/site');
  const apis = readApis(repoRoot);
  const present = apis.filter((api) => existsSync(api.root));
  const skipped = apis.filter((api) => !existsSync(api.root));
  if (present.length === 0) {
    throw new DocsBuildError(
      'no spec root (a specs/<package>/<name>.yaml with an x-instancekit block) exists yet',
    );
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  // Redocly renders a copy of the specs with each provenance mark as a badge; the sources stay untouched.
  const annotated = mkdtempSync(join(tmpdir(), 'instancekit-docs-specs-'));
  try {
    const marks = readMarks(repoRoot);
    const { places, shownBy } = placesOfSpecs(
      repoRoot,
      present.map((api) => ({ api: api.name, file: toUrlPath(relative(repoRoot, api.root)) })),
      new Set(marks.map(locationKey)),
    );
    writeAnnotatedSpecs(repoRoot, annotated, marks, shownBy);
    const pages = await mapLimit(present, opts.concurrency ?? 2, async (api) => {
      const t0 = performance.now();
      const file = join(outDir, `${api.name}.html`);
      await runRedocly(repoRoot, api, join(annotated, relative(repoRoot, api.root)), file);
      const html = makeSelfContained(readFileSync(file, 'utf8'));
      writeFileSync(file, html);
      const built: BuiltPage = {
        name: api.name,
        file,
        specPath: api.root,
        ...describeSpec(api.root),
        bytes: Buffer.byteLength(html),
        ms: Math.round(performance.now() - t0),
      };
      opts.onPage?.(built);
      return built;
    });
    // After the Redocly builds, not beside them: TypeDoc runs in this process and would hold up their
    // completions (two Redocly processes already use both cores).
    const apiReference =
      opts.apiReference === false ? undefined : await buildApiReference(repoRoot, join(outDir, 'api'));

    const guides = buildGuides(join(repoRoot, 'docs'), outDir, generatedGuides(places));
    const provenance = marks.map((mark) => ({ ...mark, places: places.get(locationKey(mark)) ?? [] }));
    const result = { outDir, pages, skipped, guides, provenance, ...(apiReference ? { apiReference } : {}) };
    writeFileSync(join(outDir, 'index.html'), renderIndex(result, repoRoot));
    return { ...result, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(annotated, { recursive: true, force: true });
  }
}
