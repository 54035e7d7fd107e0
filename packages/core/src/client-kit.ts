import {
  createInvoker,
  type OperationTable,
  operationMethods,
  type ProviderAdapter,
  type TransportOptions,
} from './operation-client.js';
import { type CredentialField, checkClientOptions, resolveCredentials } from './options.js';
import { hideInternals } from './redact.js';
import type { FieldRules } from './validate.js';

/** What a provider's client factory declares once; `startClient` does the rest the same way for all of them. */
export interface ClientDeclaration {
  readonly provider: string;
  /** How messages name the provider: `Tencent Cloud`. */
  readonly label: string;
  /** The options the client adds to core's transport options; anything else is refused. */
  readonly options: {
    readonly properties: { readonly [name: string]: FieldRules };
    readonly required?: readonly string[];
  };
  /** The generated `credentialFields` of the package. */
  readonly credentials: readonly CredentialField[];
  /** The generated `regionPattern`, where the provider has regions. */
  readonly regionPattern?: string;
}

/**
 * The first steps of every client factory: the options checked and copied (from here on only the frozen copy
 * is read, never the caller's object), the credentials resolved from them or the environment.
 */
export function startClient<Options extends { credentials?: unknown }, Credentials>(
  declaration: ClientDeclaration,
  given: Options,
): { options: Options; credentials: Credentials } {
  const options = checkClientOptions(
    given,
    declaration.provider,
    declaration.options,
    declaration.regionPattern,
  );
  const credentials = resolveCredentials(
    declaration.provider,
    declaration.label,
    options.credentials,
    declaration.credentials,
  ) as unknown as Credentials;
  return { options, credentials };
}

/** One API a client talks to: its adapter, its generated table and the base URL. */
export interface ClientService {
  readonly adapter: ProviderAdapter;
  readonly operations: OperationTable;
  readonly endpoint: string;
}

/**
 * The client object: one typed method per operation of every service, the given public fields, and an
 * `inspect`/JSON view showing only `summary` (credentials live in closures, never as properties).
 */
export function finishClient<Methods, Fields extends object>(
  services: readonly ClientService[],
  transport: TransportOptions,
  fields: Fields,
  summary: Record<string, unknown>,
): Methods & Fields {
  const methods: Record<string, unknown> = {};
  for (const { adapter, operations, endpoint } of services)
    Object.assign(
      methods,
      operationMethods(operations, createInvoker(adapter, operations, endpoint, transport)),
    );
  return hideInternals({ ...methods, ...fields }, summary) as Methods & Fields;
}
