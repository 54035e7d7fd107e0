// The judge of the consumer type tests (type-tests.ts) on made-up tsc output: it must fail a directive that does
// not bite, an error nobody expected and any error in a test as written, or the consumers test proves nothing.
import { describe, expect, it } from 'vitest';
import { parseDiagnostics, unguard, verdict } from './type-tests';

const SOURCE = [
  "import { f } from 'x';",
  '// @ts-expect-error an unknown field',
  'f({ typo: 1 });',
  '  // @ts-expect-error indented, in a block',
  '  f({});',
  'f({ ok: 1 });',
].join('\n');

describe('consumer type tests: the judge', () => {
  it('unguard turns each directive into a plain comment and expects an error on the line after it', () => {
    const { text, mustFail } = unguard(SOURCE);
    expect(mustFail).toEqual([3, 5]);
    expect(text).not.toContain('@ts-expect-error');
    expect(text.split('\n')).toHaveLength(SOURCE.split('\n').length);
  });

  it('parses tsc diagnostics, the run-level ones too', () => {
    const output = [
      "types-unguarded/a.ts(3,5): error TS2353: Object literal may only specify known properties, and 'typo' …",
      "  Property 'x' is missing in type '{}'.",
      "error TS5023: Unknown compiler option 'modul'.",
    ].join('\n');
    expect(parseDiagnostics(output)).toEqual([
      {
        file: 'types-unguarded/a.ts',
        line: 3,
        text: "TS2353: Object literal may only specify known properties, and 'typo' …",
      },
      { file: '(tsc)', line: 0, text: "TS5023: Unknown compiler option 'modul'." },
    ]);
  });

  const expected = new Map([['types-unguarded/a.ts', [3, 5]]]);
  const at = (file: string, line: number) => ({ file, line, text: 'TS2345: …' });

  it('passes when exactly the unguarded lines fail', () => {
    expect(verdict([at('types-unguarded/a.ts', 3), at('types-unguarded/a.ts', 5)], expected)).toEqual([]);
  });

  it('fails a directive that does not bite, an unexpected error, and an error in a test as written', () => {
    expect(
      verdict(
        [at('types-unguarded/a.ts', 3), at('types-unguarded/a.ts', 6), at('types/a.ts', 2), at('(tsc)', 0)],
        expected,
      ),
    ).toEqual([
      'types-unguarded/a.ts:6 fails but no @ts-expect-error guards it: TS2345: …',
      'types/a.ts:2 TS2345: …',
      '(tsc):0 TS2345: …',
      'types-unguarded/a.ts:5 compiles: its @ts-expect-error does not bite',
    ]);
  });

  it('fails a run that reported nothing (tsc never checked the files)', () => {
    expect(verdict([], expected)).toHaveLength(2);
  });
});
