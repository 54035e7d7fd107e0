/**
 * The guides (docs/*.md) as HTML: `marked` (GitHub-flavoured Markdown, the lexer tools/readme/links.ts already
 * checks the same files with) and highlight.js through `marked-highlight` for the code blocks (synchronous, pure
 * JavaScript, every language built in: it works offline and needs no wasm). Headings get GitHub's slugs
 * (github-slugger), so an anchor that works on GitHub works on the site. Raw HTML in a guide passes through as
 * HTML (a generated page's `<!-- Generated … -->` line stays a comment); the guides are ours, not user input.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import GithubSlugger from 'github-slugger';
import hljs from 'highlight.js';
import { Marked, type Tokens } from 'marked';
import { markedHighlight } from 'marked-highlight';

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The highlight.js theme the guides use, inlined into each page (the site makes no request), then the page's
 * own code-block frame (padding, background) instead of the theme's.
 */
export function highlightCss(): string {
  const require = createRequire(import.meta.url);
  return `${readFileSync(require.resolve('highlight.js/styles/github.css'), 'utf8')}
pre code.hljs { padding: 0; background: none; }
`;
}

export interface RenderOptions {
  /**
   * Where a relative link of the guide goes on the site (a `.md` guide to its `.html` page, a repository file
   * to its place in the checkout); undefined keeps the href as written.
   */
  rewriteHref?: (href: string) => string;
}

/** Links we emit: relative, #anchor, http(s) and mailto. Anything else (javascript:, data:) keeps its text only. */
const SAFE_SCHEME = /^(?:https?:|mailto:)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  // One slugger per document: GitHub numbers repeated headings (`usage`, `usage-1`) within a page.
  const slugger = new GithubSlugger();
  const marked = new Marked(
    { gfm: true },
    markedHighlight({
      langPrefix: 'hljs language-',
      emptyLangClass: 'hljs',
      highlight(code, lang) {
        const language = hljs.getLanguage(lang) ? lang : 'plaintext';
        return hljs.highlight(code, { language }).value;
      },
    }),
    {
      renderer: {
        heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
          const id = slugger.slug(token.text.replace(/`/g, ''));
          return `<h${token.depth} id="${escapeHtml(id)}">${this.parser.parseInline(token.tokens)}</h${token.depth}>\n`;
        },
        link(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Link) {
          const label = this.parser.parseInline(token.tokens);
          if (ANY_SCHEME.test(token.href) && !SAFE_SCHEME.test(token.href)) return label;
          const href = ANY_SCHEME.test(token.href)
            ? token.href
            : (options.rewriteHref?.(token.href) ?? token.href);
          const title = token.title ? ` title="${escapeHtml(token.title)}"` : '';
          return `<a href="${escapeHtml(href)}"${title}>${label}</a>`;
        },
      },
    },
  );
  return marked.parse(markdown, { async: false }) as string;
}
