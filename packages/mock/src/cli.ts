import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { ChaosOptions } from './chaos';
import type { MockCredentials } from './credentials';
import type { FixtureInstance, StatefulOptions } from './fleet';
import { MockError, mockNames, selectSpecs } from './registry';
import type { RunningMocks, StartMocksOptions } from './server';

const DEFAULT_PORT = 4010;

const USAGE = `Usage: instancekit-mock [options]

Serves every instancekit spec with Prism (action-aware routing, validated requests, named examples),
one server per spec on consecutive ports, until Ctrl-C, SIGTERM or SIGHUP, or until the process that
started it (\`npm run mock\`, a test runner) exits.

Options:
  --port <n>           first port (default ${DEFAULT_PORT}; 0 = ephemeral ports)
  --host <address>     interface to listen on (default 127.0.0.1)
  --providers <a,b>    serve only these (known: ${mockNames.join(', ')})
  --spec <name=path>   serve this spec file instead of the built-in list (repeatable)
  --specs-dir <dir>    read the built-in specs from this folder
  --stateful           simulate instances (state, lifecycle, describe answers from the state)
  --instances <file>   the fixture: a JSON list of instances, or {instances, instanceTypes, transitionMs}
  --transition-ms <n>  how long an accepted operation takes (default 2000)
  --credentials <file> verify signatures with these keys (JSON: {tencent:{secretId,secretKey}, …})
  --chaos-seed <n>     inject seeded faults (with --chaos-throttle, --chaos-server-error, --chaos-latency)
  --chaos-throttle <p> share of requests throttled, 0..1
  --chaos-server-error <p>  share of requests answered with a server error, 0..1
  --chaos-latency <min,max> added latency in ms
  --verbose            show Prism's request log on stderr
  --help               show this help
  --version            print the version
`;

/** The package's version (package.json sits one folder up from both src/cli.ts and dist/cli.js). */
function version(): string {
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

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

function readJson(path: string, flag: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MockError(
      `${flag}: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function numberFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number))
    throw new MockError(`${flag} must be a number (got ${value})`);
  return number;
}

type Values = Record<string, string | boolean | string[] | undefined>;

/** `--stateful [--instances file] [--transition-ms n]`; the file is a list of instances or the whole option. */
function statefulOption(values: Values): StatefulOptions | undefined {
  const file = values.instances as string | undefined;
  if (!values.stateful) {
    if (file || values['transition-ms'])
      throw new MockError('--instances and --transition-ms need --stateful');
    return undefined;
  }
  const fixture = file ? readJson(file, '--instances') : [];
  const base: StatefulOptions = Array.isArray(fixture)
    ? { instances: fixture as FixtureInstance[] }
    : (fixture as StatefulOptions);
  const transitionMs = numberFlag(values['transition-ms'] as string | undefined, '--transition-ms');
  return transitionMs === undefined ? base : { ...base, transitionMs };
}

function chaosOption(values: Values): ChaosOptions | undefined {
  const seed = numberFlag(values['chaos-seed'] as string | undefined, '--chaos-seed');
  const others = ['chaos-throttle', 'chaos-server-error', 'chaos-latency'].filter(
    (flag) => values[flag] !== undefined,
  );
  if (seed === undefined) {
    if (others.length) throw new MockError(`--${others[0]} needs --chaos-seed`);
    return undefined;
  }
  const latency = values['chaos-latency'] as string | undefined;
  const range = latency?.split(',').map((part) => numberFlag(part, '--chaos-latency')!);
  if (range && range.length !== 2) throw new MockError('--chaos-latency expects min,max');
  return {
    seed,
    throttle: numberFlag(values['chaos-throttle'] as string | undefined, '--chaos-throttle'),
    serverError: numberFlag(values['chaos-server-error'] as string | undefined, '--chaos-server-error'),
    ...(range ? { latencyMs: [range[0]!, range[1]!] as [number, number] } : {}),
  };
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
        version: { type: 'boolean' },
        stateful: { type: 'boolean' },
        instances: { type: 'string' },
        'transition-ms': { type: 'string' },
        credentials: { type: 'string' },
        'chaos-seed': { type: 'string' },
        'chaos-throttle': { type: 'string' },
        'chaos-server-error': { type: 'string' },
        'chaos-latency': { type: 'string' },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return;
    }
    if (values.version) {
      io.stdout(`instancekit-mock ${version()}`);
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
      stateful: statefulOption(values),
      credentials: values.credentials
        ? (readJson(values.credentials, '--credentials') as MockCredentials)
        : undefined,
      chaos: chaosOption(values),
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

/**
 * SIGINT, SIGTERM and SIGHUP close the mocks and exit 0; a second signal while closing exits 130. So does the death
 * of the parent process: `npm run mock` signalled (npm does not pass the signal on), a test runner killed — the
 * process is re-parented, which `process.ppid` shows (checked every 250 ms, without keeping the process alive).
 */
function stopOnSignals(running: RunningMocks, verbose: boolean, io: CliIo): void {
  let stopping = false;
  const stop = (reason: string) => {
    if (stopping) {
      // A second Ctrl-C while closing: give up on a clean close.
      process.exit(130);
    }
    stopping = true;
    if (verbose) io.stderr(`${reason}: closing the mocks`);
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
  process.on('SIGHUP', stop);
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent && !stopping) stop(`parent ${parent} exited`);
  }, 250).unref();
}
