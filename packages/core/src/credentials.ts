/**
 * One credential resolver for every client, driven by the provider's manifest (`x-instancekit.credentials` and
 * `x-instancekit.credentialSources`, generated into `providerFacts`). Core names no provider: the files, the
 * variables and the metadata service are facts of the spec. The chain, in order:
 *
 * 1. explicit `credentials` — the whole answer: nothing else is read (no environment, no file, no network);
 * 2. the environment variables of the credential fields (as before: any one set makes the environment the answer);
 * 3. the profile files the provider's SDK and CLI keep (Node only: the web build has no file system), read once
 *    when the client is made: the `profile` option, else the first declared profile variable that is set, else
 *    `default`; a profile that was named but is in no file is an error, not a fall-through;
 * 4. the instance-role metadata service (where the provider has one; `instanceRole: false` turns it off): read
 *    at the first call and again before the credentials expire.
 *
 * A source gives `{ keys, expiresAt? }` (the session token is one of the keys, as the manifest declares it).
 * Every error is a `CredentialsError` naming the source and the field, never a value.
 */
import { platform } from '#platform';
import { readEnv } from './env.js';
import { CredentialsError, type ProviderName } from './errors.js';
import { type CredentialField, resolveCredentials } from './options.js';
import type { FieldRules } from './validate.js';

/** One profile file of an SDK or CLI, as the manifest declares it. */
export interface CredentialFileFacts {
  /** `~/.tencentcloud/credentials`, `~/.tccli/{profile}.credential` (`~` is the home directory). */
  readonly path: string;
  /** A variable naming another path for this file (the SDK's own, where it documents one). */
  readonly pathEnv?: string;
  /** `ini`: `[profile]` sections of `key = value`; `json`: one object per file (the profile is in the path). */
  readonly format: 'ini' | 'json';
  /** The file's key of each credential field. */
  readonly keys: { readonly [field: string]: string };
}

/** An instance-role metadata service, as the manifest declares it. */
export interface MetadataFacts {
  /** The role list; `<url><role>` is the role's credentials. */
  readonly url: string;
  /** The answer's key of each credential field. */
  readonly keys: { readonly [field: string]: string };
  /** The answer's key of the expiry, in Unix seconds. */
  readonly expiresAt?: string;
  /** A key and the value it has on success (`Code: Success`). */
  readonly success?: { readonly key: string; readonly value: string };
}

export interface CredentialSourceFacts {
  /** Variables naming the profile, first set wins (after the `profile` option). */
  readonly profileEnv?: readonly string[];
  readonly files?: readonly CredentialFileFacts[];
  readonly metadata?: MetadataFacts;
}

/** The client options of the declared sources (core adds them to the client's closed options). */
export function credentialSourceRules(
  sources: CredentialSourceFacts | undefined,
): Record<string, FieldRules> {
  const name: FieldRules = { type: 'string', minLength: 1, pattern: '^[A-Za-z0-9_.@-]+$' };
  return {
    ...(sources?.files?.length ? { profile: name } : {}),
    ...(sources?.metadata
      ? { instanceRole: { type: ['string', 'boolean'] }, metadataEndpoint: { type: 'string', minLength: 1 } }
      : {}),
  };
}

export interface CredentialResolver {
  /** Where the credentials come from: `credentials`, `environment`, a file path, `metadata`. */
  readonly source: string;
  /** The credentials for one attempt: refreshed first when they expire within the margin, once for all callers. */
  current(): Promise<Record<string, string>>;
  /** Every secret value resolved so far (a new array when one is added), for scrubbing. */
  secrets(): readonly string[];
}

export interface ResolverContext {
  readonly provider: ProviderName;
  readonly label: string;
  readonly fields: readonly CredentialField[];
  readonly sources?: CredentialSourceFacts;
}

export interface ResolverOptions {
  readonly credentials?: unknown;
  readonly profile?: string;
  readonly instanceRole?: string | boolean;
  readonly metadataEndpoint?: string;
  readonly fetch?: (request: Request) => Promise<Response>;
  readonly now?: () => number;
}

/** Makes the client's resolver; what can be known synchronously (explicit, environment, files) is read now. */
export function credentialResolver(context: ResolverContext, options: ResolverOptions): CredentialResolver {
  const { provider, label, fields, sources } = context;
  const fail = (source: string, message: string, field?: string): never => {
    throw new CredentialsError(`${label} credentials (${source}): ${message}`, {
      provider,
      ...(field ? { field } : {}),
    });
  };
  const secretsOf = (keys: Record<string, string>) =>
    // Also as Base64: a provider may send a secret so (JD's session token).
    fields.flatMap((field) =>
      field.secret && keys[field.name] ? [keys[field.name]!, btoa(keys[field.name]!)] : [],
    );
  let seen: readonly string[] = [];
  const remember = (keys: Record<string, string>) => {
    const fresh = secretsOf(keys).filter((value) => !seen.includes(value));
    if (fresh.length) seen = [...seen, ...fresh];
  };
  const fixed = (source: string, keys: Record<string, string>): CredentialResolver => {
    remember(keys);
    return { source, current: async () => keys, secrets: () => seen };
  };

  const given = options.credentials;
  const explicit =
    given !== undefined &&
    (typeof given !== 'object' || given === null || Object.values(given).some((v) => v !== undefined));
  const envSet =
    !explicit &&
    fields.some(
      ({ name, env }) => readEnv(env, (message) => fail('environment', message, name)) !== undefined,
    );
  const later = !explicit && !envSet && (sources?.files?.length || sources?.metadata);
  if (!later) {
    const keys = resolveCredentials(provider, label, given, fields);
    return fixed(explicit ? 'credentials' : 'environment', keys);
  }

  if (!platform.credentialChain)
    return fixed('environment', resolveCredentials(provider, label, given, fields));
  return platform.credentialChain({
    fields,
    sources: sources!,
    options,
    fail,
    fixed,
    remember,
    seen: () => seen,
  });
}

/** What the Node-only part of the chain (profile files, metadata) gets from the resolver. */
export interface ChainKit {
  readonly fields: readonly CredentialField[];
  readonly sources: CredentialSourceFacts;
  readonly options: ResolverOptions;
  readonly fail: (source: string, message: string, field?: string) => never;
  readonly fixed: (source: string, keys: Record<string, string>) => CredentialResolver;
  readonly remember: (keys: Record<string, string>) => void;
  readonly seen: () => readonly string[];
}

export interface Resolved {
  readonly keys: Record<string, string>;
  readonly expiresAt?: number;
}
