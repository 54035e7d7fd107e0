/**
 * Type tests run as a consumer runs them (issue 16): `tsc --noEmit` in a scratch project that installed the packed
 * tarballs, under each tsconfig of consumer/ (node16, nodenext, bundler), `strict`, `skipLibCheck: false`.
 *
 * tsc already fails on an `@ts-expect-error` whose next line compiles, but that proves nothing when the checked
 * names are `any` or the file is not compiled at all. So each test file is compiled twice in the same run: as
 * written (no error allowed) and as an "unguarded" copy with the directives turned into plain comments, where every
 * line after a directive must have an error and no other line may.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const consumer = fileURLToPath(new URL('./consumer/', import.meta.url));
const DIRECTIVE = /^(\s*)\/\/ @ts-expect-error\b/;

export const TSCONFIGS = ['node16', 'nodenext', 'bundler'] as const;
export type TsconfigName = (typeof TSCONFIGS)[number];

/** A test file with its `@ts-expect-error` lines made plain comments, and the 1-based lines that must then fail. */
export function unguard(source: string): { text: string; mustFail: number[] } {
  const mustFail: number[] = [];
  const lines = source.split('\n').map((line, index) => {
    if (!DIRECTIVE.test(line)) return line;
    mustFail.push(index + 2);
    return line.replace(DIRECTIVE, '$1// (unguarded: an error is expected on the next line)');
  });
  return { text: lines.join('\n'), mustFail };
}

export interface Diagnostic {
  file: string;
  line: number;
  text: string;
}

/** tsc's `file(line,col): error TSnnnn: message` lines (`--pretty false`), paths relative to the project. */
export function parseDiagnostics(output: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  for (const line of output.split('\n')) {
    const match = /^(.+?)\((\d+),\d+\): error (TS\d+: .*)$/.exec(line.trim());
    if (match) found.push({ file: match[1]!, line: Number(match[2]), text: match[3]! });
    // An error of the run itself (an option tsc does not know, no input found): no file, no line.
    else if (/^error TS\d+: /.test(line.trim()))
      found.push({ file: '(tsc)', line: 0, text: line.trim().slice(6) });
  }
  return found;
}

/** Copies the type tests and the tsconfigs into a scratch project, with the unguarded copies beside them. */
export function writeTypeTests(project: string): Map<string, number[]> {
  const expected = new Map<string, number[]>();
  mkdirSync(join(project, 'types-unguarded'), { recursive: true });
  cpSync(join(consumer, 'types'), join(project, 'types'), { recursive: true });
  for (const name of TSCONFIGS)
    cpSync(join(consumer, `tsconfig.${name}.json`), join(project, `tsconfig.${name}.json`));
  for (const name of readdirSync(join(consumer, 'types')).filter((file) => file.endsWith('.ts'))) {
    const { text, mustFail } = unguard(readFileSync(join(consumer, 'types', name), 'utf8'));
    writeFileSync(join(project, 'types-unguarded', name), text);
    expected.set(`types-unguarded/${name}`, mustFail);
  }
  return expected;
}

/**
 * What is wrong with one tsc run: any error in a test as written, or outside the test files; a line of an
 * unguarded copy that should fail and did not; an error on a line of a copy that no directive guarded.
 */
export function verdict(diagnostics: Diagnostic[], expected: Map<string, number[]>): string[] {
  const problems: string[] = [];
  for (const { file, line, text } of diagnostics) {
    const mustFail = expected.get(file);
    if (!mustFail) problems.push(`${file}:${line} ${text}`);
    else if (!mustFail.includes(line))
      problems.push(`${file}:${line} fails but no @ts-expect-error guards it: ${text}`);
  }
  for (const [file, lines] of expected) {
    for (const line of lines) {
      if (!diagnostics.some((d) => d.file === file && d.line === line)) {
        problems.push(`${file}:${line} compiles: its @ts-expect-error does not bite`);
      }
    }
  }
  return problems;
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** `tsc -p tsconfig.<name>.json` in the project (the workspace's TypeScript); resolves to its diagnostics. */
export function runTsc(
  project: string,
  name: TsconfigName,
): Promise<{ diagnostics: Diagnostic[]; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsc, '-p', `tsconfig.${name}.json`, '--pretty', 'false'],
      { cwd: project, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
      (_error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        const diagnostics = parseDiagnostics(output).map((d) => ({
          ...d,
          file: relative(project, join(project, d.file)),
        }));
        resolve({ diagnostics, output });
      },
    );
  });
}
