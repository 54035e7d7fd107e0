import {
  createInvoker,
  type OperationTable,
  operationMethods,
  type ProviderAdapter,
  type TransportOptions,
} from './operation-client.js';
import {
  type ClientOptionRules,
  type CredentialField,
  checkClientOptions,
  resolveCredentials,
} from './options.js';
import { hideInternals } from './redact.js';

/** What a provider is, as its specs' manifest states it (the generated `provider` of `src/generated/provider.ts`). */
export interface ProviderFacts {
  readonly provider: string;
  /** How messages name the provider: `Tencent Cloud`. */
  readonly label: string;
  /** The credential fields: the `credentials` option's keys and their environment variables. */
  readonly credentials: readonly CredentialField[];
  /** The documented form of a region id, where the provider has regions. */
  readonly regionPattern?: string;
}

/** What a provider's client factory declares once; `createProviderClient` does the rest the same way for all. */
export interface ClientDeclaration extends ProviderFacts {
  /**
   * The options the client adds to core's transport options, `credentials` and (with a region pattern) `region`;
   * anything else is refused.
   */
  readonly options?: ClientOptionRules;
}

/** One API a client talks to: its adapter, its generated table and the base URL. */
export interface ClientService {
  readonly adapter: ProviderAdapter;
  readonly operations: OperationTable;
  readonly endpoint: string;
}

/** What a factory assembles from the checked options and the resolved credentials. */
export interface ClientAssembly<Fields> {
  readonly services: readonly ClientService[];
  /** The client's public fields (`provider`, `region`, …). */
  readonly fields: Fields;
  /** The `inspect`/JSON view of the client: what it is and where it sends, never a credential. */
  readonly summary: Record<string, unknown>;
}

/**
 * Every client factory: the options checked and copied (from here on only the frozen copy is read, never the
 * caller's object), the credentials resolved from them or the environment, then the provider's services
 * assembled; the result has one typed method per operation of every service, the public fields, and an
 * `inspect`/JSON view showing only the summary (credentials live in closures, never as properties). The
 * credentials' secret fields are scrubbed from every error and log event of every service.
 */
export function createProviderClient<
  Methods,
  Fields extends object,
  Options extends { credentials?: unknown } & TransportOptions,
  Credentials,
>(
  declaration: ClientDeclaration,
  given: Options,
  assemble: (options: Options, credentials: Credentials) => ClientAssembly<Fields>,
): Methods & Fields {
  const { provider, label } = declaration;
  const options = checkClientOptions(given, provider, declaration.options ?? {}, declaration.regionPattern);
  const resolved = resolveCredentials(provider, label, options.credentials, declaration.credentials);
  const secrets = declaration.credentials.flatMap((field) =>
    field.secret && resolved[field.name] ? [resolved[field.name]!] : [],
  );
  const { services, fields, summary } = assemble(options, resolved as unknown as Credentials);
  const methods: Record<string, unknown> = {};
  for (const { adapter, operations, endpoint } of services) {
    const withSecrets = { ...adapter, secrets: [...(adapter.secrets ?? []), ...secrets] };
    Object.assign(
      methods,
      operationMethods(operations, createInvoker(withSecrets, operations, endpoint, options)),
    );
  }
  return hideInternals({ ...methods, ...fields }, summary) as Methods & Fields;
}
