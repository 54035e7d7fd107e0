import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { getHttpOperationsFromSpec, type IHttpConfig } from '@stoplight/prism-http';
import { type ChaosOptions, createChaos } from './chaos';
import { type MockCredentials, secretsByProvider } from './credentials';
import { readDocumentFacts } from './facts';
import { checkFixtureTypes, Fleet, type StatefulOptions } from './fleet';
import { createMockServer, type ProviderState } from './http-server';
import { createPrismLogger } from './logger';
import { MutationLog } from './mutation-log';
import { MOCK_PROVIDERS, MockError, type SpecEntry, selectSpecs } from './registry';

type Operations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

export interface MockOptions {
  /** Port to listen on; default 0 (an ephemeral port). */
  port?: number;
  /** Interface to listen on; default `127.0.0.1`. */
  host?: string;
  /** Show Prism's request/response log on stderr (default: silent). */
  verbose?: boolean;
  /** Folder holding the specs (default: the package's bundled copy, else the repository's `specs/`). */
  specsDir?: string;
  /** Serve this spec file instead of the registry's file for `name`. */
  specPath?: string;
  /**
   * Simulate the instances: mutations are checked against their state with the spec's lifecycle facts and move
   * them through their transitional states; describe calls answer from the state.
   */
  stateful?: StatefulOptions;
  /** Verify signatures with these keys (each provider's own credential shape) instead of only their presence. */
  credentials?: MockCredentials;
  /** Seeded faults: the provider's throttling and server-error answers, and latency. */
  chaos?: ChaosOptions;
}

export interface RunningMock {
  name: string;
  /** Base URL, e.g. `http://127.0.0.1:4010`. */
  url: string;
  specPath: string;
  /** How many operations Prism loaded from the spec. */
  operations: number;
  close(): Promise<void>;
}

export interface StartMocksOptions extends Omit<MockOptions, 'specPath'> {
  /** Names to serve (default: every known mock whose spec file exists). Unknown or missing names throw. */
  providers?: string[];
  /** Serve these spec files (name → path) instead of the built-in registry. */
  specs?: Record<string, string>;
}

export interface RunningMocks {
  /** name → base URL. */
  urls: Record<string, string>;
  mocks: RunningMock[];
  /** Known specs that were not asked for and whose file does not exist yet. */
  skipped: { name: string; specPath: string }[];
  close(): Promise<void>;
}

/** Prism in mock mode: validate requests, security and responses; answer with the spec's examples. */
const PRISM_CONFIG: IHttpConfig = {
  isProxy: false,
  upstreamProxy: undefined,
  mock: { dynamic: false },
  validateRequest: true,
  validateResponse: true,
  checkSecurity: true,
  errors: true,
};

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}

async function loadOperations(entry: SpecEntry): Promise<Operations> {
  if (!existsSync(entry.specPath))
    throw new MockError(`${entry.name}: spec file not found: ${entry.specPath}`);
  let operations: Operations;
  try {
    operations = await getHttpOperationsFromSpec(entry.specPath);
  } catch (error) {
    throw new MockError(`${entry.name}: cannot load ${entry.specPath}: ${firstLine(error)}`);
  }
  if (operations.length === 0) throw new MockError(`${entry.name}: no operations in ${entry.specPath}`);
  return operations;
}

function formatUrl(listened: string, host: string): string {
  // Prism returns `http://<address>:<port>`; bracket IPv6 addresses.
  const match = /^http:\/\/(.*):(\d+)$/.exec(listened);
  if (!match) return listened;
  const address = host.includes(':') || match[1]!.includes(':') ? `[${match[1]}]` : match[1];
  return `http://${address}:${match[2]}`;
}

/** The fleets, logs and fault sources of one startMocks call, per provider (its servers share them). */
type SharedState = Map<string, ProviderState>;

function checkFixture(stateful: StatefulOptions, provider: string, states: string[], name: string): void {
  for (const instance of stateful.instances) {
    if (instance.provider !== provider) continue;
    for (const field of ['instanceId', 'state', 'instanceType'] as const)
      if (typeof instance[field] !== 'string' || instance[field] === '')
        throw new MockError(
          `stateful instance ${JSON.stringify(instance.instanceId)}: ${field} must be a non-empty string`,
        );
    if (states.length > 0 && !states.includes(instance.state))
      throw new MockError(
        `stateful instance ${instance.instanceId}: state ${JSON.stringify(instance.state)} is not one ${name} documents (${states.join(', ')})`,
      );
  }
}

function checkStatefulOptions(stateful: StatefulOptions | undefined): void {
  if (!stateful) return;
  if (!Array.isArray(stateful.instances)) throw new MockError('stateful.instances must be a list');
  checkFixtureTypes(stateful);
  for (const instance of stateful.instances)
    if (!MOCK_PROVIDERS.includes(instance?.provider))
      throw new MockError(
        `stateful instance ${JSON.stringify(instance?.instanceId)}: provider must be ${MOCK_PROVIDERS.join(', ')}`,
      );
  const { transitionMs } = stateful;
  if (
    transitionMs !== undefined &&
    !(Number.isInteger(transitionMs) && transitionMs >= 0 && transitionMs <= 3_600_000)
  )
    throw new MockError('stateful.transitionMs must be an integer from 0 to 3600000');
}

async function serve(
  entry: SpecEntry,
  operations: Operations,
  opts: MockOptions,
  shared: SharedState = new Map(),
): Promise<RunningMock> {
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 0;
  const logger = createPrismLogger(entry.name, opts.verbose ?? false);
  const facts = readDocumentFacts(entry.specPath);
  const provider = facts.provider ?? entry.name;
  if (opts.stateful) checkFixture(opts.stateful, provider, facts.states, entry.name);
  let state = shared.get(provider);
  if (!state) {
    state = {
      fleet: opts.stateful ? new Fleet(provider, opts.stateful) : undefined,
      log: new MutationLog(),
      chaos: [],
    };
    shared.set(provider, state);
  }
  const chaos = opts.chaos ? createChaos(opts.chaos, entry.name) : undefined;
  if (chaos) state.chaos.push(chaos);
  const secrets = opts.credentials ? secretsByProvider(opts.credentials).get(provider) : undefined;
  const server = createMockServer({
    name: entry.name,
    operations,
    facts,
    config: PRISM_CONFIG,
    logger,
    state,
    secrets,
    chaos,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
  } catch (error) {
    const reason = firstLine(error);
    if (reason.includes('EADDRINUSE')) {
      throw new MockError(`${entry.name}: port ${port} on ${host} is already in use`);
    }
    throw new MockError(`${entry.name}: cannot listen on ${host}:${port}: ${reason}`);
  }
  const address = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    name: entry.name,
    url: formatUrl(`http://${address.address}:${address.port}`, host),
    specPath: entry.specPath,
    operations: operations.length,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** Starts one Prism mock for the registry's spec `name` (or for `opts.specPath`, under the label `name`). */
export async function startMock(name: string, opts: MockOptions = {}): Promise<RunningMock> {
  const entry: SpecEntry = opts.specPath
    ? { name, specPath: opts.specPath, explicit: true }
    : selectSpecs({ providers: [name], specsDir: opts.specsDir }).serve[0]!;
  checkStatefulOptions(opts.stateful);
  if (opts.credentials) secretsByProvider(opts.credentials);
  return serve(entry, await loadOperations(entry), opts);
}

/**
 * Starts one Prism mock per spec. With `port`, the servers take consecutive ports from it (in registry order);
 * otherwise ephemeral ports. If any server fails to start, those already started are closed and the error
 * ({@link MockError}) is thrown.
 */
export async function startMocks(opts: StartMocksOptions = {}): Promise<RunningMocks> {
  const { serve: entries, skipped } = selectSpecs(opts);
  checkStatefulOptions(opts.stateful);
  // Refuse bad credentials before any server listens.
  if (opts.credentials) secretsByProvider(opts.credentials);
  const shared: SharedState = new Map();
  // Loading is independent per spec; listening goes in order so ports are assigned predictably.
  const loaded = await Promise.all(
    entries.map(async (entry) => [entry, await loadOperations(entry)] as const),
  );
  const mocks: RunningMock[] = [];
  const closeAll = async () => {
    await Promise.all(mocks.map((mock) => mock.close()));
  };
  try {
    for (const [index, [entry, operations]] of loaded.entries()) {
      const port = opts.port === undefined || opts.port === 0 ? 0 : opts.port + index;
      mocks.push(await serve(entry, operations, { ...opts, port }, shared));
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return {
    urls: Object.fromEntries(mocks.map((mock) => [mock.name, mock.url])),
    mocks,
    skipped: skipped.map(({ name, specPath }) => ({ name, specPath })),
    close: closeAll,
  };
}
