import { parseArgs } from 'node:util';
import { MockError, mockNames, selectSpecs } from './registry';
import type { RunningMocks, StartMocksOptions } from './server';

const DEFAULT_PORT = 4010;

const USAGE = `Usage: instancekit-mock [options]

Serves every instancekit spec with Prism (action-aware routing, validated requests, named examples),
one server per spec on consecutive ports, until Ctrl-C.

Options:
  --port <n>           first port (default ${DEFAULT_PORT}; 0 = ephemeral ports)
  --host <address>     interface to listen on (default 127.0.0.1)
  --providers <a,b>    serve only these (known: ${mockNames.join(', ')})
  --spec <name=path>   serve this spec file instead of the built-in list (repeatable)
  --specs-dir <dir>    read the built-in specs from this folder
  --verbose            show Prism's request log on stderr
  --help               show this help
`;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
}

const processIo: CliIo = {
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) throw new MockError(`--port must be 0..65535 (got ${value})`);
  return port;
}

function parseSpecs(values: string[] | undefined): Record<string, string> | undefined {
  if (!values || values.length === 0) return undefined;
  const specs: Record<string, string> = {};
  for (const value of values) {
    const eq = value.indexOf('=');
    if (eq <= 0 || eq === value.length - 1) throw new MockError(`--spec expects name=path (got ${value})`);
    specs[value.slice(0, eq)] = value.slice(eq + 1);
  }
  return specs;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/**
 * Starts the mocks and keeps them up until SIGINT/SIGTERM, then closes them and exits 0.
 * Any start-up error is one line on stderr and exit code 1 (a stack trace only with --verbose).
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<void> {
  let verbose = argv.includes('--verbose');
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        providers: { type: 'string' },
        spec: { type: 'string', multiple: true },
        'specs-dir': { type: 'string' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return;
    }
    verbose = values.verbose ?? false;
    const started = performance.now();
    const options: StartMocksOptions = {
      port: parsePort(values.port),
      host: values.host,
      providers: values.providers
        ?.split(',')
        .map((name) => name.trim())
        .filter(Boolean),
      specs: parseSpecs(values.spec),
      specsDir: values['specs-dir'],
      verbose,
    };
    // Report unknown or missing specs before paying for loading Prism (about 1.5 s).
    selectSpecs(options);
    const { startMocks } = await import('./server');
    const running = await startMocks(options);
    // Handlers go in before the first line is printed: whoever reads that line may signal at once.
    stopOnSignals(running, verbose, io);
    for (const { name, specPath } of running.skipped)
      io.stderr(`skipped ${name}: no spec file at ${specPath}`);
    for (const mock of running.mocks) io.stdout(`${mock.name} → ${mock.url}`);
    io.stderr(
      `${running.mocks.length} mock(s) ready in ${Math.round(performance.now() - started)} ms; Ctrl-C to stop.`,
    );
  } catch (error) {
    io.stderr(`instancekit-mock: ${oneLine(error)}`);
    if (verbose && error instanceof Error && !(error instanceof MockError)) io.stderr(String(error.stack));
    process.exitCode = 1;
    return;
  }
}

/** SIGINT/SIGTERM close the mocks and exit 0; a second signal while closing exits 130. */
function stopOnSignals(running: RunningMocks, verbose: boolean, io: CliIo): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C while closing: give up on a clean close.
      process.exit(130);
    }
    stopping = true;
    if (verbose) io.stderr(`${signal}: closing the mocks`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        io.stderr(`instancekit-mock: closing failed: ${oneLine(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
