/**
 * The published shape as the ecosystem's tools read it (issue 16), on the packed tarball itself and offline:
 * publint (package.json against the files: exports, types, formats, fields) and Are the Types Wrong (each entry
 * point's types resolved as TypeScript does under node10, node16 from CJS and from ESM, and bundler, against the
 * JavaScript Node loads). Every message of either fails the check; none is ignored.
 */
import { readFileSync } from 'node:fs';
import { checkPackage, createPackageFromTarballData, type Problem } from '@arethetypeswrong/core';
import { problemKindInfo } from '@arethetypeswrong/core/problems';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { type Manifest, matcher } from './manifest';

/** publint's messages on a tarball, every level (errors, warnings and suggestions alike), one line each. */
export async function publintProblems(tarball: string): Promise<string[]> {
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: 'suggestion',
  });
  return messages.map(
    (message) => `publint ${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`,
  );
}

/**
 * The entry points a wildcard export (`"./*": "./dist/entries/*.js"`) offers, read from the tarball's files, since
 * attw cannot enumerate a pattern (it reports it as "(wildcard)" and checks nothing behind it).
 */
export function wildcardEntrypoints(manifest: Manifest, files: readonly string[]): string[] {
  const found = new Set<string>();
  for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
    if (!subpath.includes('*')) continue;
    const [before, after] = subpath.split('*') as [string, string];
    const targets: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
      else if (value && typeof value === 'object') for (const inner of Object.values(value)) walk(inner);
    };
    walk(conditions);
    for (const target of targets.filter((t) => t.includes('*'))) {
      const [head, tail] = target.split('*') as [string, string];
      for (const path of files.filter(matcher(target))) {
        found.add(`${before}${path.slice(head.length, path.length - tail.length)}${after}`);
      }
    }
  }
  return [...found].sort();
}

function describeProblem(problem: Problem): string {
  const { emoji, title, docsUrl } = problemKindInfo[problem.kind];
  const where =
    'entrypoint' in problem
      ? `"${problem.entrypoint}" under ${problem.resolutionKind}`
      : 'typesFileName' in problem
        ? `${problem.typesFileName} / ${problem.implementationFileName}`
        : problem.fileName;
  return `attw ${emoji} ${title}: ${where} (${docsUrl})`;
}

/** Are the Types Wrong's problems on a tarball, over every entry point (a wildcard export's included). */
export async function typesProblems(
  tarball: string,
  manifest: Manifest,
  files: readonly string[],
): Promise<string[]> {
  const pkg = createPackageFromTarballData(new Uint8Array(readFileSync(tarball)));
  const result = await checkPackage(pkg, { includeEntrypoints: wildcardEntrypoints(manifest, files) });
  if (!result.types) return ['attw: the package ships no types'];
  return result.problems.map(describeProblem);
}
