/**
 * Relative links of the READMEs and the docs (issue 16): every `[text](path)` and `[text](path#anchor)` outside code
 * must name an existing file, and an anchor a heading of that file (GitHub's slugs). Markdown is read with `marked`'s
 * lexer (links inside code spans and fences are not links) and slugged with `github-slugger`, as GitHub renders them.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { Lexer, type Token } from 'marked';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** README.md, packages/<pkg>/README.md and docs/*.md, as paths from the repository's root. */
export function markdownFiles(): string[] {
  const packages = readdirSync(join(root, 'packages'))
    .map((dir) => `packages/${dir}/README.md`)
    .filter((path) => existsSync(join(root, path)));
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', ...packages.sort(), ...docs.sort()];
}

function walk(tokens: Token[], visit: (token: Token) => void): void {
  for (const token of tokens) {
    visit(token);
    const nested = token as Token & { tokens?: Token[]; items?: Token[]; rows?: Token[][]; header?: Token[] };
    if (nested.tokens) walk(nested.tokens, visit);
    if (nested.items) walk(nested.items, visit);
    // Tables keep their cells' tokens under header[] and rows[][].
    for (const cell of [...(nested.header ?? []), ...(nested.rows ?? []).flat()]) {
      walk((cell as { tokens?: Token[] }).tokens ?? [], visit);
    }
  }
}

/** The hrefs of a Markdown text's links and images. */
export function linksOf(markdown: string): string[] {
  const hrefs: string[] = [];
  walk(Lexer.lex(markdown), (token) => {
    if (token.type === 'link' || token.type === 'image') hrefs.push((token as { href: string }).href);
  });
  return hrefs;
}

/** GitHub's anchors of a Markdown text's headings. */
export function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  walk(Lexer.lex(markdown), (token) => {
    if (token.type === 'heading')
      anchors.add(slugger.slug((token as { text: string }).text.replace(/`/g, '')));
  });
  return anchors;
}

/** What is broken among one file's relative links ("path: href — why"); external links are not fetched. */
export function brokenLinks(file: string, markdown = readFileSync(join(root, file), 'utf8')): string[] {
  const broken: string[] = [];
  for (const href of linksOf(markdown)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue; // https:, mailto:, …
    const [path = '', anchor] = href.split('#', 2) as [string, string | undefined];
    const target = path === '' ? join(root, file) : join(root, dirname(file), decodeURI(path));
    if (!existsSync(target)) {
      broken.push(`${file}: ${href} — ${relative(root, target)} does not exist`);
      continue;
    }
    if (anchor && target.endsWith('.md') && statSync(target).isFile()) {
      const text = path === '' ? markdown : readFileSync(target, 'utf8');
      if (!anchorsOf(text).has(decodeURI(anchor))) {
        broken.push(`${file}: ${href} — no heading #${anchor} in ${relative(root, target)}`);
      }
    }
  }
  return broken;
}
