/**
 * The docs site's own checks, as pure functions over what a browser saw, so each can be shown to fail on a page
 * made for it (site-check.test.ts) and the Chromium test (docs-site.test.ts) only gathers the facts.
 */
import { posix } from 'node:path';

/** One thing wrong with a page, said so a reader can find it. */
export type Finding = string;

/**
 * Markup that must never reach a reader as text: a leaked HTML comment, Markdown a renderer did not render
 * (bold, a fence, a link), or an entity escaped twice. Checked on the text outside code (a guide may quote
 * any of these in a code span or block on purpose).
 */
const LEAKS: Array<{ pattern: RegExp; what: string }> = [
  { pattern: /<!--/, what: 'an HTML comment opener `<!--`' },
  { pattern: /-->/, what: 'an HTML comment closer `-->`' },
  { pattern: /\*\*/, what: 'Markdown bold `**`' },
  { pattern: /```/, what: 'a Markdown fence (three backticks)' },
  { pattern: /\]\(/, what: 'a Markdown link `](`' },
  { pattern: /&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i, what: 'an HTML entity shown as text' },
];

/** Leaked markup in the visible text of a page (outside code), one finding per kind with its context. */
export function leakedMarkup(page: string, visibleText: string): Finding[] {
  const findings: Finding[] = [];
  for (const { pattern, what } of LEAKS) {
    const match = pattern.exec(visibleText);
    if (!match) continue;
    const context = visibleText
      .slice(Math.max(0, match.index - 30), match.index + match[0].length + 30)
      .replace(/\s+/g, ' ');
    findings.push(`${page}: ${what} is shown as text: "…${context}…"`);
  }
  return findings;
}

/** What a browser saw of one page of the site. */
export interface PageFacts {
  /** The page's path inside the site, with `/` separators: `guides/errors.html`. */
  path: string;
  /** The ids of its elements (for a Redoc page: those that exist once it has routed to each linked anchor). */
  ids: ReadonlySet<string>;
  /** Every `href` of its links, as written. */
  hrefs: readonly string[];
}

/** Where a relative link points: a page of the site and the fragment, decoded; undefined for other schemes. */
export function linkTarget(from: string, href: string): { path: string; fragment: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return undefined;
  const hash = href.indexOf('#');
  const file = hash === -1 ? href : href.slice(0, hash);
  const fragment = hash === -1 ? '' : href.slice(hash + 1);
  const path = file === '' ? from : posix.normalize(posix.join(posix.dirname(from), decodeURI(file)));
  return { path, fragment: safeDecode(fragment) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The element a fragment names. Redoc 3 routes by hash: `#/<tag>/<operation>` is the operation's element
 * (`<tag>/<operation>`), and `#/<tag>/<operation>#<field id>` a field inside it. Elsewhere a fragment is an id.
 */
export function fragmentElementId(fragment: string): string {
  const inner = fragment.lastIndexOf('#');
  if (inner !== -1) return fragment.slice(inner + 1);
  return fragment.startsWith('/') ? fragment.slice(1) : fragment;
}

/**
 * Broken links among the pages: a relative link to a file that is neither a page seen nor a file that exists
 * (`fileExists`, e.g. a repository file a guide links), or an anchor no element of the target carries.
 * External links (https:, mailto:) are not followed: the site must work offline.
 */
export function brokenLinks(pages: readonly PageFacts[], fileExists: (path: string) => boolean): Finding[] {
  const byPath = new Map(pages.map((page) => [page.path, page]));
  const findings: Finding[] = [];
  for (const page of pages) {
    for (const href of new Set(page.hrefs)) {
      const target = linkTarget(page.path, href);
      if (!target) continue;
      const facts = byPath.get(target.path);
      if (!facts) {
        // A repository file a guide links (a README, a spec): its anchors are GitHub's, checked by
        // tools/readme/links.ts on the Markdown itself.
        if (!fileExists(target.path)) findings.push(`${page.path}: ${href} — ${target.path} does not exist`);
        continue;
      }
      const id = fragmentElementId(target.fragment);
      if (id !== '' && !facts.ids.has(id))
        findings.push(`${page.path}: ${href} — no element #${id} in ${target.path}`);
    }
  }
  return findings;
}
