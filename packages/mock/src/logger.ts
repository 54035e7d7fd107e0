/**
 * The logger Prism's components call (`child`, `debug`, `info`, `success`, `warn`, `error`). A pino logger
 * would pull pino in as a direct dependency; this one is silent unless `verbose`, then writes one line per
 * message (info and above) to stderr, prefixed with the mock and component names.
 */
export interface PrismLogger {
  child(bindings: { name?: string }): PrismLogger;
  trace(...args: unknown[]): void;
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  success(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
  fatal(...args: unknown[]): void;
}

const noop = () => {};

function message(args: unknown[]): string {
  const text = args.find((arg): arg is string => typeof arg === 'string') ?? '';
  // Prism colours some messages with chalk.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}

export function createPrismLogger(
  name: string,
  verbose = false,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): PrismLogger {
  const log =
    (level: string) =>
    (...args: unknown[]) =>
      write(`[${name}] ${level} ${message(args)}`);
  return {
    child: (bindings) => createPrismLogger(bindings.name ? `${name}:${bindings.name}` : name, verbose, write),
    trace: noop,
    debug: noop,
    info: verbose ? log('info') : noop,
    success: verbose ? log('info') : noop,
    warn: verbose ? log('warn') : noop,
    error: verbose ? log('error') : noop,
    fatal: verbose ? log('fatal') : noop,
  };
}
