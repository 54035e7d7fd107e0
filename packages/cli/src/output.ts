// What a command prints: with --json one JSON document on stdout (the command's schema, schemas.ts), else plain
// lines; errors as one line on stderr (and, with --json, an `error` document on stdout), with the exit code.
import { InstanceKitError, ValidationError } from 'instancekit/fleet-node';
import { EXIT } from './exit-codes.js';
import { PlanFileError } from './plan-file.js';
import { UsageError } from './secrets.js';

export interface Out {
  json: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function printJson(out: Out, value: unknown): void {
  out.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLines(out: Out, lines: readonly string[]): void {
  if (lines.length) out.stdout.write(`${lines.join('\n')}\n`);
}

/** The provider's raw answer stays out of the CLI's output (it is large and not part of the schema). */
export function withoutRaw<T extends object>(value: T): Omit<T, 'raw'> {
  const { raw: _raw, ...rest } = value as T & { raw?: unknown };
  return rest;
}

/** Prints the failure and returns its exit code: 2 for usage and invalid input (nothing sent), 1 otherwise. */
export function reportError(out: Out, error: unknown): number {
  const usage =
    error instanceof UsageError || error instanceof ValidationError || error instanceof PlanFileError;
  const message = error instanceof Error ? error.message : String(error);
  const known = error instanceof InstanceKitError ? error : undefined;
  const problems =
    error instanceof PlanFileError
      ? error.problems
      : (error as { problems?: { entry?: number; field: string; message: string; line?: number }[] })
          .problems;
  out.stderr.write(`instancekit: ${message}\n`);
  for (const problem of problems ?? [])
    out.stderr.write(`  ${problem.line !== undefined ? `line ${problem.line}: ` : ''}${problem.message}\n`);
  if (out.json)
    printJson(out, {
      error: {
        code: known?.code ?? (usage ? 'Usage' : 'Internal'),
        message,
        ...(error instanceof ValidationError ? { field: error.field } : {}),
        ...(known?.provider ? { provider: known.provider } : {}),
        ...(known?.action ? { action: known.action } : {}),
        ...(known?.requestId ? { requestId: known.requestId } : {}),
        ...(problems ? { problems } : {}),
      },
    });
  return usage ? EXIT.usage : EXIT.failed;
}

/** `12.3 s`, `850 ms`. */
export function duration(ms: number | undefined): string {
  if (ms === undefined) return '';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** A plain text table: columns padded to their widest cell. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}
