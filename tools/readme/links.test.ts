import { describe, expect, it } from 'vitest';
import { anchorsOf, brokenLinks, linksOf, markdownFiles } from './links';

describe('relative links of the READMEs and docs', () => {
  const files = markdownFiles();

  it('covers the root README, every package README and every doc', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'README.md',
        'packages/core/README.md',
        'packages/instancekit/README.md',
        'packages/mock/README.md',
        'docs/facade-guide.md',
      ]),
    );
  });

  it.each(files)('%s: every relative link names an existing file (and heading)', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('finds a broken file link, a broken anchor, and ignores code and external links', () => {
    const markdown = [
      '# Title here',
      '[ok](docs/facade-guide.md) [gone](docs/guides/facade.md) [bad anchor](docs/facade-guide.md#no-such-part)',
      '[good anchor](docs/facade-guide.md#install) [self](#title-here) [web](https://example.com/x)',
      '`[in code](nowhere.md)`',
      '```md',
      '[in a fence](nowhere-either.md)',
      '```',
    ].join('\n');
    expect(linksOf(markdown)).toHaveLength(6);
    expect(anchorsOf('## `changeInstanceType`: the job\n## Install')).toEqual(
      new Set(['changeinstancetype-the-job', 'install']),
    );
    expect(brokenLinks('README.md', markdown)).toEqual([
      'README.md: docs/guides/facade.md — docs/guides/facade.md does not exist',
      'README.md: docs/facade-guide.md#no-such-part — no heading #no-such-part in docs/facade-guide.md',
    ]);
  });
});
