/**
 * The specs' `x-provenance` marks on the rendered reference: each marked node gets a badge in the description
 * of a copy of the specs that Redocly renders (the source specs are never changed), and the site's provenance
 * page links each mark to the places it applies (spec-places.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { escapeHtml } from './markdown';
import type { SourceLocation } from './spec-places';

type Json = Record<string, unknown>;

export interface ProvenanceMark extends SourceLocation {
  /** `docs`, `sdk-models` or `unconfirmed`; `docs` when only a note is given. */
  provenance: string;
  note?: string;
}

/** Every YAML file of specs/ (the shared components included), from the repository root. */
export function specSourceFiles(repoRoot: string): string[] {
  return readdirSync(join(repoRoot, 'specs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(repoRoot, 'specs', dir.name))
        .filter((file) => file.endsWith('.yaml'))
        .map((file) => `specs/${dir.name}/${file}`),
    )
    .sort();
}

/**
 * The marks of one parsed file: nodes with `x-provenance` or `x-provenance-note`, outside extensions (the
 * `x-instancekit` blocks' own marks are the generator's business), as tools/generate/docs-pages.ts reads them.
 */
export function marksOf(file: string, doc: unknown): ProvenanceMark[] {
  const marks: ProvenanceMark[] = [];
  const walk = (node: unknown, path: string[]) => {
    if (!node || typeof node !== 'object') return;
    const record = node as Json;
    if ('x-provenance' in record || 'x-provenance-note' in record) {
      const note = record['x-provenance-note'];
      marks.push({
        file,
        path,
        provenance: String(record['x-provenance'] ?? 'docs'),
        ...(typeof note === 'string' ? { note: note.replace(/\s+/g, ' ').trim() } : {}),
      });
    }
    for (const [key, value] of Object.entries(record)) if (!key.startsWith('x-')) walk(value, [...path, key]);
  };
  walk(doc, []);
  return marks;
}

const BADGE_STYLE: Record<string, string> = {
  docs: 'background:#dcfce7;color:#14532d',
  'sdk-models': 'background:#dbeafe;color:#1e3a8a',
  unconfirmed: 'background:#fef3c7;color:#78350f',
};

/**
 * The badge a mark adds in front of a description: an inline element Redoc's Markdown keeps (with its style:
 * the Redoc page has no stylesheet of ours), then the note, if any, as Markdown.
 */
export function badge(mark: Pick<ProvenanceMark, 'provenance' | 'note'>): string {
  const style = BADGE_STYLE[mark.provenance] ?? 'background:#f3f4f6;color:#111827';
  const label =
    `<span class="instancekit-provenance" data-provenance="${escapeHtml(mark.provenance)}" ` +
    `style="${style};border-radius:4px;padding:0 .4em;font-size:.85em;font-weight:600">` +
    `provenance: ${escapeHtml(mark.provenance)}</span>`;
  return mark.note ? `${label} ${mark.note}` : label;
}

/**
 * The node whose description Redoc shows for a marked node: a parameter's own description stands in for its
 * schema's (Redoc shows the schema's only when the parameter has none).
 */
function describedNode(doc: unknown, path: readonly string[]): Json | undefined {
  let node: unknown = doc;
  let parent: unknown;
  for (const key of path) {
    parent = node;
    node = (node as Json | undefined)?.[key];
  }
  if (!node || typeof node !== 'object') return undefined;
  const isParameterSchema =
    path.at(-1) === 'schema' && parent && typeof parent === 'object' && 'in' in parent && 'name' in parent;
  return (isParameterSchema ? parent : node) as Json;
}

/** Adds each mark's badge to its node in a parsed copy of its file. */
export function addBadges(doc: unknown, marks: readonly ProvenanceMark[]): void {
  for (const mark of marks) {
    const node = describedNode(doc, mark.path);
    if (!node) continue;
    const description = typeof node.description === 'string' ? node.description.trim() : '';
    node.description = description ? `${badge(mark)}\n\n${description}` : badge(mark);
  }
}

/**
 * Writes every spec file with its marks' badges under `outDir` (same relative paths, so the `$ref`s between
 * files still resolve) and returns every mark, by file.
 */
export function writeAnnotatedSpecs(repoRoot: string, outDir: string): ProvenanceMark[] {
  const all: ProvenanceMark[] = [];
  for (const file of specSourceFiles(repoRoot)) {
    const doc = parse(readFileSync(join(repoRoot, file), 'utf8'));
    const marks = marksOf(file, doc);
    addBadges(doc, marks);
    const target = join(outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, stringify(doc, { lineWidth: 0 }));
    all.push(...marks);
  }
  return all;
}
