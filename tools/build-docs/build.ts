import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { specRoots } from '../spec-manifest';
import { escapeHtml, renderMarkdown } from './markdown';

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
  guides: { title: string; file: string }[];
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

/** Runs `redocly build-docs <root> --inlineBundle -o <file>`; rejects with Redocly's own message on failure. */
function runRedocly(repoRoot: string, api: ApiEntry, file: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      redoclyBin(repoRoot),
      ['build-docs', relative(repoRoot, api.root), '--inlineBundle', '-o', file],
      {
        cwd: repoRoot,
        env: {
          ...process.env,
          REDOCLY_TELEMETRY: 'off',
          REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
          NO_COLOR: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
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

const STYLE = `
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; max-width: 60rem;
         margin: 2rem auto; padding: 0 1rem; }
  h1, h2, h3 { line-height: 1.25; }
  a { color: #0b57d0; }
  table { border-collapse: collapse; margin: 1rem 0; }
  th, td { border: 1px solid #d0d7de; padding: .35rem .7rem; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; }
  td.num { text-align: right; }
  code { font: .9em ui-monospace, "SFMono-Regular", Menlo, monospace; background: #f6f8fa; padding: .1em .3em;
         border-radius: 4px; }
  pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; border-radius: 6px; }
  pre code { padding: 0; background: none; }
  blockquote { margin: 0; padding-left: 1rem; border-left: 4px solid #d0d7de; color: #59636e; }
  .muted { color: #59636e; }`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}
</style>
</head>
<body>
${body}
</body>
</html>
`;
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
      (g) => `<li><a href="${escapeHtml(relative(result.outDir, g.file))}">${escapeHtml(g.title)}</a></li>`,
    )
    .join('\n');
  const skipped = result.skipped.length
    ? `<p class="muted">Not built (spec not written yet): ${result.skipped
        .map((s) => `<code>${escapeHtml(relative(repoRoot, s.root))}</code>`)
        .join(', ')}.</p>`
    : '';
  return page(
    'instancekit API reference',
    `<h1>instancekit API reference</h1>
<p>One self-contained page per OpenAPI description in <code>specs/</code>, rendered by Redocly with the Redoc
bundle inlined: the pages work offline from <code>file://</code>.</p>
<h2>APIs</h2>
<table>
<thead><tr><th>API</th><th>Version</th><th>Operations</th><th>Spec</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${skipped}
<h2>Guides</h2>
<ul>
${guides || '<li class="muted">No guides yet.</li>'}
</ul>`,
  );
}

/** Renders every `docs/*.md` into `<outDir>/guides/<name>.html`. */
function buildGuides(docsDir: string, outDir: string): BuildResult['guides'] {
  if (!existsSync(docsDir)) return [];
  const guidesDir = join(outDir, 'guides');
  const guides: BuildResult['guides'] = [];
  for (const name of readdirSync(docsDir).sort()) {
    const source = join(docsDir, name);
    if (!name.endsWith('.md') || !statSync(source).isFile()) continue;
    const markdown = readFileSync(source, 'utf8');
    const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? name.replace(/\.md$/, '');
    const file = join(guidesDir, name.replace(/\.md$/, '.html'));
    mkdirSync(guidesDir, { recursive: true });
    writeFileSync(
      file,
      page(
        title,
        `<p><a href="../index.html">← instancekit API reference</a></p>\n${renderMarkdown(markdown)}`,
      ),
    );
    guides.push({ title, file });
  }
  return guides;
}

export interface BuildOptions {
  repoRoot?: string;
  /** Default `docs/site`. It is emptied first. */
  outDir?: string;
  /** Parallel Redocly builds (default 2: the project's machines have 2 cores). */
  concurrency?: number;
  onPage?: (page: BuiltPage) => void;
}

/** Builds one Redocly page per spec root, the guides, and the index. */
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

  const pages = await mapLimit(present, opts.concurrency ?? 2, async (api) => {
    const t0 = performance.now();
    const file = join(outDir, `${api.name}.html`);
    await runRedocly(repoRoot, api, file);
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

  const guides = buildGuides(join(repoRoot, 'docs'), outDir);
  writeFileSync(join(outDir, 'index.html'), renderIndex({ outDir, pages, skipped, guides }, repoRoot));
  return { outDir, pages, skipped, guides, ms: Math.round(performance.now() - started) };
}
