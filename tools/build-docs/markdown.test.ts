import { describe, expect, it } from 'vitest';
import { makeSelfContained } from './build';
import { renderInline, renderMarkdown } from './markdown';

describe('the guides renderer', () => {
  it('escapes HTML and keeps code spans verbatim', () => {
    expect(renderInline('a <b> & `x <y> **z**` **bold**')).toBe(
      'a &lt;b&gt; &amp; <code>x &lt;y&gt; **z**</code> <strong>bold</strong>',
    );
  });

  it('links other guides to their rendered page and drops unsafe schemes', () => {
    expect(renderInline('[arch](architecture.md#layout) [x](javascript:alert(1))')).toBe(
      '<a href="architecture.html#layout">arch</a> [x](javascript:alert(1))',
    );
  });

  it('renders headings, nested lists, fenced code and tables', () => {
    const html = renderMarkdown(
      [
        '# Title',
        'Some *text*',
        'continued.',
        '',
        '- one',
        '  - nested',
        '- two',
        '',
        '```ts',
        'const a = 1 < 2;',
        '```',
        '',
        '| a | b |',
        '|---|---|',
        '| 1 | `2` |',
      ].join('\n'),
    );
    expect(html).toBe(
      [
        '<h1 id="title">Title</h1>',
        '<p>Some <em>text</em> continued.</p>',
        '<ul><li>',
        'one',
        '<ul><li>',
        'nested',
        '</li></ul>',
        '</li><li>',
        'two',
        '</li></ul>',
        '<pre><code class="language-ts">const a = 1 &lt; 2;</code></pre>',
        '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td><code>2</code></td></tr></tbody></table>',
      ].join('\n'),
    );
  });
});

describe('makeSelfContained', () => {
  it("replaces Redoc 3's CDN logo with an inline image", () => {
    const out = makeSelfContained(
      'src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`',
    );
    expect(out).not.toContain('cdn.redoc.ly');
    expect(out.match(/data:image\/svg\+xml,/g)).toHaveLength(2);
  });
});
