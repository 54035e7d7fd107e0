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

/** A refresh starts this long before the expiry, so no attempt signs with credentials about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Each metadata request's timeout: the service is local to the instance; off an instance it is absent. */
export const METADATA_TIMEOUT_MS = 2_000;

interface Resolved {
  readonly keys: Record<string, string>;
  readonly expiresAt?: number;
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

const PRINTABLE = /^[\x21-\x7e]+$/;

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
  /** The keys of a source's record, checked as the explicit ones are (required present, printable ASCII). */
  const pick = (
    source: string,
    record: Record<string, unknown>,
    keyOf: (field: string) => string | undefined,
  ) => {
    const keys: Record<string, string> = {};
    for (const { name, optional } of fields) {
      const key = keyOf(name);
      const value = key === undefined ? undefined : record[key];
      if (value === undefined || value === '' || value === null) {
        if (optional) continue;
        fail(source, `${key ?? name} is missing`, name);
      }
      if (typeof value !== 'string' || !PRINTABLE.test(value))
        fail(source, `${key} must be a string of printable ASCII`, name);
      keys[name] = value as string;
    }
    return keys;
  };

  const given = options.credentials;
  const explicit =
    given !== undefined &&
    (typeof given !== 'object' || given === null || Object.values(given).some((v) => v !== undefined));
  const envSet = !explicit && fields.some(({ env }) => readEnv(env) !== undefined);
  const later = !explicit && !envSet && (sources?.files?.length || sources?.metadata);
  if (!later) {
    const keys = resolveCredentials(provider, label, given, fields);
    return fixed(explicit ? 'credentials' : 'environment', keys);
  }

  // 3. Profile files, read now (synchronously, as the client is made).
  const named =
    options.profile ?? sources?.profileEnv?.map((name) => readEnv(name)).find((value) => value !== undefined);
  const profile = named ?? 'default';
  const home = platform.homeDir?.();
  const tried: string[] = [];
  for (const file of sources?.files ?? []) {
    if (!platform.readTextFile) break;
    const override = file.pathEnv ? readEnv(file.pathEnv) : undefined;
    if (!override && file.path.startsWith('~') && !home) continue;
    const path = override ?? file.path.replace(/^~/, home ?? '~').replaceAll('{profile}', profile);
    tried.push(path);
    let text: string | undefined;
    try {
      text = platform.readTextFile(path);
    } catch (error) {
      fail(path, `cannot be read (${(error as { code?: string }).code ?? 'error'})`);
    }
    if (text === undefined) continue;
    const record =
      file.format === 'ini' ? iniSection(text, profile, path, fail) : jsonRecord(text, path, fail);
    if (record === undefined) continue;
    return fixed(
      path,
      pick(`${path} [${profile}]`, record, (name) => file.keys[name]),
    );
  }
  if (named !== undefined)
    fail(`profile ${profile}`, `no such profile in ${tried.join(', ') || 'any file (no file system here)'}`);

  // 4. The instance-role metadata service.
  const metadata = sources?.metadata;
  const elsewhere = `set ${fields.map((field) => field.env).join(', ')}${tried.length ? `, or write profile ${profile} in ${tried.join(' or ')}` : ''}`;
  if (!metadata || options.instanceRole === false || !platform.readTextFile)
    return fail('none found', `pass credentials or ${elsewhere}`);
  const base = options.metadataEndpoint ?? metadata.url;
  const url = base.endsWith('/') ? base : `${base}/`;
  const now = options.now ?? Date.now;
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const source = 'instance-role metadata';
  const get = async (target: string): Promise<Response> => {
    let response: Response;
    try {
      response = await send(new Request(target, { signal: AbortSignal.timeout(METADATA_TIMEOUT_MS) }));
    } catch (error) {
      const name = (error as Error)?.name ?? 'error';
      return fail(
        source,
        `${url} did not answer (${name})${held ? '' : `; or pass credentials, or ${elsewhere}`}`,
      );
    }
    if (!response.ok) fail(source, `${url} answered HTTP ${response.status}`);
    return response;
  };
  const fetchOnce = async (): Promise<Resolved> => {
    const role =
      typeof options.instanceRole === 'string'
        ? options.instanceRole
        : (await (await get(url)).text()).split(/\r?\n/)[0]!.trim();
    if (!/^[A-Za-z0-9_.@+=,-]+$/.test(role))
      fail(source, 'no instance role is attached (the role list is empty)');
    let record: Record<string, unknown>;
    try {
      record = (await (await get(url + encodeURIComponent(role))).json()) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      return fail(source, `the answer for role ${role} is not JSON`);
    }
    if (typeof record !== 'object' || record === null)
      fail(source, `the answer for role ${role} is not an object`);
    if (metadata.success && record[metadata.success.key] !== metadata.success.value)
      fail(source, `role ${role}: ${metadata.success.key} is not ${metadata.success.value}`);
    const keys = pick(`${source}, role ${role}`, record, (name) => metadata.keys[name]);
    const expiry = metadata.expiresAt === undefined ? undefined : record[metadata.expiresAt];
    if (metadata.expiresAt !== undefined && (typeof expiry !== 'number' || !Number.isFinite(expiry)))
      fail(source, `role ${role}: ${metadata.expiresAt} is not a number`);
    return { keys, ...(typeof expiry === 'number' ? { expiresAt: expiry * 1000 } : {}) };
  };
  let held: Resolved | undefined;
  let pending: Promise<Resolved> | undefined;
  const fresh = (value: Resolved | undefined): value is Resolved =>
    value !== undefined && (value.expiresAt === undefined || now() < value.expiresAt - REFRESH_MARGIN_MS);
  return {
    source,
    secrets: () => seen,
    async current() {
      if (fresh(held)) return held.keys;
      pending ??= fetchOnce()
        .then((value) => {
          remember(value.keys);
          held = value;
          return value;
        })
        .finally(() => {
          pending = undefined;
        });
      try {
        return (await pending).keys;
      } catch (error) {
        // A failed refresh while the old credentials are still valid: keep them, try again on the next attempt.
        const old = held as Resolved | undefined;
        if (old?.expiresAt !== undefined && now() < old.expiresAt) return old.keys;
        throw error;
      }
    },
  };
}

type Fail = (source: string, message: string, field?: string) => never;

/** The `[profile]` section of an INI file as a record; `undefined` when there is no such section. */
function iniSection(
  text: string,
  profile: string,
  path: string,
  fail: Fail,
): Record<string, string> | undefined {
  let section: string | undefined;
  let found: Record<string, string> | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      section = header[1];
      if (section === profile) found ??= {};
      continue;
    }
    const pair = /^([^=\s][^=]*?)\s*=\s*(.*)$/.exec(line);
    if (!pair || section === undefined)
      fail(path, `line ${index + 1} is neither a [section] nor key = value`);
    if (section === profile) found![pair![1]!] = pair![2]!;
  }
  return found;
}

function jsonRecord(text: string, path: string, fail: Fail): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail(path, 'is not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'is not a JSON object');
  return value as Record<string, unknown>;
}
