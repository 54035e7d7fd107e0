import { type CredentialSourceFacts, credentialResolver, credentialSourceRules } from './credentials.js';
import {
  createInvoker,
  type OperationTable,
  operationMethods,
  type ProviderAdapter,
  type TransportOptions,
} from './operation-client.js';
import { type ClientOptionRules, type CredentialField, checkClientOptions } from './options.js';
import { hideInternals } from './redact.js';
import type { SignedAdditions, WireRequest } from './wire-request.js';

/** What a provider is, as its specs' manifest states it (the generated `provider` of `src/generated/provider.ts`). */
export interface ProviderFacts {
  readonly provider: string;
  /** How messages name the provider: `Tencent Cloud`. */
  readonly label: string;
  /** The credential fields: the `credentials` option's keys and their environment variables. */
  readonly credentials: readonly CredentialField[];
  /** The documented form of a region id, where the provider has regions. */
  readonly regionPattern?: string;
  /** Where credentials are found when none are passed: profile files, variables, a metadata service. */
  readonly credentialSources?: CredentialSourceFacts;
}

/**
 * A signer of the credentials one attempt resolved (`current`): core resolves them before every attempt and
 * passes them in, so a refresh never lands in the middle of a signature. Without them (an openapi-fetch
 * middleware), the signer's own credentials are used.
 */
export type CredentialSigner<Credentials> = (
  request: Readonly<WireRequest>,
  current?: Credentials,
) => SignedAdditions | Promise<SignedAdditions>;

/** A provider's adapter whose signer takes the attempt's credentials. */
export type ServiceAdapter<Credentials> = Omit<ProviderAdapter, 'sign'> & {
  readonly sign: CredentialSigner<Credentials>;
};

/** What a provider's client factory declares once; `createProviderClient` does the rest the same way for all. */
export interface ClientDeclaration extends ProviderFacts {
  /**
   * The options the client adds to core's transport options, `credentials` and (with a region pattern) `region`;
   * anything else is refused.
   */
  readonly options?: ClientOptionRules;
}

/** One API a client talks to: its adapter, its generated table and the base URL. */
export interface ClientService<Credentials = never> {
  readonly adapter: ServiceAdapter<Credentials>;
  readonly operations: OperationTable;
  readonly endpoint: string;
}

/** What a factory assembles from the checked options and the resolved credentials. */
export interface ClientAssembly<Fields, Credentials = never> {
  readonly services: readonly ClientService<Credentials>[];
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
  assemble: (options: Options) => ClientAssembly<Fields, Credentials>,
): Methods & Fields {
  const { provider, label, credentialSources: sources } = declaration;
  const own = declaration.options ?? {};
  const sourceRules = credentialSourceRules(sources);
  const options = checkClientOptions(
    given,
    provider,
    {
      properties: { ...sourceRules, ...own.properties },
      endpoints: [
        ...(own.endpoints ?? []),
        ...('metadataEndpoint' in sourceRules ? ['metadataEndpoint'] : []),
      ],
    },
    declaration.regionPattern,
  );
  const resolver = credentialResolver(
    { provider, label, fields: declaration.credentials, ...(sources ? { sources } : {}) },
    options as never,
  );
  const { services, fields, summary } = assemble(options);
  const methods: Record<string, unknown> = {};
  for (const { adapter, operations, endpoint } of services) {
    const own = typeof adapter.secrets === 'function' ? adapter.secrets() : (adapter.secrets ?? []);
    let all: readonly string[] = own;
    let from: readonly string[] = [];
    const withSecrets: ProviderAdapter = {
      ...adapter,
      // Resolved before every attempt (refreshed when about to expire), then signed with exactly those.
      sign: async (request) => adapter.sign(request, (await resolver.current()) as Credentials),
      // A new array whenever a new secret was resolved (a rotation), so the invoker scrubs it too.
      secrets: () => {
        const current = resolver.secrets();
        if (current !== from) [from, all] = [current, [...own, ...current]];
        return all;
      },
    };
    Object.assign(
      methods,
      operationMethods(operations, createInvoker(withSecrets, operations, endpoint, options)),
    );
  }
  return hideInternals({ ...methods, ...fields }, summary) as Methods & Fields;
}
