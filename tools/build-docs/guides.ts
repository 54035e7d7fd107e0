/**
 * The guides: every `docs/*.md` rendered into `<site>/guides/<name>.html` (a new guide needs no registration),
 * links between guides sent to their pages, and the provenance page generated with its links to the reference.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { provenancePage } from '../generate/docs-pages';
import { escapeHtml, highlightCss, renderMarkdown } from './markdown';
import { page, toUrlPath } from './page';
import { locationKey, type Place } from './spec-places';

export interface GuidePage {
  title: string;
  /** Absolute path of the HTML page. */
  file: string;
}

/**
 * Where a guide's relative link goes on the site: another guide's `.md` to its page, an anchor as is, any other
 * file of the repository to its place in the checkout (the site is built there and opened from file://).
 */
export function guideHref(href: string, docsDir: string, guidesDir: string): string {
  if (href.startsWith('#')) return href;
  const hash = href.indexOf('#');
  const path = hash === -1 ? href : href.slice(0, hash);
  const fragment = hash === -1 ? '' : href.slice(hash);
  const target = resolve(docsDir, decodeURI(path));
  if (dirname(target) === resolve(docsDir) && target.endsWith('.md'))
    return `${basename(target, '.md')}.html${fragment}`;
  return `${encodeURI(toUrlPath(relative(guidesDir, target)))}${fragment}`;
}

/** The links a provenance row gets: each place of the rendered reference the mark applies to, by API page. */
function placeLinks(places: readonly Place[]): string {
  if (places.length === 0) return '';
  const byApi = new Map<string, Place[]>();
  for (const place of places) byApi.set(place.api, [...(byApi.get(place.api) ?? []), place]);
  const groups = [...byApi].map(
    ([api, list]) =>
      `${escapeHtml(api)}: ` +
      list
        .map(
          (place) =>
            `<a class="place" href="../${escapeHtml(api)}.html#${escapeHtml(place.hash)}">` +
            `${escapeHtml(place.operationId)}${place.field ? ` ${escapeHtml(place.field)}` : ''}</a>`,
        )
        .join(', '),
  );
  return `<br>shown in ${groups.join('; ')}`;
}

/**
 * Guides whose site page is generated rather than read from docs/: the provenance page is
 * tools/generate's, with each row linked to where the reference shows the mark (docs/provenance.md is the
 * same page without the links, for readers of the repository).
 */
export function generatedGuides(places: Map<string, Place[]>): Record<string, () => string> {
  return {
    'provenance.md': () =>
      provenancePage((file, path) => placeLinks(places.get(locationKey({ file, path })) ?? [])),
  };
}

/** Renders every `docs/*.md` into `<outDir>/guides/<name>.html`: a new guide needs no registration. */
export function buildGuides(
  docsDir: string,
  outDir: string,
  generated: Record<string, () => string>,
): GuidePage[] {
  if (!existsSync(docsDir)) return [];
  const guidesDir = join(outDir, 'guides');
  const guides: GuidePage[] = [];
  const css = highlightCss();
  for (const name of readdirSync(docsDir).sort()) {
    const source = join(docsDir, name);
    if (!name.endsWith('.md') || !statSync(source).isFile()) continue;
    const markdown = generated[name]?.() ?? readFileSync(source, 'utf8');
    const title = /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim() ?? name.replace(/\.md$/, '');
    const file = join(guidesDir, name.replace(/\.md$/, '.html'));
    mkdirSync(guidesDir, { recursive: true });
    const body = renderMarkdown(markdown, { rewriteHref: (href) => guideHref(href, docsDir, guidesDir) });
    writeFileSync(
      file,
      page(
        title.replace(/`/g, ''),
        `<p><a href="../index.html">← instancekit API reference</a></p>\n${body}`,
        css,
      ),
    );
    guides.push({ title: title.replace(/`/g, ''), file });
  }
  return guides;
}
