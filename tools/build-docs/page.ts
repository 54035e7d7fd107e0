/** The HTML shell of the site's own pages (the index and the guides; Redoc and TypeDoc bring their own). */
import { sep } from 'node:path';
import { escapeHtml } from './markdown';

const STYLE = `
  body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f2328; max-width: 60rem;
         margin: 2rem auto; padding: 0 1rem; }
  h1, h2, h3 { line-height: 1.25; }
  a { color: #0b57d0; }
  table { border-collapse: collapse; margin: 1rem 0; display: block; overflow-x: auto; }
  td code { overflow-wrap: anywhere; }
  th, td { border: 1px solid #d0d7de; padding: .35rem .7rem; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; }
  td.num { text-align: right; }
  code { font: .9em ui-monospace, "SFMono-Regular", Menlo, monospace; background: #f6f8fa; padding: .1em .3em;
         border-radius: 4px; }
  pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; border-radius: 6px; }
  pre code { padding: 0; background: none; }
  blockquote { margin: 0; padding-left: 1rem; border-left: 4px solid #d0d7de; color: #59636e; }
  .muted { color: #59636e; }`;

/** A site page (index, guide): our stylesheet inlined, then `extraStyle`; nothing is fetched. */
export function page(title: string, body: string, extraStyle = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}
${extraStyle}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** A relative file path as a URL path (`guides/errors.html`), whatever the platform's separator. */
export function toUrlPath(path: string): string {
  return path.split(sep).join('/');
}
