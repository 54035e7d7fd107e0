/**
 * A deliberately small Markdown renderer for the guides in docs/: headings, paragraphs, lists (nested by
 * indentation), fenced code, tables, block quotes, and inline code, emphasis and links. Everything is escaped;
 * no raw HTML passes through.
 */

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link target we are willing to emit: relative, #anchor, http(s) or mailto. `.md` links go to the rendered page. */
function safeHref(href: string): string | undefined {
  if (/^(https?:|mailto:)/i.test(href)) return href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  return href.replace(
    /^(\.\/)?([\w./-]+)\.md(#.*)?$/,
    (_m, _dot, path: string, hash = '') => `${path}.html${hash}`,
  );
}

export function renderInline(text: string): string {
  const codes: string[] = [];
  // Code spans first, so their content is not formatted.
  let out = text.replace(/`([^`]+)`/g, (_m, code: string) => {
    codes.push(`<code>${escapeHtml(code)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  out = escapeHtml(out);
  out = out.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (match, label: string, href: string) => {
    const target = safeHref(href.replace(/&amp;/g, '&'));
    return target ? `<a href="${escapeHtml(target)}">${label}</a>` : match;
  });
  out = out.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
  out = out.replace(/(^|[^\w*])\*([^*\s][^*]*)\*(?!\w)/g, '$1<em>$2</em>');
  out = out.replace(/(^|[^\w])_([^_\s][^_]*)_(?!\w)/g, '$1<em>$2</em>');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: placeholder for code spans
  return out.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]!);
}

export function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

interface ListFrame {
  indent: number;
  tag: 'ul' | 'ol';
}

export function renderMarkdown(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const html: string[] = [];
  const lists: ListFrame[] = [];
  let paragraph: string[] = [];
  let openItem = false;

  const flushParagraph = () => {
    if (paragraph.length > 0) html.push(`<p>${renderInline(paragraph.join(' '))}</p>`);
    paragraph = [];
  };
  const closeLists = (toIndent = -1) => {
    while (lists.length > 0 && lists[lists.length - 1]!.indent > toIndent) {
      html.push(`</li></${lists.pop()!.tag}>`);
    }
    openItem = lists.length > 0;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(\s*)(```|~~~)(.*)$/.exec(line);
    if (fence) {
      flushParagraph();
      const body: string[] = [];
      const indent = fence[1]!.length;
      for (i++; i < lines.length && !lines[i]!.trimStart().startsWith(fence[2]!); i++) {
        body.push(lines[i]!.slice(Math.min(indent, lines[i]!.length - lines[i]!.trimStart().length)));
      }
      const lang = fence[3]!.trim();
      const code = `<pre><code${lang ? ` class="language-${escapeHtml(lang)}"` : ''}>${escapeHtml(body.join('\n'))}</code></pre>`;
      if (lists.length > 0 && indent > 0) html.push(code);
      else {
        closeLists();
        html.push(code);
      }
      continue;
    }
    if (line.trim() === '') {
      flushParagraph();
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      flushParagraph();
      closeLists();
      const level = heading[1]!.length;
      const inner = renderInline(heading[2]!);
      html.push(`<h${level} id="${slug(inner)}">${inner}</h${level}>`);
      continue;
    }
    if (/^\s*\|.*\|\s*$/.test(line) && /^\s*\|?\s*:?-{3,}/.test(lines[i + 1] ?? '')) {
      flushParagraph();
      closeLists();
      const cells = (row: string) =>
        row
          .trim()
          .replace(/^\||\|$/g, '')
          .split(/(?<!\\)\|/)
          .map((cell) => renderInline(cell.trim().replace(/\\\|/g, '|')));
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && /^\s*\|.*\|\s*$/.test(lines[i]!); i++) rows.push(cells(lines[i]!));
      i--;
      html.push(
        `<table><thead><tr>${head.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
      continue;
    }
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      flushParagraph();
      const indent = item[1]!.length;
      const tag = /\d/.test(item[2]!) ? 'ol' : 'ul';
      const top = lists[lists.length - 1];
      if (!top || indent > top.indent) {
        html.push(`<${tag}><li>`);
        lists.push({ indent, tag });
      } else {
        closeLists(indent);
        const current = lists[lists.length - 1];
        if (!current || current.indent < indent) {
          html.push(`<${tag}><li>`);
          lists.push({ indent, tag });
        } else {
          html.push('</li><li>');
        }
      }
      openItem = true;
      html.push(renderInline(item[3]!));
      continue;
    }
    if (openItem && /^\s+\S/.test(line)) {
      // A continuation line of the current list item.
      html.push(` ${renderInline(line.trim())}`);
      continue;
    }
    const quote = /^>\s?(.*)$/.exec(line);
    if (quote) {
      flushParagraph();
      closeLists();
      html.push(`<blockquote><p>${renderInline(quote[1]!)}</p></blockquote>`);
      continue;
    }
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flushParagraph();
      closeLists();
      html.push('<hr>');
      continue;
    }
    closeLists();
    paragraph.push(line.trim());
  }
  flushParagraph();
  closeLists();
  return html.join('\n');
}
