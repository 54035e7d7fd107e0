/**
 * The specs' `x-provenance` marks on the rendered reference: each marked node gets a badge in the description
 * of a copy of the specs that Redocly renders (the source specs are never changed), and the site's provenance
 * page links each mark to the places it applies (spec-places.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse, stringify } from 'yaml';
import { escapeHtml } from './markdown';
import { locationKey, type ShownBy, SourceFiles, type SourceLocation } from './spec-places';

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

/** Every spec file's marks. */
export function readMarks(repoRoot: string): ProvenanceMark[] {
  return specSourceFiles(repoRoot).flatMap((file) =>
    marksOf(file, parse(readFileSync(join(repoRoot, file), 'utf8'))),
  );
}

function nodeAt(doc: unknown, path: readonly string[]): Json | undefined {
  let node: unknown = doc;
  for (const key of path) node = node && typeof node === 'object' ? (node as Json)[key] : undefined;
  return node && typeof node === 'object' ? (node as Json) : undefined;
}

/** The nodes showing a mark: its own, and every node that shows its description somewhere (transitively). */
function hostsOf(mark: ProvenanceMark, shownBy: ShownBy): string[] {
  const start = locationKey(mark);
  const seen = new Set([start]);
  const queue = [start];
  for (let key = queue.shift(); key !== undefined; key = queue.shift())
    for (const next of shownBy.get(key) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  return [...seen];
}

/**
 * Adds each mark's badge to every node that shows it, in the parsed copies of the spec files (`docs`, by file).
 * A node that gets badges but has no description of its own (a `$ref` alternative standing in for its row)
 * keeps its target's text after them, since its new description hides the target's.
 */
export function addBadges(
  docs: Map<string, unknown>,
  marks: readonly ProvenanceMark[],
  shownBy: ShownBy,
  files: SourceFiles,
): void {
  const badgesAt = new Map<string, ProvenanceMark[]>();
  for (const mark of marks)
    for (const host of hostsOf(mark, shownBy)) badgesAt.set(host, [...(badgesAt.get(host) ?? []), mark]);
  for (const [host, hosted] of badgesAt) {
    const [file = '', ...path] = host.split('\u0000');
    const node = nodeAt(docs.get(file), path);
    if (!node) continue;
    let text = typeof node.description === 'string' ? node.description.trim() : '';
    if (!text && typeof node.$ref === 'string') {
      const target = files.resolve(node.$ref, file).node as Json;
      text = typeof target.description === 'string' ? target.description.trim() : '';
    }
    node.description = [...hosted.map(badge), text].filter(Boolean).join('\n\n');
  }
}

/**
 * Writes every spec file with its marks' badges under `outDir` (same relative paths, so the `$ref`s between
 * files still resolve).
 */
export function writeAnnotatedSpecs(
  repoRoot: string,
  outDir: string,
  marks: readonly ProvenanceMark[],
  shownBy: ShownBy,
): void {
  const files = new SourceFiles(repoRoot);
  const docs = new Map(
    specSourceFiles(repoRoot).map((file) => [
      file,
      parse(readFileSync(join(repoRoot, file), 'utf8')) as unknown,
    ]),
  );
  addBadges(docs, marks, shownBy, files);
  for (const [file, doc] of docs) {
    const target = join(outDir, file);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, stringify(doc, { lineWidth: 0 }));
  }
}
