/**
 * The Node part of the credential chain (`credentials.ts`): the profile files of the provider's SDK and CLI, then
 * the instance-role metadata service, as the manifest declares them. Reached only through `platform-node.ts`, so
 * the web build carries none of it (and never reads a file).
 */
import type { ChainKit, CredentialResolver, Resolved } from './credentials.js';
import { readEnv } from './env.js';
import { CredentialsError } from './errors.js';
import { builtin } from './node-builtins.js';

/** A refresh starts this long before the expiry, so no attempt signs with credentials about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Each metadata request's timeout: the service is local to the instance; off an instance it is absent. */
export const METADATA_TIMEOUT_MS = 2_000;

function readTextFile(path: string): string | undefined {
  try {
    return builtin('node:fs').readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw error;
  }
}

const PRINTABLE = /^[\x21-\x7e]+$/;

export function credentialChain(kit: ChainKit): CredentialResolver {
  const { fields, sources, options, fail, fixed, remember, seen } = kit;
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
  const refused = (message: string) => fail('environment', message);
  // Deno asks for --allow-sys to tell the home directory; without it the `~` files are skipped, as with no home.
  let home: string | undefined;
  try {
    home = builtin('node:os').homedir();
  } catch {
    home = undefined;
  }
  // 3. Profile files, read now (synchronously, as the client is made).
  const named =
    options.profile ??
    sources?.profileEnv?.map((name) => readEnv(name, refused)).find((value) => value !== undefined);
  const profile = named ?? 'default';
  const tried: string[] = [];
  for (const file of sources?.files ?? []) {
    const override = file.pathEnv ? readEnv(file.pathEnv, refused) : undefined;
    if (!override && file.path.startsWith('~') && !home) continue;
    const path = override ?? file.path.replace(/^~/, home ?? '~').replaceAll('{profile}', profile);
    tried.push(path);
    let text: string | undefined;
    try {
      text = readTextFile(path);
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
  if (!metadata || options.instanceRole === false)
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
    secrets: seen,
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
